package io.mcphub.deploy.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.InstanceState;
import io.mcphub.deploy.runtime.Processes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's own end, played by a real second JVM: no instance process may outlive it. */
class AgentExitTest {

    @TempDir
    Path dir;

    private record Agent(Process jvm, Set<Long> instanceTree) {}

    private Agent startAgent(Path instanceDir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process jvm = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=none", AgentProcessMain.class.getName(), instanceDir.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("PIDS ")) {
            // the agent's log output
        }
        assertThat(line).as("the agent JVM reported its instance's pids").isNotNull();
        Set<Long> tree = Arrays.stream(line.substring(5).split(" ")).map(Long::valueOf).collect(Collectors.toSet());
        assertThat(Processes.alive(tree)).hasSize(tree.size()).hasSizeGreaterThanOrEqualTo(3);
        return new Agent(jvm, tree);
    }

    @Test
    void sigtermToTheAgentStopsEveryInstanceProcess() throws Exception {
        Agent agent = startAgent(dir.resolve("tree"));

        agent.jvm().destroy();

        assertThat(agent.jvm().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Processes.alive(agent.instanceTree())).isEmpty();
    }

    @Test
    void aRuntimeReapsWhatAKilledAgentLeftBehind() throws Exception {
        Agent agent = startAgent(dir.resolve("tree"));
        agent.jvm().destroyForcibly();
        agent.jvm().waitFor(30, TimeUnit.SECONDS);
        assertThat(Processes.alive(agent.instanceTree())).as("SIGKILL runs no shutdown hook").isNotEmpty();

        try (ProcessRuntime runtime = new ProcessRuntime()) {
            Instance again = runtime.start(InstanceSpec.builder("tree", "svc", "sleep").args("300").build(),
                    dir.resolve("tree"));
            await().atMost(15, TimeUnit.SECONDS).until(() -> again.state() == InstanceState.HEALTHY);

            await().atMost(5, TimeUnit.SECONDS).until(() -> Processes.alive(agent.instanceTree()).isEmpty());
            assertThat(again.logs().tail(100)).isNotEmpty();
            assertThat(List.copyOf(Processes.tree(again.pid().orElseThrow()))).doesNotContainAnyElementsOf(agent.instanceTree());
        }
    }
}
