package io.mcphub.deploy.runtime.docker;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real Docker engine for tests, and the images they run. No image can be pulled on our machines, so the images
 * are made here from the host's own files with {@code docker import}: busybox (Debian's {@code busybox-static})
 * for an HTTP service, and node with {@code @modelcontextprotocol/server-everything} for a stdio MCP server. Each
 * is tagged by a hash of what went into it, so a second run finds it and imports nothing.
 *
 * <p>Register it with {@code @RegisterExtension static final TestDocker docker = new TestDocker();}: an engine that
 * does not answer fails the class (bin/test installs docker.io and starts dockerd); it never skips.
 */
public final class TestDocker implements BeforeAllCallback {

    private static final String FIXTURE_VERSION = "1";
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(3);

    public static DockerEngine engine() {
        return new DockerEngine(DockerEngine.DEFAULT_SOCKET, Duration.ofSeconds(30));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        requireEngine();
    }

    public static void requireEngine() {
        if (!engine().ping()) {
            fail("the Docker engine does not answer on " + DockerEngine.DEFAULT_SOCKET + ": run bin/test, which installs"
                    + " docker.io and starts dockerd (as root: dockerd >/var/log/dockerd.log 2>&1 &)");
        }
    }

    /**
     * busybox alone, with a page to serve at {@code /www/index.html}; run e.g.
     * {@code /bin/sh -c 'exec httpd -f -p $PORT -h /www'}.
     */
    public static synchronized String busybox() {
        String found = output(List.of("sh", "-c", "command -v busybox")).trim();
        if (found.isEmpty()) {
            fail("busybox is not on PATH: run bin/test, which installs Debian's busybox-static");
        }
        Path busybox = realPath(Path.of(found));
        List<Path> inputs = new ArrayList<>(List.of(busybox));
        inputs.addAll(libraries(busybox));
        String tag = "mcphub-test/busybox:" + hash(inputs);
        if (exists(tag)) {
            return tag;
        }
        Path staging = temp("mcphub-busybox-");
        try {
            Files.createDirectories(staging.resolve("bin"));
            Files.copy(busybox, staging.resolve("bin/busybox"));
            for (String applet : List.of("sh", "httpd", "sleep", "echo", "cat", "ls", "kill")) {
                Files.createSymbolicLink(staging.resolve("bin").resolve(applet), Path.of("busybox"));
            }
            Files.createDirectories(staging.resolve("tmp"));
            Files.createDirectories(staging.resolve("www"));
            Files.writeString(staging.resolve("www/index.html"), "hello from busybox\n");
            List<String> tar = new ArrayList<>(List.of("-C", staging.toString(), "."));
            Set<Path> libraries = libraries(busybox);
            if (!libraries.isEmpty()) { // busybox-static has none; a dynamic busybox brings its own
                tar.addAll(List.of("-C", "/"));
                libraries.forEach(lib -> tar.add(relative(lib)));
            }
            importImage(tag, tar, List.of());
            return tag;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(staging);
        }
    }

    /**
     * node and server-everything, from the host: the image's entry point is
     * {@code node …/server-everything/dist/index.js stdio}, a stdio MCP server.
     */
    public static synchronized String everything() {
        Path node = realPath(Path.of(run(List.of("sh", "-c", "command -v node")).trim()));
        Path root = Path.of(run(List.of("npm", "root", "-g")).trim());
        Path server = root.resolve("@modelcontextprotocol/server-everything");
        if (!Files.isRegularFile(server.resolve("dist/index.js"))) {
            fail("@modelcontextprotocol/server-everything is not installed under " + root + ": run bin/test, which installs it");
        }
        Set<Path> libraries = libraries(node);
        List<Path> inputs = new ArrayList<>(List.of(node, server.resolve("package.json")));
        inputs.addAll(libraries);
        String tag = "mcphub-test/everything:" + hash(inputs);
        if (exists(tag)) {
            return tag;
        }
        Path staging = temp("mcphub-everything-");
        try {
            Files.createDirectories(staging.resolve("tmp"));
            List<String> tar = new ArrayList<>(List.of("-C", staging.toString(), "tmp", "-C", "/"));
            tar.add(relative(node));
            libraries.forEach(lib -> tar.add(relative(lib)));
            tar.add(relative(server));
            importImage(tag, tar, List.of(
                    "ENTRYPOINT [\"" + node + "\", \"" + server.resolve("dist/index.js") + "\"]",
                    "CMD [\"stdio\"]"));
            return tag;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(staging);
        }
    }

    /**
     * Starts a container as an agent killed by SIGKILL would leave it: labelled with {@code owner} and {@code instance},
     * running {@code sleep}, known to no runtime. Returns its id.
     */
    public static String leftover(String name, String instance, String owner) throws IOException {
        ObjectNode config = JsonNodeFactory.instance.objectNode().put("Image", busybox());
        config.putArray("Entrypoint").add("/bin/sleep");
        config.putArray("Cmd").add("600");
        config.putObject("Labels").put(DockerRuntime.LABEL_INSTANCE, instance).put(DockerRuntime.LABEL_SERVICE, "old")
                .put(DockerRuntime.LABEL_OWNER, owner);
        config.putObject("HostConfig").put("NetworkMode", "host").put("Init", true);
        DockerEngine engine = engine();
        String id = engine.create(name, config);
        engine.start(id);
        return id;
    }

    /** The shared libraries {@code ldd} names for the binary, the dynamic loader included; none for a static one. */
    private static Set<Path> libraries(Path binary) {
        Set<Path> libs = new LinkedHashSet<>();
        Matcher m = Pattern.compile("(/\\S+) \\(0x").matcher(output(List.of("ldd", binary.toString())));
        while (m.find()) {
            libs.add(Path.of(m.group(1)));
        }
        return libs;
    }

    private static boolean exists(String tag) {
        try {
            return engine().image(tag).isPresent();
        } catch (IOException e) {
            requireEngine();
            throw new UncheckedIOException(e);
        }
    }

    /** tar (dereferencing symlinks, so a library's link name holds the library) into {@code docker import}. */
    private static void importImage(String tag, List<String> tarArgs, List<String> changes) throws IOException {
        Path tarball = Files.createTempFile("mcphub-image-", ".tar");
        try {
            List<String> tar = new ArrayList<>(List.of("tar", "-c", "-h", "-f", tarball.toString()));
            tar.addAll(tarArgs);
            run(tar);
            List<String> docker = new ArrayList<>(List.of("docker", "import"));
            changes.forEach(change -> {
                docker.add("--change");
                docker.add(change);
            });
            docker.add(tarball.toString());
            docker.add(tag);
            run(docker);
        } finally {
            Files.deleteIfExists(tarball);
        }
    }

    private static String hash(List<Path> inputs) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(FIXTURE_VERSION.getBytes(StandardCharsets.UTF_8));
            for (Path p : inputs) {
                sha.update((p + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String run(List<String> command) {
        return run(command, true);
    }

    /** Whatever the command printed, whether or not it succeeded ({@code ldd} fails on a static binary). */
    private static String output(List<String> command) {
        return run(command, false);
    }

    private static String run(List<String> command, boolean mustSucceed) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || (mustSucceed && p.exitValue() != 0)) {
                fail(String.join(" ", command) + " failed: " + new String(out, StandardCharsets.UTF_8));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String relative(Path absolute) {
        return absolute.toString().replaceFirst("^/+", "");
    }

    private static Path temp(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp dir left behind harms nobody
        }
    }
}
