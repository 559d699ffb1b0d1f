package io.mcphub.deploy.runtime.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcphub.deploy.runtime.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReaderTest {

    @TempDir
    Path dir;

    @Test
    void rotationKeepsTheNewestFilesWithinTheirSize() throws Exception {
        LogPolicy policy = new LogPolicy(4096, 3);
        try (RotatingLog log = new RotatingLog(dir, policy)) {
            IntStream.range(0, 2000).forEach(i -> log.line("line " + i));
        }
        assertThat(dir.resolve("instance.log")).exists();
        assertThat(dir.resolve("instance.log.1")).exists();
        assertThat(dir.resolve("instance.log.2")).exists();
        assertThat(dir.resolve("instance.log.3")).doesNotExist();
        for (String name : List.of("instance.log", "instance.log.1", "instance.log.2")) {
            assertThat(Files.size(dir.resolve(name))).isLessThanOrEqualTo(4096);
            assertThat(Files.readString(dir.resolve(name))).startsWith("line ").endsWith("\n");
        }
    }

    @Test
    void tailReadsAcrossRotatedFilesOldestFirst() {
        try (RotatingLog log = new RotatingLog(dir, new LogPolicy(1024, 5))) {
            IntStream.range(0, 1000).forEach(i -> log.line("line " + i));
        }
        LogReader reader = new LogReader(dir);

        List<String> last = reader.tail(150);

        assertThat(last).hasSize(150);
        assertThat(last).isEqualTo(IntStream.range(850, 1000).mapToObj(i -> "line " + i).toList());
        assertThat(reader.tail(1)).containsExactly("line 999");
        assertThat(reader.tail(0)).isEmpty();
        List<String> all = reader.tail(100_000);
        assertThat(all).as("five files of 1 KiB hold only the newest lines").hasSizeBetween(400, 600).endsWith("line 999");
        assertThat(all).isEqualTo(IntStream.range(1000 - all.size(), 1000).mapToObj(i -> "line " + i).toList());
    }

    @Test
    void tailKeepsEmptyLinesAndHandlesAMissingLog() {
        LogReader reader = new LogReader(dir.resolve("nothing-yet"));
        assertThat(reader.tail(10)).isEmpty();
        try (RotatingLog log = new RotatingLog(dir, LogPolicy.DEFAULT)) {
            log.line("a");
            log.line("");
            log.line("b");
        }
        assertThat(new LogReader(dir).tail(10)).containsExactly("a", "", "b");
    }

    @Test
    void followSeesEveryLineOnceAcrossRotations() {
        List<String> seen = new CopyOnWriteArrayList<>();
        try (RotatingLog log = new RotatingLog(dir, new LogPolicy(2048, 3))) {
            IntStream.range(0, 10).forEach(i -> log.line("line " + i));
            Subscription follow = new LogReader(dir).follow(3, seen::add);
            try {
                for (int i = 10; i < 400; i++) {
                    log.line("line " + i);
                    if (i % 20 == 0) {
                        sleep(30);
                    }
                }
                await().atMost(5, TimeUnit.SECONDS).until(() -> seen.size() >= 393);
            } finally {
                follow.close();
            }
        }
        assertThat(seen).isEqualTo(IntStream.range(7, 400).mapToObj(i -> "line " + i).toList());
    }

    @Test
    void followWaitsForALogThatDoesNotExistYet() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Subscription follow = new LogReader(dir).follow(10, seen::add);
        try (RotatingLog log = new RotatingLog(dir, LogPolicy.DEFAULT)) {
            log.line("first");
            await().atMost(5, TimeUnit.SECONDS).until(() -> seen.contains("first"));
        } finally {
            follow.close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
