package io.mcphub.store.etcd;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.mcphub.store.RecordingListener;
import io.mcphub.store.Store;
import io.mcphub.store.Watch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** etcd killed and restarted on the same data and port under a running watch. */
@SuppressWarnings("try") // watches opened in try-with-resources only to be closed
class EtcdRestartTest {

    @RegisterExtension
    static final EtcdServer etcd = new EtcdServer();

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void aWatchSeesEveryRevisionExactlyOnceAcrossAnEtcdRestart() throws Exception {
        try (Store store = new EtcdStore(List.of(etcd.endpoint()))) {
            RecordingListener listener = new RecordingListener();
            List<Long> written = new ArrayList<>();
            try (Watch ignored = store.watch("restart/", store.currentRevision() + 1, listener)) {
                for (int i = 0; i < 5; i++) {
                    written.add(store.put("restart/" + i, "before".getBytes(UTF_8)));
                }
                await().atMost(WAIT).until(() -> listener.events().size() == 5);
                etcd.restart();
                for (int i = 5; i < 10; i++) {
                    written.add(store.put("restart/" + i, "after".getBytes(UTF_8)));
                }
                await().atMost(WAIT).until(() -> listener.events().size() >= 10);
                Thread.sleep(300);
            }
            assertThat(listener.revisions()).containsExactlyElementsOf(written);
            assertThat(listener.errors()).isEmpty();
        }
    }

    @Test
    void aRestartDuringTheReplayOfALongHistoryNeitherLosesNorRepeatsAnEvent() throws Exception {
        try (Store store = new EtcdStore(List.of(etcd.endpoint()))) {
            long from = store.currentRevision() + 1;
            // More revisions than etcd sends in one watch response (1,000), so that the replay takes several.
            List<Long> written = new ArrayList<>();
            for (int i = 0; i < 1200; i++) {
                written.add(store.put("replay/" + i, new byte[2048]));
            }
            RecordingListener listener = new RecordingListener();
            try (Watch ignored = store.watch("replay/", from, listener)) {
                await().atMost(WAIT).pollInterval(Duration.ofMillis(1)).until(() -> !listener.events().isEmpty());
                etcd.restart();
                long after = store.put("replay/last", "after".getBytes(UTF_8));
                written.add(after);
                await().atMost(WAIT).until(() -> listener.revisions().contains(after));
                Thread.sleep(300);
            }
            assertThat(listener.revisions()).containsExactlyElementsOf(written);
            assertThat(listener.errors()).isEmpty();
        }
    }
}
