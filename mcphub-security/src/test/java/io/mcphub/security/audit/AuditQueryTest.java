package io.mcphub.security.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.core.error.ProblemException;
import io.mcphub.store.Store;
import io.mcphub.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditQueryTest {

    static final Instant START = Instant.parse("2025-03-01T10:00:00Z");

    @TempDir
    Path tmp;

    Store store;
    AuditLog log;
    TestClock clock = new TestClock(START);
    AuditQuery query;

    @BeforeEach
    void open() {
        store = Stores.open("embedded", tmp.resolve("store"));
        log = AuditLog.open(store, tmp.resolve("data"), clock);
        query = new AuditQuery(store);
        // one event a minute: 10:00 alice logs in, 10:01 alice publishes payment/db, ...
        append(AuditEvent.builder("auth.login").success().actor("alice", "jwt"));
        append(AuditEvent.builder("config.publish").success().actor("alice", "jwt").resource("payment/db"));
        append(AuditEvent.builder("config.rollback").success().actor("bob", "jwt").resource("payment"));
        append(AuditEvent.builder("http.denied").failure("bob lacks permission write:config on weather")
                .actor("bob", "jwt").resource("weather"));
        append(AuditEvent.builder("config.publish").success().actor("carol", "api-token:1").resource("payments/x"));
        append(AuditEvent.builder("auth.login").failure("wrong credentials"));
    }

    @AfterEach
    void close() {
        log.close();
        store.close();
    }

    private void append(AuditEvent.Builder event) {
        log.append(event.build());
        clock.advance(Duration.ofMinutes(1));
    }

    private static List<Long> sequences(List<ObjectNode> docs) {
        return docs.stream().map(AuditChain::sequence).toList();
    }

    private List<Long> search(String actor, String action, String resource, String outcome, Instant since, Instant until) {
        return sequences(query.search(actor, action, resource, outcome, since, until, 0));
    }

    @Test
    void everythingNewestFirst() {
        assertThat(search(null, null, null, null, null, null)).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
    }

    @Test
    void byActor() {
        assertThat(search("bob", null, null, null, null, null)).containsExactly(4L, 3L);
    }

    @Test
    void byActionExactlyOrByPrefix() {
        assertThat(search(null, "config.publish", null, null, null, null)).containsExactly(5L, 2L);
        assertThat(search(null, "config.", null, null, null, null)).containsExactly(5L, 3L, 2L);
        assertThat(search(null, "config", null, null, null, null)).isEmpty();
    }

    @Test
    void byResourceExactlyOrByPattern() {
        assertThat(search(null, null, "payment", null, null, null)).containsExactly(3L);
        assertThat(search(null, null, "payment/*", null, null, null)).containsExactly(3L, 2L);
        assertThat(search(null, null, "*", null, null, null)).containsExactly(5L, 4L, 3L, 2L);
    }

    @Test
    void byOutcome() {
        assertThat(search(null, null, null, "failure", null, null)).containsExactly(6L, 4L);
    }

    @Test
    void byTimeInclusive() {
        assertThat(search(null, null, null, null, START.plusSeconds(60), START.plusSeconds(180)))
                .containsExactly(4L, 3L, 2L);
        assertThat(search(null, null, null, null, START.plusSeconds(240), null)).containsExactly(6L, 5L);
    }

    @Test
    void filtersCombine() {
        assertThat(search("alice", "config.", "payment/*", "success", START, null)).containsExactly(2L);
    }

    @Test
    void limitKeepsTheNewest() {
        assertThat(sequences(query.search(null, null, null, null, null, null, 2))).containsExactly(6L, 5L);
    }

    @Test
    void returnsTheStoredEcsObjects() {
        ObjectNode first = query.search(null, null, null, null, null, null, 1).getFirst();

        assertThat(first.at("/event/action").asText()).isEqualTo("auth.login");
        assertThat(first.at("/@timestamp").asText()).isEqualTo("2025-03-01T10:05:00.000Z");
        assertThat(first.at("/event/hash").asText()).hasSize(64);
    }

    @Test
    void searchesAcrossBlocksOfStoredKeys() {
        for (int i = 0; i < StoredChain.BLOCK; i++) {
            append(AuditEvent.builder("config.publish").success().actor("dave", "jwt").resource("x"));
        }

        List<Long> alice = search("alice", null, null, null, null, null);
        List<ObjectNode> recent = query.search("dave", null, null, null, null, null, AuditQuery.MAX_LIMIT);

        assertThat(alice).containsExactly(2L, 1L);
        assertThat(sequences(recent)).startsWith(1006L, 1005L).endsWith(7L).hasSize(1000);
    }

    @Test
    void badArgumentsAreClearErrors() {
        assertThatThrownBy(() -> query.search(null, null, null, "maybe", null, null, 0))
                .isInstanceOf(ProblemException.class).hasMessageContaining("'success' or 'failure'");
        assertThatThrownBy(() -> query.search(null, null, null, null, START.plusSeconds(1), START, 0))
                .isInstanceOf(ProblemException.class).hasMessageContaining("is after until");
        assertThatThrownBy(() -> query.search(null, null, null, null, null, null, 5000))
                .isInstanceOf(ProblemException.class).hasMessageContaining("maximum of 1000");
    }
}
