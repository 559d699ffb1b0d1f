package io.mcphub.deploy.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.InstanceState;
import io.mcphub.deploy.runtime.Processes;
import io.mcphub.deploy.runtime.log.LogPolicy;
import io.mcphub.deploy.runtime.supervisor.Supervision;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GracefulStopTest {

    @TempDir
    Path dir;
    private final ProcessRuntime runtime = new ProcessRuntime(new Supervision(LogPolicy.DEFAULT,
            Duration.ofSeconds(2), Duration.ofSeconds(10)));

    @AfterEach
    void closeRuntime() {
        runtime.close();
    }

    private Instance startShell(String id, String script) {
        Instance instance = runtime.start(InstanceSpec.builder(id, "svc", "sh").args("-c", script).build(), dir.resolve(id));
        await().atMost(5, TimeUnit.SECONDS).until(() -> instance.state() == InstanceState.HEALTHY);
        return instance;
    }

    @Test
    void sigtermComesFirstAndAPoliteProcessExitsCleanly() {
        Instance instance = startShell("polite", "trap 'echo got TERM; exit 0' TERM; echo ready; while true; do sleep 0.1; done");
        await().atMost(5, TimeUnit.SECONDS).until(() -> instance.logs().tail(10).contains("ready"));

        instance.stop(Duration.ofSeconds(5));

        assertThat(instance.logs().tail(10)).contains("got TERM");
        assertThat(instance.lastExit().orElseThrow().code()).isZero();
        assertThat(instance.lastExit().orElseThrow().reason()).isEqualTo("stopped");
        assertThat(instance.state()).isEqualTo(InstanceState.STOPPED);
    }

    @Test
    void whatIgnoresSigtermIsKilledAfterTheGrace() {
        // Ignored signals stay ignored across fork and exec, so every sleep in the tree ignores SIGTERM too.
        Instance instance = startShell("stubborn", "trap '' TERM; (sleep 300 & sleep 300) & while true; do sleep 0.1; done");
        await().atMost(5, TimeUnit.SECONDS).until(() -> Processes.tree(instance.pid().orElseThrow()).size() >= 3);
        Set<Long> tree = Processes.tree(instance.pid().orElseThrow());

        long started = System.nanoTime();
        instance.stop(Duration.ofMillis(500));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(tookMillis).isBetween(500L, 5000L);
        assertThat(instance.lastExit().orElseThrow().code()).isEqualTo(137);
        assertThat(Processes.alive(tree)).isEmpty();
    }

    @Test
    void closingTheRuntimeStopsEveryInstanceItStarted() {
        Instance a = startShell("a", "sleep 300 & sleep 300");
        Instance b = startShell("b", "exec sleep 300");
        Set<Long> trees = new java.util.HashSet<>(Processes.tree(a.pid().orElseThrow()));
        trees.addAll(Processes.tree(b.pid().orElseThrow()));

        runtime.close();

        assertThat(a.state()).isEqualTo(InstanceState.STOPPED);
        assertThat(b.state()).isEqualTo(InstanceState.STOPPED);
        assertThat(Processes.alive(trees)).isEmpty();
        assertThat(runtime.instances()).isEmpty();
    }
}
