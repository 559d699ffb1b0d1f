package io.mcphub.deploy.probe;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

final class ProcessCommandRunner implements CommandRunner {

    private static final Logger log = LoggerFactory.getLogger(ProcessCommandRunner.class);

    /** A version banner is a few lines; anything longer is not worth holding. */
    private static final int MAX_OUTPUT = 64 * 1024;

    private final Duration timeout;

    ProcessCommandRunner(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Optional<Result> run(List<String> command, Map<String, String> env) {
        // Java resolves a bare program name on the agent's own PATH, not the child's; resolving it here honours the
        // environment the probe was given, and a program that is not installed costs no process at all.
        Optional<Path> program = resolve(command.getFirst(), env.get("PATH"));
        if (program.isEmpty()) {
            log.debug("{} is not on PATH", command.getFirst());
            return Optional.empty();
        }
        List<String> argv = new ArrayList<>(command);
        argv.set(0, program.get().toString());
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            log.debug("{} did not start: {}", argv, e.getMessage());
            return Optional.empty();
        }
        // Read on another thread: a chatty program would otherwise block on a full pipe and look hung.
        CompletableFuture<String> output = new CompletableFuture<>();
        Thread.ofVirtual().name("probe-output").start(() -> output.complete(drain(process.getInputStream())));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.info("{} did not answer within {}; treating it as not available", argv, timeout);
                kill(process);
                return Optional.empty();
            }
            // A grandchild may still hold the pipe open after the program exited; do not wait for it long.
            return Optional.of(new Result(process.exitValue(), output.get(timeout.toMillis(), TimeUnit.MILLISECONDS)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(process);
            return Optional.empty();
        } catch (ExecutionException | TimeoutException e) {
            kill(process);
            return Optional.empty();
        }
    }

    static Optional<Path> resolve(String program, String searchPath) {
        if (program.contains(File.separator)) {
            return Optional.of(Path.of(program)).filter(ProcessCommandRunner::runnable);
        }
        if (searchPath == null) {
            return Optional.empty();
        }
        for (String dir : searchPath.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, program);
                if (runnable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean runnable(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
