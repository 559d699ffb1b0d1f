package io.mcphub.core.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.core.doc.DocumentFormat;
import io.mcphub.core.stack.Stack;
import io.mcphub.core.stack.StackParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The promise of {@code topology --format=graphviz} is that it renders: run the real Graphviz on it. */
class DotRenderTest {

    @Test
    void rendersWithDotDespiteAwkwardNames() throws Exception {
        Stack stack = StackParser.parse("""
                apiVersion: mcphub/v1
                kind: Stack
                metadata: {name: trip-planner-2}
                services:
                  amap-v2:
                    command: npx
                  weather--eu:
                    url: https://weather.example.com/mcp
                  pay-1:
                    type: http
                    command: java
                    dependsOn: [amap-v2, weather--eu]
                """, DocumentFormat.YAML, "trip.yaml");
        List<PlacedInstance> instances = List.of(
                new PlacedInstance("amap-v2.0", "amap-v2", "edge.eu-1", "running", null),
                new PlacedInstance("pay-1 \"blue\"", "pay-1", "node \"a\"\\b", "crash\\loop", 8080),
                new PlacedInstance("pay-1.{x}", "pay-1", "edge.eu-1", "failed\nexit 1", 8081),
                new PlacedInstance("digraph", "gone-service", "subgraph", "running", null),
                new PlacedInstance("pay-1-waiting", "pay-1", null, "pending", null));
        String dot = Topology.of(stack, instances).render(TopologyFormat.GRAPHVIZ);

        Rendered svg = dot(dot);

        assertThat(svg.exit()).as(svg.stderr() + "\n" + dot).isZero();
        // Every label arrives whole, in SVG's escaping ('-' is &#45;): quoting kept quotes and backslashes as text.
        assertThat(svg.stdout()).contains("<svg", ">amap&#45;v2.0<", ">weather&#45;&#45;eu<", ">node node &quot;a&quot;\\b<",
                ">pay&#45;1 &quot;blue&quot;<", ">crash\\loop :8080<", ">digraph<", ">node subgraph<", ">exit 1 :8081<");
    }

    private record Rendered(int exit, String stdout, String stderr) {}

    private static Rendered dot(String input) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(dotCommand(), "-Tsvg").start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("dot did not finish within 60 s");
        }
        return new Rendered(p.exitValue(), out.join(), err.join());
    }

    /** bin/test installs Graphviz; a missing dot is a broken test machine, not a reason to skip. */
    private static String dotCommand() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "dot"))) {
                return Path.of(dir, "dot").toString();
            }
        }
        throw new AssertionError("Graphviz 'dot' is not installed; run bin/test as root, or apt-get install graphviz");
    }

    private static String read(InputStream stream) {
        try (stream) {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
