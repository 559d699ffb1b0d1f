package io.mcphub.deploy.runtime.process;

import io.mcphub.deploy.runtime.mcp.StdioConnection;
import io.mcphub.deploy.runtime.supervisor.Workload;
import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One OS process of an instance and the tree it spawned. The tree is remembered while it runs: once the root is
 * gone, its children no longer show up as its descendants, yet they must still be stopped.
 */
final class RunningProcess implements Workload.Run {

    private final Process process;
    private final StdioConnection connection;
    private final PidFile pidFile;
    private final Set<ProcessHandle> known = new LinkedHashSet<>();

    RunningProcess(Process process, StdioConnection connection, PidFile pidFile) {
        this.process = process;
        this.connection = connection;
        this.pidFile = pidFile;
        refresh();
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public StdioConnection connection() {
        return connection;
    }

    @Override
    public CompletableFuture<Process> exit() {
        return process.onExit();
    }

    @Override
    public boolean exited() {
        return !process.isAlive();
    }

    @Override
    public synchronized void refresh() {
        known.removeIf(p -> !ProcessTree.running(p));
        known.addAll(ProcessTree.members(process.toHandle()));
    }

    synchronized Collection<ProcessHandle> knownTree() {
        return Set.copyOf(known);
    }

    /** The root process only: a shell wrapper that should pass the signal on must do so itself, as with kill(1). */
    @Override
    public void signal(String name) throws IOException {
        Process kill = new ProcessBuilder("kill", "-s", name, Long.toString(process.pid())).redirectErrorStream(true).start();
        try {
            String out = new String(kill.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            if (kill.waitFor() != 0) {
                throw new IOException("kill -s " + name + " " + process.pid() + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling pid " + process.pid(), e);
        }
    }

    /** Stops the whole tree (SIGTERM, then SIGKILL after {@code grace}) and returns the root's exit code. */
    @Override
    public int terminate(Duration grace) {
        refresh();
        ProcessTree.terminate(knownTree(), grace);
        if (connection != null) {
            connection.close();
        }
        pidFile.delete();
        return exitCode();
    }

    private int exitCode() {
        try {
            if (process.waitFor(5, TimeUnit.SECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return -1;
    }
}
