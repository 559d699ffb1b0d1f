package io.mcphub.store.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.mcphub.store.CompactedException;
import io.mcphub.store.KeyValue;
import io.mcphub.store.RecordingListener;
import io.mcphub.store.StoreException;
import io.mcphub.store.Watch;
import io.mcphub.store.WatchEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What only the embedded store has to get right: its file, across restarts of the hub. */
@SuppressWarnings("try") // watches opened in try-with-resources only to be closed
class SqliteStoreTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private SqliteStore open() {
        return new SqliteStore(dir.resolve("store.db"));
    }

    @Test
    void everythingLivesInTheStoreFile() {
        try (SqliteStore store = open()) {
            store.put("k", "v".getBytes(UTF_8));
            assertThat(store.describe()).isEqualTo("embedded:" + dir.resolve("store.db").toAbsolutePath());
        }
        assertThat(Files.exists(dir.resolve("store.db"))).isTrue();
    }

    @Test
    void aReopenedStoreKeepsItsRevisionHistoryAndLeases() {
        List<Long> written = new ArrayList<>();
        long lease;
        try (SqliteStore store = open()) {
            written.add(store.put("a", "1".getBytes(UTF_8)));
            lease = store.grantLease(Duration.ofMinutes(1));
            written.add(store.put("b", "2".getBytes(UTF_8), lease));
            written.add(store.put("a", "3".getBytes(UTF_8)));
        }
        try (SqliteStore store = open()) {
            assertThat(store.currentRevision()).isEqualTo(written.getLast());
            RecordingListener history = new RecordingListener();
            try (Watch ignored = store.watch("", 1, history)) {
                await().atMost(WAIT).until(() -> history.events().size() == 3);
            }
            assertThat(history.revisions()).containsExactlyElementsOf(written);
            assertThat(store.get("a")).get().extracting(KeyValue::version).isEqualTo(2L);

            store.keepAlive(lease);
            assertThat(store.grantLease(Duration.ofMinutes(1))).as("lease ids are not reused").isNotEqualTo(lease);
            store.revokeLease(lease);
            assertThat(store.get("b")).isEmpty();
            assertThat(store.currentRevision()).isEqualTo(written.getLast() + 1);
        }
    }

    @Test
    void aLeaseThatRanOutWhileTheStoreWasClosedExpiresOnReopen() throws InterruptedException {
        long put;
        try (SqliteStore store = open()) {
            long lease = store.grantLease(Duration.ofMillis(300));
            put = store.put("session", "x".getBytes(UTF_8), lease);
        }
        Thread.sleep(500);
        try (SqliteStore store = open()) {
            RecordingListener listener = new RecordingListener();
            try (Watch ignored = store.watch("", put + 1, listener)) {
                await().atMost(WAIT).until(() -> store.get("session").isEmpty());
                await().atMost(WAIT).until(() -> listener.events().size() == 1);
            }
            assertThat(listener.events().getFirst().type()).isEqualTo(WatchEvent.Type.DELETE);
        }
    }

    @Test
    void compactionOutlivesAReopen() {
        long compacted;
        try (SqliteStore store = open()) {
            store.put("a", "1".getBytes(UTF_8));
            compacted = store.put("a", "2".getBytes(UTF_8));
            store.put("a", "3".getBytes(UTF_8));
            store.compact(compacted);
        }
        try (SqliteStore store = open()) {
            RecordingListener listener = new RecordingListener();
            try (Watch ignored = store.watch("", compacted, listener)) {
                await().atMost(WAIT).until(() -> !listener.errors().isEmpty());
            }
            assertThat(listener.errors().getFirst()).isInstanceOf(CompactedException.class);
        }
    }

    @Test
    void aSecondStoreOnTheSameFileIsRefused() {
        try (SqliteStore store = open()) {
            assertThatThrownBy(this::open).isInstanceOf(StoreException.class).hasMessageContaining("already in use");
            store.put("still", "works".getBytes(UTF_8));
        }
        try (SqliteStore reopened = open()) {
            assertThat(reopened.get("still")).isPresent();
        }
    }

    @Test
    void aClosedStoreRefusesCalls() {
        SqliteStore store = open();
        store.close();
        store.close();
        assertThatThrownBy(() -> store.get("k")).isInstanceOf(StoreException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> store.put("k", new byte[0])).isInstanceOf(StoreException.class);
    }

    @Test
    void aThousandWatchersEachGetTheirOwnEvents() {
        int watchers = 1000;
        try (SqliteStore store = open()) {
            List<RecordingListener> listeners = new ArrayList<>();
            List<Watch> watches = new ArrayList<>();
            for (int i = 0; i < watchers; i++) {
                RecordingListener listener = new RecordingListener();
                listeners.add(listener);
                watches.add(store.watch("w/" + i + "/", 0, listener));
            }
            for (int i = 0; i < watchers; i++) {
                store.put("w/" + i + "/k", "v".getBytes(UTF_8));
            }
            await().atMost(WAIT).until(() -> listeners.stream().allMatch(l -> l.events().size() == 1));
            for (int i = 0; i < watchers; i++) {
                assertThat(listeners.get(i).keys()).containsExactly("w/" + i + "/k");
            }
            watches.forEach(Watch::close);
        }
    }
}
