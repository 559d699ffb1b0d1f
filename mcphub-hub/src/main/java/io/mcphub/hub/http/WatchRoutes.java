package io.mcphub.hub.http;

import io.javalin.http.Context;
import io.mcphub.config.ConfigCenter;
import io.mcphub.config.ConfigEvent;
import io.mcphub.core.Json;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.hub.http.WatchFrames.Variant;
import io.mcphub.security.auth.Authenticator;
import io.mcphub.security.auth.Principal;
import io.mcphub.store.CompactedException;
import io.mcphub.store.Store;
import io.mcphub.store.StoreException;
import io.mcphub.store.Watch;
import io.mcphub.store.WatchEvent;
import io.mcphub.store.WatchListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * {@code GET /api/v1/watch?prefix=KEY_PREFIX&fromRevision=N[&content=true[&reveal=true]]}: configuration changes as
 * Server-Sent Events, one per new document version, with the store revision as the event id so that
 * {@code Last-Event-ID} resumes exactly after the last event seen. Built on {@link Store#watch}, which never skips nor
 * repeats a revision; each event is checked against the caller's {@code read:config} grants, since a prefix such as
 * {@code pay} also covers keys ({@code payroll}) that a grant scoped to {@code payment/*} does not.
 *
 * <p>By default an event carries no content. With {@code content=true} it also carries the version exactly as
 * {@code GET /api/v1/config/docs/KEY?view=json} would return it to the same caller — secrets masked — which saves
 * every watcher a GET per publish. {@code reveal=true} on top asks for secrets in clear: it needs {@code read:secret}
 * on the prefix to start, and each event is revealed only if the caller holds {@code read:secret} on its key, as the
 * GET demands; otherwise the event goes without content and the client's GET meets the GET's own refusal.
 *
 * <p>The work of a publish is done once for all streams: one shared store watch ({@link WatchFeed}) and one frame per
 * event and variant ({@link WatchFrames}); per stream there is only the permission check and the socket write. The
 * caller is re-checked when auth data changes ({@link WatchAuth}), so a revoked token or grant stops its stream.
 */
public final class WatchRoutes implements RouteGroup {

    /** A comment this often keeps proxies from closing a quiet stream and tells the handler when its reader has gone. */
    public static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

    /**
     * How long a resuming watch waits for the store to report a compacted revision before the 200 goes out. The
     * embedded store reports it at once and etcd within a round trip; should etcd be slower, the stream still ends
     * with a {@code compacted} event, which clients treat like the 410.
     */
    static final Duration COMPACTION_SETTLE = Duration.ofMillis(250);

    /** The characters of configuration keys: anything else cannot match a document, so it is a mistake to report. */
    private static final Pattern PREFIX = Pattern.compile("[a-z0-9._/-]{0,128}");
    private static final byte[] NOTHING = new byte[0];
    private static final byte[] KEEP_ALIVE_COMMENT = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);

    /**
     * Queues every open stream's keep-alive tick. A stream waiting for its next event with a timeout would put a timer
     * in and take it out again for every event it is woken for; at 1,000 streams that was about a fifth of the hub's CPU
     * per publish in bench/config-propagation.sh. So streams wait without a timeout and this one thread wakes them.
     */
    private static final ScheduledThreadPoolExecutor TICKS = ticks();

    private final Store store;
    private final Duration keepAlive;
    private final WatchFeed feed;
    private final WatchFrames frames;
    private final WatchAuth auth;

    public WatchRoutes(Store store, ConfigCenter config, Authenticator authenticator) {
        this(store, config, authenticator, KEEP_ALIVE);
    }

    public WatchRoutes(Store store, ConfigCenter config, Authenticator authenticator, Duration keepAlive) {
        this.store = store;
        this.keepAlive = keepAlive;
        this.feed = new WatchFeed(store, ConfigEvent.storePrefix(""));
        this.frames = new WatchFrames(config);
        this.auth = new WatchAuth(store, authenticator);
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(ApiRoute.get("/api/v1/watch", Access.requiresOnQuery("read:config", "prefix"), "config.watch", this::watch));
    }

    private void watch(Context ctx) throws IOException {
        String prefix = prefix(ctx);
        long requested = startRevision(ctx);
        boolean content = Boolean.parseBoolean(ctx.queryParam("content"));
        boolean reveal = Boolean.parseBoolean(ctx.queryParam("reveal"));
        if (reveal) {
            if (!content) {
                throw new ProblemException(ProblemType.BAD_REQUEST, "reveal=true reveals secrets in the events' content,"
                        + " so it needs content=true as well");
            }
            // Reading documents and reading their secrets are separate rights, on a stream as on a GET.
            AccessFilter.demand(ctx, "read:secret", prefix.isEmpty() ? null : prefix);
        }
        WatchAuth.Caller caller = auth.caller(AccessFilter.bearer(ctx)).orElseThrow(() -> new ProblemException(ProblemType.UNAUTHORIZED,
                Authenticator.Failure.INVALID.detail()));
        Events events = new Events();
        ScheduledFuture<?> ticks = null;
        // Read before the watch starts: a "from now" watch then starts right after it, so a client that reads the
        // documents after this answer arrives misses no change in between (the MCPHub-Revision header tells which).
        long current = store.currentRevision();
        long from = requested == 0 ? current + 1 : requested;
        String storePrefix = ConfigEvent.storePrefix(prefix);
        Watch shared = feed.subscribe(storePrefix, from, events);
        try (Watch ignored = shared != null ? shared : store.watch(storePrefix, from, events)) {
            Object first = shared == null && from <= current ? events.poll(COMPACTION_SETTLE) : null;
            if (first instanceof CompactedException compacted) {
                gone(ctx, compacted);
                return;
            }
            ctx.status(200).contentType("text/event-stream; charset=utf-8")
                    .header("Cache-Control", "no-cache").header("MCPHub-Revision", Long.toString(from - 1));
            OutputStream out = ctx.res().getOutputStream();
            send(out, (": watching \"" + prefix + "\" from revision " + from + "\n\n").getBytes(StandardCharsets.UTF_8));
            long every = keepAlive.toNanos();
            ticks = TICKS.scheduleAtFixedRate(events::tick, every, every, TimeUnit.NANOSECONDS);
            for (Object item = first; ; item = events.next()) {
                switch (item) {
                    case null -> send(out, KEEP_ALIVE_COMMENT);
                    case Events.Tick tick -> send(out, KEEP_ALIVE_COMMENT);
                    case WatchEvent[] batch -> {
                        Optional<Principal> now = caller.current();
                        if (now.isEmpty()) {
                            return; // the token was revoked or has expired: the client's reconnect meets the 401
                        }
                        send(out, frames(batch, now.get(), content, reveal));
                    }
                    case CompactedException compacted -> {
                        send(out, ("event: compacted\ndata: " + Json.write(Map.of("currentRevision", store.currentRevision()))
                                + "\n\n").getBytes(StandardCharsets.UTF_8));
                        return;
                    }
                    default -> {
                        return; // the store stopped the watch (closing): the client reconnects with Last-Event-ID
                    }
                }
            }
        } catch (IOException e) {
            // the reader hung up; closing the watch above is all there is to do
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (ticks != null) {
                ticks.cancel(false);
            }
        }
    }

    private static ScheduledThreadPoolExecutor ticks() {
        ScheduledThreadPoolExecutor ticks = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "mcphub-watch-keep-alive");
            t.setDaemon(true);
            return t;
        });
        ticks.setRemoveOnCancelPolicy(true); // an ended stream's ticks go at once, not when they were next due
        return ticks;
    }

    private void gone(Context ctx, CompactedException compacted) {
        long current = store.currentRevision();
        Problems.write(ctx, ProblemType.GONE, "revision " + compacted.requestedRevision() + " has been compacted; read the"
                + " documents again and watch from currentRevision " + current + " (fromRevision=" + (current + 1) + ")",
                List.of(), Map.of("currentRevision", current));
    }

    /** The SSE frames of one batch, leaving out documents the caller may not read and content it may not see. */
    private byte[] frames(WatchEvent[] batch, Principal caller, boolean content, boolean reveal) {
        if (batch.length == 1) { // the usual case: the shared frame as it is, no copy
            return frame(batch[0], caller, content, reveal);
        }
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (WatchEvent e : batch) {
            b.writeBytes(frame(e, caller, content, reveal));
        }
        return b.toByteArray();
    }

    private byte[] frame(WatchEvent e, Principal caller, boolean content, boolean reveal) {
        Optional<String> key = WatchFrames.documentKey(e);
        if (key.isEmpty() || !caller.allows("read:config", key.get())) {
            return NOTHING;
        }
        Variant variant = !content ? Variant.META
                : !reveal ? Variant.MASKED
                : caller.allows("read:secret", key.get()) ? Variant.REVEALED : Variant.META;
        return frames.frame(e, variant);
    }

    private static void send(OutputStream out, byte[] bytes) throws IOException {
        if (bytes.length > 0) {
            out.write(bytes);
            out.flush();
        }
    }

    private static String prefix(Context ctx) {
        String prefix = ctx.queryParam("prefix");
        prefix = prefix == null ? "" : prefix;
        if (!PREFIX.matcher(prefix).matches()) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "prefix \"" + prefix + "\" cannot match a configuration key;"
                    + " use the start of a key such as payment or payment/db (lower-case letters, digits, '.', '_', '-', '/')");
        }
        return prefix;
    }

    /** Last-Event-ID (a reconnecting client) wins over fromRevision: events strictly after the last one seen. */
    private static long startRevision(Context ctx) {
        String lastEventId = ctx.header("Last-Event-ID");
        Long fromRevision = Params.optionalLong(ctx, "fromRevision");
        long start = lastEventId != null && !lastEventId.isBlank() ? Params.parseLong("Last-Event-ID", lastEventId) + 1
                : fromRevision == null ? 0 : fromRevision;
        if (start < 0) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "fromRevision must be 0 (from now on) or a positive revision, not " + start);
        }
        return start;
    }

    /** The store's deliveries, handed from its watch thread to the request's: event batches, then maybe an error. */
    private static final class Events implements WatchListener {

        private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();

        @Override
        public void onEvents(List<WatchEvent> events) {
            queue.add(events.toArray(WatchEvent[]::new));
        }

        @Override
        public void onError(StoreException error) {
            queue.add(error);
        }

        /** Time to send a keep-alive comment (a stream's queue holds at most one, however long its writes take). */
        enum Tick { TICK }

        private final AtomicBoolean tickQueued = new AtomicBoolean();

        /** The first delivery within {@code timeout}, or null: for the start of a stream only. */
        Object poll(Duration timeout) throws InterruptedException {
            return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** The next delivery, or a {@link Tick}: waits without a timer, which per event costs more than the wait. */
        Object next() throws InterruptedException {
            Object item = queue.take();
            if (item == Tick.TICK) {
                tickQueued.set(false);
            }
            return item;
        }

        void tick() {
            if (tickQueued.compareAndSet(false, true)) {
                queue.add(Tick.TICK);
            }
        }
    }
}
