package io.mcphub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.core.error.ProblemException;
import io.mcphub.security.crypto.EnvelopeCipher;
import io.mcphub.security.crypto.MasterKey;
import io.mcphub.store.Store;
import io.mcphub.store.Stores;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GrayReleaseTest {

    @TempDir
    Path dir;
    Store store;
    ConfigCenter config;

    @BeforeEach
    void open() {
        store = Stores.open("embedded", dir);
        config = new ConfigCenter(store, new EnvelopeCipher(MasterKey.loadOrCreate(dir)));
        publish("{\"limit\":1}");
    }

    @AfterEach
    void close() {
        store.close();
    }

    private PublishResult publish(String content) {
        return config.publish(new Publish("payment", content, null, "alice", "m", null, null));
    }

    private GrayRelease gray(String content, Map<String, String> labels, Integer percent) {
        return config.publishGray(new Publish("payment", content, null, "alice", "canary", null, null), labels, percent);
    }

    private String snapshot() {
        return store.range("").kvs().stream().map(kv -> kv.key() + "@" + kv.modRevision()).collect(Collectors.joining(","));
    }

    @Test
    void theCandidateGoesToTheChosenInstancesOnlyAndTheHeadStays() {
        GrayRelease g = gray("{\"limit\":2}", Map.of("zone", "a"), null);
        assertThat(g.candidate()).isEqualTo(2);
        assertThat(g.stable()).isEqualTo(1);
        DocumentRelease r = config.release("payment").orElseThrow();
        assertThat(r.versionFor("i-1", Map.of("zone", "a", "node", "n1"))).isEqualTo(2);
        assertThat(r.versionFor("i-2", Map.of("zone", "b"))).isEqualTo(1);
        assertThat(config.get("payment", null, false).version()).isEqualTo(1); // watchers and 'config get' keep to stable
        assertThat(config.get("payment", 2L, false).json().get("limit").asInt()).isEqualTo(2);
    }

    @Test
    void promoteMakesTheCandidateTheHeadWithItsNumber() {
        gray("{\"limit\":2}", Map.of("zone", "a"), null);
        PublishResult promoted = config.promoteGray("payment", "bob");
        assertThat(promoted.version()).isEqualTo(2);
        DocumentRelease r = config.release("payment").orElseThrow();
        assertThat(r.gray()).isNull();
        assertThat(r.versionFor("i-2", Map.of())).isEqualTo(2);
        assertThat(publish("{\"limit\":3}").version()).isEqualTo(3);
    }

    @Test
    void abortSendsEveryoneBackAndTheCandidateNumberIsNeverReused() {
        gray("{\"limit\":2}", Map.of("zone", "a"), null);
        GrayRelease aborted = config.abortGray("payment");
        assertThat(aborted.candidate()).isEqualTo(2);
        assertThat(config.release("payment").orElseThrow().versionFor("i-1", Map.of("zone", "a"))).isEqualTo(1);
        assertThat(publish("{\"limit\":5}").version()).isEqualTo(3);
        assertThat(config.history("payment")).extracting(VersionInfo::version).containsExactly(3L, 2L, 1L);
    }

    @Test
    void aPercentChoosesAStableShare() {
        gray("{\"limit\":2}", null, 30);
        DocumentRelease r = config.release("payment").orElseThrow();
        long chosen = IntStream.range(0, 1000).filter(i -> r.versionFor("i-" + i, Map.of()) == 2).count();
        assertThat(chosen).isBetween(230L, 370L);
        assertThat(r.versionFor("i-7", Map.of())).isEqualTo(r.versionFor("i-7", Map.of())); // same answer every time
    }

    @Test
    void publishingDuringAGrayReleaseIsRefusedAndWritesNothing() {
        gray("{\"limit\":2}", Map.of("zone", "a"), null);
        String before = snapshot();
        assertThatThrownBy(() -> publish("{\"limit\":9}")).isInstanceOf(ProblemException.class)
                .hasMessageContaining("payment has a gray release of version 2 to zone=a in progress")
                .hasMessageContaining("'mcphub config gray promote payment'");
        assertThatThrownBy(() -> gray("{\"limit\":9}", Map.of("zone", "b"), null)).hasMessageContaining("in progress");
        assertThatThrownBy(() -> config.rollback("payment", 1, "a", null, null)).hasMessageContaining("in progress");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void badSelectorsAndNothingToReleaseAreRefusedWithTheirSentence() {
        String before = snapshot();
        assertThatThrownBy(() -> gray("{\"limit\":2}", null, null)).hasMessageContaining("give exactly one of --gray-labels");
        assertThatThrownBy(() -> gray("{\"limit\":2}", Map.of("a", "b"), 10)).hasMessageContaining("give exactly one");
        assertThatThrownBy(() -> gray("{\"limit\":2}", null, 100)).hasMessageContaining("between 1 and 99, not 100");
        assertThatThrownBy(() -> gray("{\"limit\":1}", Map.of("a", "b"), null)).hasMessageContaining("already has this content");
        assertThatThrownBy(() -> config.publishGray(new Publish("fresh", "{}", null, "a", "m", null, null), null, 10))
                .hasMessageContaining("has no version yet");
        assertThatThrownBy(() -> config.promoteGray("payment", "bob")).hasMessageContaining("has no gray release in progress");
        assertThatThrownBy(() -> config.abortGray("payment")).hasMessageContaining("has no gray release in progress");
        assertThat(snapshot()).isEqualTo(before);
    }
}
