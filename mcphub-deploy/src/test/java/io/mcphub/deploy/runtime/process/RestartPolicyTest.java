package io.mcphub.deploy.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcphub.deploy.runtime.ExitInfo;
import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.InstanceSpec.Health;
import io.mcphub.deploy.runtime.InstanceSpec.Restart;
import io.mcphub.deploy.runtime.InstanceSpec.Restart.Policy;
import io.mcphub.deploy.runtime.InstanceState;
import io.mcphub.deploy.runtime.PortAllocator;
import io.mcphub.deploy.runtime.Processes;
import io.mcphub.deploy.runtime.log.LogPolicy;
import io.mcphub.deploy.runtime.supervisor.Supervision;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestartPolicyTest {

    @TempDir
    Path dir;
    private final ProcessRuntime runtime = new ProcessRuntime(new Supervision(LogPolicy.DEFAULT,
            Duration.ofSeconds(2), Duration.ofSeconds(10)));

    @AfterEach
    void closeRuntime() {
        runtime.close();
    }

    private static InstanceSpec.Builder shell(String id, String script, Policy policy) {
        return InstanceSpec.builder(id, "svc", "sh").args("-c", script)
                .restart(new Restart(policy, Duration.ofMillis(100), Duration.ofMillis(800)));
    }

    @Test
    void policyNeverLeavesAKilledInstanceFailed() throws Exception {
        Instance instance = runtime.start(shell("never", "exec sleep 300", Policy.NEVER).build(), dir.resolve("never"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> instance.state() == InstanceState.HEALTHY);

        Processes.kill9(instance.pid().orElseThrow());

        await().atMost(5, TimeUnit.SECONDS).until(() -> instance.state() == InstanceState.FAILED);
        Thread.sleep(500);
        assertThat(instance.state()).isEqualTo(InstanceState.FAILED);
        assertThat(instance.restarts()).isZero();
        assertThat(instance.pid()).isEmpty();
        assertThat(instance.lastExit().orElseThrow().code()).isEqualTo(137);
        assertThat(instance.status().detail()).contains("exit code 137").contains("restart policy never");
    }

    @Test
    void backoffDoublesUpToTheMaximum() {
        List<Long> delays = new CopyOnWriteArrayList<>();
        Pattern delay = Pattern.compile("restarting in (\\d+) ms");
        Instance instance = runtime.start(shell("crashloop", "exit 3", Policy.ON_FAILURE).build(), dir.resolve("crashloop"));
        instance.onStateChange((i, from, to) -> {
            Matcher m = delay.matcher(String.valueOf(i.status().detail()));
            if (to == InstanceState.RESTARTING && m.find()) {
                delays.add(Long.parseLong(m.group(1)));
            }
        });

        await().atMost(20, TimeUnit.SECONDS).until(() -> delays.size() >= 5);
        instance.stop(Duration.ofSeconds(1));

        // The listener may join after the first restart; whatever it saw is a run of the same doubling sequence.
        List<Long> expected = List.of(100L, 200L, 400L, 800L, 800L, 800L, 800L, 800L);
        int start = expected.indexOf(delays.getFirst());
        assertThat(delays.subList(0, 4)).isEqualTo(expected.subList(start, start + 4));
        assertThat(instance.lastExit().orElseThrow().code()).isEqualTo(3);
        assertThat(instance.state()).isEqualTo(InstanceState.STOPPED);
    }

    @Test
    void onFailureDoesNotRestartACleanExit() {
        Instance instance = runtime.start(shell("done", "exit 0", Policy.ON_FAILURE).build(), dir.resolve("done"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> instance.state().isFinal());
        assertThat(instance.state()).isEqualTo(InstanceState.STOPPED);
        assertThat(instance.restarts()).isZero();
    }

    @Test
    void aMissingProgramFailsWithTheReason() {
        InstanceSpec spec = InstanceSpec.builder("missing", "svc", "no-such-program-mcphub")
                .restart(new Restart(Policy.NEVER, null, null)).build();
        Instance instance = runtime.start(spec, dir.resolve("missing"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> instance.state() == InstanceState.FAILED);
        ExitInfo exit = instance.lastExit().orElseThrow();
        assertThat(exit.code()).isEqualTo(127);
        assertThat(exit.reason()).startsWith("could not start:").contains("no-such-program-mcphub");
    }

    @Test
    void manualRestartReplacesTheProcessAtOnce() {
        Instance instance = runtime.start(shell("manual", "exec sleep 300", Policy.ALWAYS).build(), dir.resolve("manual"));
        await().atMost(5, TimeUnit.SECONDS).until(() -> instance.state() == InstanceState.HEALTHY);
        long before = instance.pid().orElseThrow();

        instance.restart(Duration.ofSeconds(2));

        assertThat(Processes.alive(List.of(before))).isEmpty();
        await().atMost(5, TimeUnit.SECONDS).until(() -> instance.state() == InstanceState.HEALTHY
                && instance.pid().orElse(before) != before);
        assertThat(instance.restarts()).isEqualTo(1);
        assertThat(instance.lastExit().orElseThrow().reason()).isEqualTo("restarted");
    }

    @Test
    void anUnhealthyInstanceIsRestarted() {
        int port = new PortAllocator().allocate();
        InstanceSpec spec = shell("deaf", "exec sleep 300", Policy.ALWAYS).port(port)
                .health(new Health(Health.Type.TCP, null, Duration.ofMillis(100), Duration.ofMillis(500), 2, Duration.ZERO))
                .build();
        Instance instance = runtime.start(spec, dir.resolve("deaf"));

        await().atMost(10, TimeUnit.SECONDS).until(() -> instance.restarts() >= 1);
        ExitInfo exit = instance.lastExit().orElseThrow();
        assertThat(exit.reason()).startsWith("unhealthy: tcp " + port);
        assertThat(exit.code()).as("SIGTERM ends sleep").isEqualTo(143);
        assertThat(instance.logs().tail(200)).anyMatch(l -> l.contains("state STARTING -> UNHEALTHY"));
    }
}
