package io.mcphub.hub.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.config.ConfigCenter;
import io.mcphub.config.ConfigEvent;
import io.mcphub.core.Json;
import io.mcphub.core.error.ProblemException;
import io.mcphub.store.StoreException;
import io.mcphub.store.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * The SSE frames of configuration changes, each made once and shared by every stream that sends it: with 1,000
 * streams open, one publish would otherwise parse the head and write the JSON 1,000 times (and, with content, read
 * and unseal the version 1,000 times). A frame holds no decision about who may see it; each stream picks the
 * {@link Variant} its caller is allowed before asking for it.
 */
final class WatchFrames {

    /** What a frame carries besides the change itself. */
    enum Variant {
        /** key, version, revision, type, hash: what every stream gets unless it asks for content. */
        META,
        /** ...and the version as {@code GET ?view=json} returns it, secrets masked. */
        MASKED,
        /** ...and the version with secrets in clear, as {@code GET ?view=json&reveal=true} returns it. */
        REVEALED
    }

    /**
     * Content larger than this (as JSON) is left out of the event; the client GETs it instead. Keeps one large
     * document from holding 1,000 copies of itself in the streams' buffers.
     */
    static final int MAX_INLINE_CONTENT = 256 * 1024;

    /** A memo, not a store of record: past this many frames it starts afresh (a stream then makes its frame again). */
    private static final int MAX_FRAMES = 1024;

    private static final byte[] NONE = new byte[0];
    /** Where document heads live in the store: every event of the feed is under it. */
    private static final String HEADS = ConfigEvent.storePrefix("");

    private record Key(long revision, String storeKey, WatchEvent.Type type, Variant variant) {}

    private final ConfigCenter config;
    private final ConcurrentHashMap<Key, Frame> frames = new ConcurrentHashMap<>();

    WatchFrames(ConfigCenter config) {
        this.config = config;
    }

    /** The config key an event is about, or empty when the event is about no document head. */
    static Optional<String> documentKey(WatchEvent e) {
        return e.key().startsWith(HEADS) ? Optional.of(e.key().substring(HEADS.length())) : Optional.empty();
    }

    /** The frame for {@code e} (empty when it is no document head). */
    byte[] frame(WatchEvent e, Variant variant) {
        Key key = new Key(e.revision(), e.key(), e.type(), variant);
        Frame frame = frames.get(key);
        if (frame == null) {
            if (frames.size() >= MAX_FRAMES) {
                frames.clear();
            }
            frame = frames.computeIfAbsent(key, k -> new Frame());
        }
        return frame.bytes(() -> make(e, variant));
    }

    private byte[] make(WatchEvent e, Variant variant) {
        Optional<ConfigEvent> change = ConfigEvent.of(e);
        if (change.isEmpty()) {
            return NONE;
        }
        ConfigEvent c = change.get();
        ObjectNode data = Json.JSON.valueToTree(c);
        if (variant != Variant.META && "put".equals(c.type())) {
            content(c, variant == Variant.REVEALED).ifPresent(content -> data.set("content", content));
        }
        return ("id: " + c.revision() + "\ndata: " + Json.write(data) + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The version as the GET route would answer it (the same call, so masking is the same code), or empty if it
     * cannot be had now; the client then GETs it and meets whatever the GET meets.
     */
    private Optional<JsonNode> content(ConfigEvent c, boolean reveal) {
        try {
            JsonNode json = config.get(c.key(), c.version(), reveal).json();
            return Json.bytes(json).length <= MAX_INLINE_CONTENT ? Optional.of(json) : Optional.empty();
        } catch (ProblemException | StoreException e) {
            return Optional.empty(); // e.g. deleted since; a 404 on the GET says so properly
        }
    }

    /**
     * Made by the first stream that needs it; the others wait for that one instead of making their own. They park on
     * a future rather than a monitor: a hundred virtual threads contending for a monitor while the first reads the
     * version from etcd spun on both cores (a third of the hub's CPU per publish in the propagation bench).
     */
    private static final class Frame {
        private final AtomicBoolean claimed = new AtomicBoolean();
        private final CompletableFuture<byte[]> bytes = new CompletableFuture<>();

        byte[] bytes(Supplier<byte[]> make) {
            if (!bytes.isDone() && claimed.compareAndSet(false, true)) {
                try {
                    bytes.complete(make.get());
                } catch (RuntimeException e) {
                    bytes.completeExceptionally(e);
                }
            }
            return bytes.join();
        }
    }
}
