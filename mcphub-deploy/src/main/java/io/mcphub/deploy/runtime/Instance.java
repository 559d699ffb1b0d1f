package io.mcphub.deploy.runtime;

import io.mcphub.deploy.runtime.log.LogReader;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/** One running (or finished) instance of a service, as a runtime keeps it alive. */
public interface Instance {

    String id();

    InstanceSpec spec();

    InstanceState state();

    /** The current process; empty between processes (backoff) and after the end. */
    OptionalLong pid();

    /** How many times a process was started again after the first. */
    int restarts();

    Optional<ExitInfo> lastExit();

    InstanceStatus status();

    /** Stops the current process (gracefully, like {@link #stop}) and starts a new one at once. */
    void restart(Duration grace);

    /**
     * Stops the instance for good: SIGTERM to the whole process tree, SIGKILL to whatever is left after
     * {@code grace}. Returns when no process of the tree is alive.
     */
    void stop(Duration grace);

    /**
     * Sends the running process a signal by name ({@code HUP}, {@code USR1}, …), e.g. to make it re-read a
     * configuration file the agent rewrote.
     *
     * @throws IllegalStateException when no process runs now, or the runtime cannot signal one; the message says which
     */
    void signal(String name);

    /**
     * The agent rewrote the instance's configuration files in place (in {@link Runtime#configDir}); a runtime whose
     * instances do not read that directory directly passes them on (a pod's Secret). Processes and containers
     * see the files as they are written: nothing to do.
     */
    default void filesChanged() {}

    /** The captured output, also readable after the instance stopped. */
    LogReader logs();

    Subscription onStateChange(StateListener listener);

    /**
     * For stdio MCP instances, the protocol channel to the server; it stays the same object across restarts
     * (each new process is initialized behind it). Empty for every other transport.
     */
    Optional<McpChannel> mcp();
}
