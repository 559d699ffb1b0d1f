package io.mcphub.core.stack;

import java.util.Objects;

/**
 * A configuration-center document a service uses, and how a new version reaches its running instances.
 *
 * @param key  {@code SERVICE} or {@code SERVICE/NAME}
 * @param path   the file the agent writes the document to (JSON), relative to the instance's working directory;
 *               required for {@link Reload#FILE}, optional otherwise
 * @param signal for {@link Reload#FILE}: the signal (e.g. {@code HUP}) the agent sends the process after rewriting
 *               the file, for services that re-read their configuration on a signal, as nginx does; null for none
 */
public record ConfigRef(String key, Reload reload, String path, String signal) {

    public enum Reload implements Spelled {
        /** The service watches the document itself (the Java config client or the watch API). */
        LIVE,
        /** The agent rewrites {@code path} atomically on every publish; the service re-reads it. */
        FILE,
        /**
         * The configuration is read once at start (a file, or secrets taken from it into the environment): a new
         * version reaches the instances by a rolling restart, one at a time, each drained by the gateway first.
         */
        RESTART
    }

    public ConfigRef {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reload, "reload");
    }

    public ConfigRef(String key, Reload reload, String path) {
        this(key, reload, path, null);
    }
}
