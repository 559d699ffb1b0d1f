package io.mcphub.deploy.probe;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs a program to ask its version; probes reach it through {@link ProbeContext#run(String...)}. */
@FunctionalInterface
public interface CommandRunner {

    /**
     * Runs {@code command}, resolving its program on {@code env}'s {@code PATH}. Empty when it cannot run at all —
     * not installed, not executable, or too slow — which to a probe means "not available", never an error.
     */
    Optional<Result> run(List<String> command, Map<String, String> env);

    /** @param output standard output and standard error together, as {@code java -version} answers on the latter */
    record Result(int exitCode, String output) {
        public boolean succeeded() {
            return exitCode == 0;
        }
    }

    /** Real processes, each killed (with its children) when it outlives {@code timeout}. */
    static CommandRunner processes(Duration timeout) {
        return new ProcessCommandRunner(timeout);
    }
}
