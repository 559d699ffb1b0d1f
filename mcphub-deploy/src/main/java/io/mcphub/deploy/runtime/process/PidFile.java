package io.mcphub.deploy.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the running process in the instance directory (pid and start time, so a reused pid is never mistaken
 * for ours). An agent killed with SIGKILL runs no shutdown hook; when it starts the instance again, the process
 * its predecessor left behind is found here and stopped before a second copy starts.
 */
final class PidFile {

    private static final Logger LOG = LoggerFactory.getLogger(PidFile.class);
    static final String NAME = "process.pid";

    private final Path file;

    PidFile(Path instanceDir) {
        this.file = instanceDir.resolve(NAME);
    }

    void write(ProcessHandle process) {
        Optional<Instant> started = process.info().startInstant();
        try {
            Files.writeString(file, process.pid() + " " + started.map(Instant::toString).orElse("-") + "\n");
        } catch (IOException e) {
            LOG.warn("cannot record pid {} in {}: {}", process.pid(), file, e.getMessage());
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", file, e.getMessage());
        }
    }

    /** Stops the process a previous agent recorded here, if it still runs, with its whole tree. */
    void reapLeftover(Duration grace) {
        if (!Files.exists(file)) {
            return;
        }
        try {
            String[] fields = Files.readString(file).trim().split(" ");
            long pid = Long.parseLong(fields[0]);
            Optional<ProcessHandle> process = ProcessHandle.of(pid);
            if (process.isPresent() && sameStart(process.get(), fields.length > 1 ? fields[1] : "-")) {
                LOG.warn("stopping pid {} left running by a previous agent ({})", pid, file.getParent());
                ProcessTree.terminate(ProcessTree.members(process.get()), grace);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot check {} for a leftover process: {}", file, e.getMessage());
        }
        delete();
    }

    private static boolean sameStart(ProcessHandle process, String recorded) {
        return !"-".equals(recorded)
                && process.info().startInstant().map(Instant::toString).filter(recorded::equals).isPresent();
    }
}
