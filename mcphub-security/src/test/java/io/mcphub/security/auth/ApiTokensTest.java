package io.mcphub.security.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.core.Json;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.jwt.MutableClock;
import io.mcphub.store.Store;
import io.mcphub.store.Stores;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokensTest {

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock();
    Store store;
    ApiTokens tokens;

    @BeforeEach
    void open() {
        store = Stores.open("embedded", dir);
        tokens = new ApiTokens(store, clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void authenticatesToItsRecord() {
        ApiTokens.Issued issued = tokens.create("ci", "bob", List.of("read:config"), null);

        assertThat(issued.token()).startsWith("mcphub_" + issued.record().id() + "_");
        assertThat(ApiTokens.isApiToken(issued.token())).isTrue();
        assertThat(tokens.authenticate(issued.token())).contains(
                new ApiTokens.ApiToken(issued.record().id(), "ci", "bob", List.of("read:config"), clock.instant(), null));
        assertThat(tokens.create("all", "bob", null, null).record().permissions()).isNull();
    }

    @Test
    void refusesAWrongSecretOrGarbage() {
        String token = tokens.create("ci", "bob", null, null).token();
        String wrongSecret = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");

        assertThat(tokens.authenticate(wrongSecret)).isEmpty();
        assertThat(tokens.authenticate(null)).isEmpty();
        assertThat(tokens.authenticate("mcphub_nope")).isEmpty();
        assertThat(ApiTokens.isApiToken("mcphub_nope")).isFalse();
    }

    @Test
    void listsTokensWithoutTheirSecrets() {
        String a = tokens.create("ci", "bob", List.of("read:config"), null).token();
        clock.advance(Duration.ofSeconds(1));
        String b = tokens.create("deploy", "alice", null, clock.instant().plus(Duration.ofDays(30))).token();

        List<ApiTokens.ApiToken> listed = tokens.list();

        assertThat(listed).extracting(ApiTokens.ApiToken::name).containsExactly("ci", "deploy");
        String json = Json.write(listed);
        assertThat(json).doesNotContain(a.substring(24)).doesNotContain(b.substring(24)).doesNotContain("secret");
    }

    @Test
    void revokes() {
        ApiTokens.Issued issued = tokens.create("ci", "bob", null, null);

        tokens.revoke(issued.record().id());

        assertThat(tokens.authenticate(issued.token())).isEmpty();
        assertThat(tokens.list()).isEmpty();
        assertProblem(() -> tokens.revoke(issued.record().id()), ProblemType.NOT_FOUND);
        assertProblem(() -> tokens.revoke("../users/admin"), ProblemType.NOT_FOUND);
    }

    @Test
    void expires() {
        String token = tokens.create("ci", "bob", null, clock.instant().plus(Durations.parse("12h"))).token();

        clock.advance(Duration.ofHours(12).minusSeconds(1));
        assertThat(tokens.authenticate(token)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.authenticate(token)).isEmpty();
    }

    @Test
    void readsTokensMintedByEarlierBuilds() throws Exception {
        // An earlier build stored "grants" where "permissions" now is; the token must keep its limit.
        String secret = "A".repeat(43);
        store.put(ApiTokens.PREFIX + "00112233aabbccdd", ("{\"id\":\"00112233aabbccdd\",\"name\":\"cli.env\",\"subject\":\"admin\","
                + "\"grants\":[\"*\"],\"secretSha256\":\"" + sha256(secret) + "\",\"createdAt\":\"2025-01-01T00:00:00Z\","
                + "\"expiresAt\":null}").getBytes(StandardCharsets.UTF_8));

        assertThat(tokens.authenticate("mcphub_00112233aabbccdd_" + secret)).map(ApiTokens.ApiToken::permissions)
                .contains(List.of("*"));
        String stored = tokens.create("ci", "bob", List.of("read:config"), null).record().id();
        assertThat(store.get(ApiTokens.PREFIX + stored).orElseThrow().valueAsString())
                .contains("\"permissions\":[\"read:config\"]").contains("\"secretSha256\"").doesNotContain("\"token\"");
    }

    @Test
    void refusesBadRequests() {
        assertProblem(() -> tokens.create(" ", "bob", null, null), ProblemType.BAD_REQUEST);
        assertProblem(() -> tokens.create("ci", "bob", List.of(""), null), ProblemType.BAD_REQUEST);
        assertProblem(() -> tokens.create("ci", "bob", null, clock.instant()), ProblemType.BAD_REQUEST);
        assertThat(tokens.list()).isEmpty();
    }

    @Test
    void parsesDurations() {
        assertThat(Durations.parse("30d")).isEqualTo(Duration.ofDays(30));
        assertThat(Durations.parse("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(Durations.parse("90m")).isEqualTo(Duration.ofMinutes(90));
        for (String bad : new String[] {null, "", "30", "d", "0d", "-1d", "1.5h", "3x", "30 days", "9999999d"}) {
            assertThatThrownBy(() -> Durations.parse(bad)).as(bad).isInstanceOf(ProblemException.class)
                    .hasMessageContaining("such as 30d, 12h or 90m");
        }
    }

    private static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertProblem(ThrowingCallable call, ProblemType type) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.type()).isEqualTo(type));
    }
}
