package io.mcphub.deploy.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** Fixture machines under src/test/resources/probe/ and the plumbing to probe them. */
final class Fixtures {

    private Fixtures() {}

    /** A fixture machine's root, standing in for {@code /}. */
    static Path root(String machine) {
        try {
            return Path.of(Fixtures.class.getResource("/probe/" + machine).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A context on {@code root} with exactly {@code env}: no PATH unless given, so no command runs by accident. */
    static ProbeContext context(Path root, Map<String, String> env) {
        return new ProbeContext(root, env, root, Clock.systemUTC(), CommandRunner.processes(Duration.ofSeconds(2)),
                UnixHttp.client(Duration.ofMillis(500)));
    }

    /** What {@code probe} writes on its own, starting from nothing known. */
    static NodeFacts probe(NodeProbe probe, ProbeContext ctx) throws Exception {
        return probe(probe, ctx, NodeFacts.EMPTY);
    }

    /** What {@code probe} writes when earlier probes found {@code known}. */
    static NodeFacts probe(NodeProbe probe, ProbeContext ctx, NodeFacts known) throws Exception {
        NodeFacts.Builder facts = known.builder();
        probe.probe(ctx, facts);
        return facts.build();
    }

    /** An executable shell script named {@code name} in {@code dir}, standing in for a program on PATH. */
    static void script(Path dir, String name, String body) {
        try {
            Path file = dir.resolve(name);
            Files.writeString(file, "#!/bin/sh\n" + body + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
