package io.mcphub.core.stack;

import java.util.Objects;

/**
 * A configuration-center document a service uses, and how a new version reaches its running instances.
 *
 * @param key  {@code SERVICE} or {@code SERVICE/NAME}
 * @param path the file the agent writes the document to (JSON), relative to the instance's working directory;
 *             required for {@link Reload#FILE}, optional otherwise
 */
public record ConfigRef(String key, Reload reload, String path) {

    public enum Reload implements Spelled {
        /** The service watches the document itself (the Java config client or the watch API). */
        LIVE,
        /** The agent rewrites {@code path} atomically on every publish; the service re-reads it. */
        FILE,
        /** The agent rewrites {@code path} (if given) and restarts the instance on every publish. */
        RESTART
    }

    public ConfigRef {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reload, "reload");
    }
}
