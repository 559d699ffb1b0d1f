package io.mcphub.deploy.runtime.supervisor;

import io.mcphub.deploy.runtime.log.RotatingLog;
import io.mcphub.deploy.runtime.mcp.RelayChannel;
import io.mcphub.deploy.runtime.mcp.StdioConnection;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * What a runtime runs for one instance, started anew by the {@link Supervisor} on every (re)start: an OS process
 * tree for the process runtime, a container for Docker. The supervisor decides when; the workload knows how.
 */
public interface Workload {

    /**
     * Called once, on the supervising thread, before the first start: stops whatever a previous agent (killed
     * before it could clean up) left running for this instance, so no second copy ever runs beside it.
     */
    void reapLeftover(Duration grace, RotatingLog log);

    /**
     * Starts one run. Its output goes to {@code log}; for a stdio MCP server ({@code relay} non-null) its stdout
     * is the protocol channel instead, wired to {@code relay} (see {@link Streams#wire}).
     *
     * @throws IOException when it cannot start at all; the message says why in one sentence
     */
    Run start(RelayChannel relay, RotatingLog log) throws IOException;

    /** What runs, for the log: the command line, the image. */
    String description();

    /** One started run of a workload. */
    interface Run {

        /** The run's root process on this host. */
        long pid();

        /** Null unless the instance speaks MCP over stdio. */
        StdioConnection connection();

        /** Completes when the run has ended by itself (or was ended). */
        CompletableFuture<?> exit();

        default boolean exited() {
            return exit().isDone();
        }

        /** Sends the run a signal by name; see {@link io.mcphub.deploy.runtime.Instance#signal}. */
        default void signal(String name) throws IOException {
            throw new IllegalStateException("this runtime cannot signal its processes");
        }

        /** Called between health checks, e.g. to learn the children a process forked meanwhile. */
        default void refresh() {}

        /**
         * Ends the run: gracefully (SIGTERM) first, for good (SIGKILL) after {@code grace}, and releases what it
         * held. Returns the exit code; 128 + n when signal n ended it.
         */
        int terminate(Duration grace);
    }
}
