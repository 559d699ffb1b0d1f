package io.mcphub.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.jwt.MutableClock;
import io.mcphub.store.KeyValue;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JoinTokensTest {

    private static final String USED = "this join token has already been used or never existed; create a new one with "
            + "'mcphub node token create'";

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    Pki pki;
    JoinTokens tokens;

    @BeforeEach
    void open() {
        pki = new Pki(dir, clock);
        tokens = pki.joinTokens;
    }

    @AfterEach
    void close() {
        pki.close();
    }

    @Test
    void redeemReturnsWhatTheTokenWasCreatedWith() {
        JoinTokens.Issued issued = tokens.create(Duration.ofMinutes(30), Map.of("zone", "eu-1", "gpu", "true"));

        JoinTokens.JoinToken redeemed = tokens.redeem(issued.token());

        assertThat(redeemed).isEqualTo(issued.record());
        assertThat(redeemed.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("zone", "eu-1", "gpu", "true"));
        assertThat(redeemed.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
    }

    @Test
    void tokenCarriesTheCaPin() {
        JoinTokens.Issued issued = tokens.create(null, null);

        assertThat(issued.token()).startsWith("mcphub_join_" + issued.record().id() + "_");
        assertThat(JoinTokens.isJoinToken(issued.token())).isTrue();
        assertThat(JoinTokens.caPin(issued.token())).isEqualTo(pki.ca.caPin());
        assertThat(issued.record().expiresAt()).isEqualTo(clock.instant().plus(JoinTokens.DEFAULT_TTL));
        assertThat(issued.toString()).doesNotContain(issued.token());
        assertThatThrownBy(() -> JoinTokens.caPin("mcphub_abc")).hasMessageContaining("not an MCP Hub join token");
    }

    @Test
    void aTokenJoinsOnce() {
        String token = tokens.create(Duration.ofHours(1), Map.of()).token();
        tokens.redeem(token);

        assertUnauthorized(() -> tokens.redeem(token), USED);
        assertThat(pki.store.range(JoinTokens.PREFIX).kvs()).isEmpty();
    }

    @Test
    void anExpiredTokenIsRefusedWithItsExpiry() {
        String token = tokens.create(Duration.ofMinutes(10), Map.of()).token();
        clock.advance(Duration.ofMinutes(10));

        assertUnauthorized(() -> tokens.redeem(token), "this join token expired at 2026-03-01T10:10:00Z; create a new "
                + "one with 'mcphub node token create'");
    }

    @Test
    void unknownMalformedAndWrongSecretTokensAreRefusedAlike() {
        String token = tokens.create(Duration.ofHours(1), Map.of()).token();
        String wrongSecret = token.substring(0, 29) + (token.charAt(29) == 'A' ? 'B' : 'A') + token.substring(30);
        String unknownId = "mcphub_join_0000000000000000" + token.substring(28);

        assertUnauthorized(() -> tokens.redeem(wrongSecret), USED);
        assertUnauthorized(() -> tokens.redeem(unknownId), USED);
        assertUnauthorized(() -> tokens.redeem("mcphub_join_nonsense"), USED);
        assertUnauthorized(() -> tokens.redeem(null), USED);
        assertThat(tokens.redeem(token)).as("a wrong guess does not burn the real token").isNotNull();
    }

    @Test
    void checkSaysWhatRedeemWouldWithoutConsuming() {
        JoinTokens.Issued issued = tokens.create(Duration.ofMinutes(10), Map.of());

        assertThat(tokens.check(issued.token())).isEqualTo(issued.record());
        assertThat(tokens.redeem(issued.token())).isEqualTo(issued.record());
        assertUnauthorized(() -> tokens.check(issued.token()), USED);
    }

    @Test
    void agentsRacingWithOneTokenJoinOnce() throws Exception {
        String token = tokens.create(Duration.ofHours(1), Map.of()).token();
        List<Callable<JoinTokens.JoinToken>> racers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            racers.add(() -> tokens.redeem(token));
        }
        int joined = 0;
        try (ExecutorService pool = Executors.newFixedThreadPool(racers.size())) {
            for (Future<JoinTokens.JoinToken> f : pool.invokeAll(racers)) {
                try {
                    f.get();
                    joined++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(ProblemException.class).hasMessage(USED);
                }
            }
        }
        assertThat(joined).isEqualTo(1);
    }

    @Test
    void onlyAHashOfTheSecretIsStoredOnALease() {
        String token = tokens.create(Duration.ofHours(1), Map.of()).token();
        String secret = token.substring(29, 29 + 43);

        List<KeyValue> stored = pki.store.range(JoinTokens.PREFIX).kvs();
        assertThat(stored).hasSize(1);
        assertThat(stored.getFirst().lease()).as("expired tokens vanish with their lease").isNotZero();
        for (KeyValue kv : pki.store.range("").kvs()) {
            assertThat(kv.valueAsString()).doesNotContain(secret);
        }
    }

    @Test
    void listShowsUnredeemedTokensWithoutSecrets() {
        JoinTokens.Issued a = tokens.create(Duration.ofHours(1), Map.of("zone", "a"));
        clock.advance(Duration.ofSeconds(1));
        JoinTokens.Issued b = tokens.create(Duration.ofHours(1), Map.of());
        tokens.redeem(a.token());

        assertThat(tokens.list()).containsExactly(b.record());
    }

    @Test
    void badLifetimesAndLabelsAreRefusedAndStoreNothing() {
        assertThatThrownBy(() -> tokens.create(Duration.ZERO, null)).isInstanceOf(ProblemException.class)
                .hasMessageContaining("positive time of at most 7 days");
        assertThatThrownBy(() -> tokens.create(Duration.ofDays(8), null)).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> tokens.create(null, Map.of("bad key", "x"))).isInstanceOf(ProblemException.class)
                .hasMessageStartingWith("label 'bad key=x' is not valid");
        assertThatThrownBy(() -> tokens.create(null, Map.of("k", "v=w"))).isInstanceOf(ProblemException.class);
        assertThat(pki.store.range(JoinTokens.PREFIX).kvs()).isEmpty();
    }

    private static void assertUnauthorized(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(ProblemException.class).hasMessage(message)
                .extracting(e -> ((ProblemException) e).type()).isEqualTo(ProblemType.UNAUTHORIZED);
    }
}
