package io.mcphub.store.etcd;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real etcd for tests: Debian's {@code etcd} binary, single member, on free loopback ports, with its data in a
 * temporary directory. Use it as {@code @RegisterExtension static final EtcdServer etcd = new EtcdServer();} (started
 * before the class's tests, removed after them) or call {@link #start()} and {@link #close()} yourself.
 *
 * <p>{@link #stop()} kills the process as a crash would; {@link #restart()} brings it back on the same data and ports.
 * Missing etcd fails the test: a store test that silently skips proves nothing.
 */
public final class EtcdServer implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final String MISSING = "etcd not found on PATH: run bin/test, which installs Debian's etcd-server";

    private Path binary;
    private Path workDir;
    private int clientPort;
    private int peerPort;
    private Process process;

    /** Starts etcd and waits until it reports healthy. */
    public synchronized EtcdServer start() {
        if (workDir == null) {
            binary = findBinary();
            try {
                workDir = Files.createTempDirectory("mcphub-etcd-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            clientPort = freePort();
            peerPort = freePort();
        }
        launch();
        return this;
    }

    /** {@code 127.0.0.1:PORT}, the form EtcdStore and {@code etcd://} specs take. */
    public String endpoint() {
        return "127.0.0.1:" + clientPort;
    }

    public Path dataDir() {
        return workDir.resolve("data");
    }

    /** Kills etcd (SIGKILL, like a crash) and waits until it is gone. Its data stays. */
    public synchronized void stop() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Kills etcd and starts it again on the same data directory and ports. */
    public synchronized void restart() {
        stop();
        launch();
    }

    /** Kills etcd and deletes its data. */
    @Override
    public synchronized void close() {
        stop();
        if (workDir != null) {
            deleteRecursively(workDir);
            workDir = null;
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void launch() {
        String client = "http://127.0.0.1:" + clientPort;
        String peer = "http://127.0.0.1:" + peerPort;
        ProcessBuilder builder = new ProcessBuilder(binary.toString(),
                "--name", "test",
                "--data-dir", dataDir().toString(),
                "--listen-client-urls", client, "--advertise-client-urls", client,
                "--listen-peer-urls", peer, "--initial-advertise-peer-urls", peer,
                "--initial-cluster", "test=" + peer, "--initial-cluster-state", "new",
                "--logger", "zap", "--log-outputs", "stderr");
        // Settings from the environment (ETCD_*) would override the flags above.
        builder.environment().keySet().removeIf(name -> name.startsWith("ETCD"));
        builder.redirectErrorStream(true);
        builder.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + binary, e);
        }
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
        awaitHealthy(started);
    }

    private void awaitHealthy(Process started) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + clientPort + "/health"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                fail("etcd exited with code " + started.exitValue() + " on start; its log ends with:\n" + logTail());
            }
            try {
                HttpResponse<String> response = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"health\":\"true\"")) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for etcd");
            }
            sleep(50);
        }
        stop();
        fail("etcd did not become healthy within " + START_TIMEOUT.toSeconds() + " s; its log ends with:\n"
                + logTail());
    }

    private Path logFile() {
        return workDir.resolve("etcd.log");
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static Path findBinary() {
        String path = System.getenv("PATH");
        Stream<String> dirs = path == null ? Stream.empty() : Stream.of(path.split(File.pathSeparator));
        return dirs.map(dir -> Path.of(dir, "etcd"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseGet(() -> fail(MISSING));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp directory is not worth failing a test over.
        }
    }
}
