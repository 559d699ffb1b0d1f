package io.mcphub.security.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.store.KeyValue;
import io.mcphub.store.Store;
import io.mcphub.store.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RefreshTokensTest {

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock();
    Store store;
    RefreshTokens tokens;

    @BeforeEach
    void open() {
        store = Stores.open("embedded", dir);
        tokens = new RefreshTokens(store, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void redeemsOnceOnly() {
        RefreshTokens.Issued issued = tokens.issue("bob");

        assertThat(issued.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
        assertThat(tokens.redeem(issued.token())).contains(new RefreshTokens.Redeemed("bob", clock.instant()));
        assertThat(tokens.redeem(issued.token())).isEmpty();
    }

    @Test
    void expiresAfterSevenDays() {
        String almost = tokens.issue("bob").token();
        String expired = tokens.issue("bob").token();

        clock.advance(Duration.ofDays(7).minusSeconds(1));
        assertThat(tokens.redeem(almost)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.redeem(expired)).isEmpty();
    }

    @Test
    void ofConcurrentRedeemsExactlyOneWins() throws Exception {
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            for (int round = 0; round < 20; round++) {
                String token = tokens.issue("bob").token();
                CountDownLatch start = new CountDownLatch(1);
                List<Callable<Optional<RefreshTokens.Redeemed>>> redeems = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    redeems.add(() -> {
                        start.await();
                        return tokens.redeem(token);
                    });
                }
                List<Future<Optional<RefreshTokens.Redeemed>>> futures = redeems.stream().map(pool::submit).toList();
                start.countDown();
                int winners = 0;
                for (Future<Optional<RefreshTokens.Redeemed>> f : futures) {
                    winners += f.get().isPresent() ? 1 : 0;
                }
                assertThat(winners).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void revokesEverySessionOfOneSubject() {
        String bob1 = tokens.issue("bob").token();
        String bob2 = tokens.issue("bob").token();
        String alice = tokens.issue("alice").token();

        assertThat(tokens.revokeAll("bob")).isEqualTo(2);

        assertThat(tokens.redeem(bob1)).isEmpty();
        assertThat(tokens.redeem(bob2)).isEmpty();
        assertThat(tokens.redeem(alice)).isPresent();
    }

    @Test
    void storesOnlyAHashOfTheToken() {
        String token = tokens.issue("bob").token();

        List<KeyValue> stored = store.range(RefreshTokens.PREFIX).kvs();
        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst().key() + stored.getFirst().valueAsString())
                .doesNotContain(token).doesNotContain(token.substring("mcphub_rt_".length()));
        assertThat(stored.getFirst().lease()).isNotZero();
    }

    @Test
    void refusesGarbage() {
        tokens.issue("bob");

        for (String garbage : new String[] {null, "", "mcphub_rt_", "mcphub_rt_" + "A".repeat(43), "x".repeat(53)}) {
            assertThat(tokens.redeem(garbage)).isEmpty();
        }
    }
}
