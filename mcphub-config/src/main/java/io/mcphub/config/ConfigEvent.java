package io.mcphub.config;

import io.mcphub.core.Json;
import io.mcphub.store.WatchEvent;
import java.util.Optional;

/**
 * A change to a configuration document as watchers see it: which version is now the head, at which store revision,
 * and the content hash — not the content itself (the hash is taken over the fingerprinted text, see
 * {@link SecretSealer}). A watch stream adds the content only when asked, exactly as the caller could GET it
 * (masked, or revealed to a caller holding {@code read:secret}); otherwise clients GET the version they were told of.
 *
 * @param type      {@code put} for a new head (a new version, or a gray release started or ended — then the version
 *                  repeats), {@code delete} for a removed document (version 0, hash null)
 * @param candidate the version a gray release in progress gives the instances it chose, else null; watchers keep to
 *                  {@code version} (the client library ignores an event whose version it has)
 */
public record ConfigEvent(String key, long version, long revision, String type, String hash,
                          @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
                          Long candidate) {

    /** The store prefix to watch for every document whose key starts with {@code keyPrefix} ("" for all of them). */
    public static String storePrefix(String keyPrefix) {
        return ConfigLayout.HEADS + keyPrefix;
    }

    /** The event a store change under {@link #storePrefix} stands for; empty for anything that is no document head. */
    public static Optional<ConfigEvent> of(WatchEvent event) {
        if (!event.key().startsWith(ConfigLayout.HEADS)) {
            return Optional.empty();
        }
        String key = event.key().substring(ConfigLayout.HEADS.length());
        if (event.type() == WatchEvent.Type.DELETE) {
            return Optional.of(new ConfigEvent(key, 0, event.revision(), "delete", null, null));
        }
        DocumentHead head = Json.read(event.value(), DocumentHead.class);
        return Optional.of(new ConfigEvent(key, head.version(), event.revision(), "put", head.hash(),
                head.gray() == null ? null : head.gray().candidate()));
    }
}
