package io.mcphub.deploy.probe;

import static io.mcphub.deploy.probe.Fixtures.context;
import static io.mcphub.deploy.probe.Fixtures.probe;
import static io.mcphub.deploy.probe.Fixtures.script;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Programs on a PATH the test lays out itself, so which are present, broken or slow is known. */
class RuntimesProbeTest {

    @TempDir
    Path bin;

    @Test
    void findsEachProgramsVersionInItsOwnBanner() throws Exception {
        script(bin, "node", "echo v22.3.0");
        script(bin, "npx", "echo 10.8.1");
        script(bin, "python3", "echo 'Python 3.12.1'");
        script(bin, "uvx", "echo 'uvx 0.4.20 (b5e3c1a 2024-10-08)'");
        // java answers on stderr, and a JAVA_TOOL_OPTIONS notice with numbers in it may come first.
        script(bin, "java", """
                echo 'Picked up JAVA_TOOL_OPTIONS: -Xmx512m -XX:ActiveProcessorCount=2' >&2
                echo 'openjdk version "21.0.5" 2024-10-15 LTS' >&2
                echo 'OpenJDK Runtime Environment Temurin-21.0.5+11 (build 21.0.5+11-LTS)' >&2""");
        script(bin, "docker", "echo 27.3.1");

        assertThat(runtimes()).containsExactly(
                Map.entry("docker", "27.3.1"), Map.entry("java", "21.0.5"), Map.entry("node", "22.3.0"),
                Map.entry("npx", "10.8.1"), Map.entry("process", "builtin"), Map.entry("python3", "3.12.1"),
                Map.entry("uvx", "0.4.20"));
    }

    @Test
    void missingProgramsAreAbsentNotErrors() throws Exception {
        script(bin, "node", "echo v20.20.2");

        assertThat(runtimes()).containsOnlyKeys("process", "node");
    }

    @Test
    void withNoPathOnlyPlainProcessesAreAvailable() throws Exception {
        assertThat(probe(new RuntimesProbe(), context(bin, Map.of())).runtimes()).containsExactly(Map.entry("process", "builtin"));
    }

    /** The Docker CLI without an engine prints its client version but fails; then the docker runtime is not usable. */
    @Test
    void aFailingProgramIsAbsent() throws Exception {
        script(bin, "docker", """
                echo '28.2.2'
                echo 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' >&2
                exit 1""");
        script(bin, "python3", "echo 'pyenv: python3: command not found' >&2; exit 127");

        assertThat(runtimes()).containsOnlyKeys("process");
    }

    @Test
    void aProgramWithoutAVersionIsAbsent() throws Exception {
        script(bin, "node", "echo 'no version here'");

        assertThat(runtimes()).containsOnlyKeys("process");
    }

    @Test
    void aHungProgramIsAbsentAndCostsOnlyTheTimeoutWhileOthersAnswer() throws Exception {
        script(bin, "npx", "exec /bin/sleep 30");
        script(bin, "node", "echo v22.3.0");
        ProbeContext ctx = new ProbeContext(bin, Map.of("PATH", bin.toString()), bin, Clock.systemUTC(),
                CommandRunner.processes(Duration.ofMillis(300)), UnixHttp.client(Duration.ofMillis(300)));

        long started = System.nanoTime();
        Map<String, String> found = probe(new RuntimesProbe(), ctx).runtimes();

        assertThat(found).containsOnlyKeys("process", "node");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void programsAreResolvedOnTheGivenPathNotTheAgents() {
        script(bin, "node", "echo v1.0.0");
        Path other = bin.resolve("elsewhere");

        assertThat(ProcessCommandRunner.resolve("node", other + ":" + bin)).contains(bin.resolve("node"));
        assertThat(ProcessCommandRunner.resolve("node", other.toString())).isEmpty();
        assertThat(ProcessCommandRunner.resolve("node", null)).isEmpty();
        assertThat(CommandRunner.processes(Duration.ofSeconds(1)).run(List.of("node", "--version"), Map.of())).isEmpty();
    }

    private Map<String, String> runtimes() throws Exception {
        return probe(new RuntimesProbe(), context(bin, Map.of("PATH", bin.toString()))).runtimes();
    }
}
