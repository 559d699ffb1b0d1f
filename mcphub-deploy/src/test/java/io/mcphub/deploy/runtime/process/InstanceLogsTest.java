package io.mcphub.deploy.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcphub.deploy.runtime.Instance;
import io.mcphub.deploy.runtime.InstanceSpec;
import io.mcphub.deploy.runtime.Subscription;
import io.mcphub.deploy.runtime.log.LogPolicy;
import io.mcphub.deploy.runtime.supervisor.Supervision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code service logs NAME [--follow]} reads, written by a real chatty process. */
class InstanceLogsTest {

    @TempDir
    Path dir;
    private final ProcessRuntime runtime = new ProcessRuntime(new Supervision(new LogPolicy(64 * 1024, 3),
            Duration.ofSeconds(2), Duration.ofSeconds(10)));

    @AfterEach
    void closeRuntime() {
        runtime.close();
    }

    @Test
    void aLoudProcessRotatesItsLogAndTailShowsTheEnd() throws Exception {
        InstanceSpec spec = InstanceSpec.builder("loud", "loud", "sh")
                .args("-c", "i=0; while [ $i -lt 20000 ]; do echo \"line $i of a rather long log line\"; i=$((i+1)); done;"
                        + " echo done >&2; exec sleep 300")
                .build();
        Instance instance = runtime.start(spec, dir.resolve("loud"));

        await().atMost(30, TimeUnit.SECONDS).until(() -> instance.logs().tail(1).equals(List.of("done")));

        Path logs = dir.resolve("loud/logs");
        assertThat(logs.resolve("instance.log.2")).exists();
        assertThat(logs.resolve("instance.log.3")).doesNotExist();
        try (var files = Files.list(logs)) {
            assertThat(files).allSatisfy(f -> assertThat(Files.size(f)).isLessThanOrEqualTo(64 * 1024));
        }
        assertThat(instance.logs().tail(3)).containsExactly("line 19998 of a rather long log line",
                "line 19999 of a rather long log line", "done");
    }

    @Test
    void followStreamsNewLinesOfARunningProcess() {
        InstanceSpec spec = InstanceSpec.builder("ticker", "ticker", "sh")
                .args("-c", "i=0; while [ $i -lt 40 ]; do echo \"tick $i\"; i=$((i+1)); sleep 0.02; done; exec sleep 300")
                .build();
        Instance instance = runtime.start(spec, dir.resolve("ticker"));
        await().atMost(10, TimeUnit.SECONDS).until(() -> instance.logs().tail(1).equals(List.of("tick 0"))
                || instance.logs().tail(50).stream().anyMatch(l -> l.startsWith("tick")));

        List<String> seen = new CopyOnWriteArrayList<>();
        Subscription follow = instance.logs().follow(100, seen::add);
        try {
            await().atMost(10, TimeUnit.SECONDS).until(() -> seen.contains("tick 39"));
        } finally {
            follow.close();
        }
        List<String> ticks = seen.stream().filter(l -> l.startsWith("tick ")).toList();
        assertThat(ticks).isEqualTo(IntStream.range(0, 40).mapToObj(i -> "tick " + i).toList());
        assertThat(seen.getFirst()).startsWith("[mcphub ").contains("state NEW -> STARTING");
    }
}
