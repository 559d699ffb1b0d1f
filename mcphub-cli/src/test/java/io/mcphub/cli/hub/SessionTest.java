package io.mcphub.cli.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.cli.common.Json;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void fromALoginAnswer() throws Exception {
        // the hub's answer to POST /api/v1/auth/login: "user" is the name, as the hub spells it
        var answer = Json.JSON.readTree("""
                {"access_token": "A", "token_type": "Bearer", "expires_in": 900, "refresh_token": "R",
                 "refresh_expires_in": 604800, "user": "alice"}""");

        Session session = Session.fromAnswer(answer, "typed", null, NOW);

        assertThat(session).isEqualTo(new Session("alice", "A", "R", NOW.plusSeconds(900)));
        assertThat(Session.read(ClientConfigFile.parse(ClientConfigFile.rewrite("", session.settings())))).isEqualTo(session);
    }

    @Test
    void aRefreshKeepsWhatItsAnswerLeavesOut() throws Exception {
        Session previous = new Session("alice", "A1", "R1", NOW);

        Session renewed = Session.fromAnswer(Json.JSON.readTree("{\"access_token\": \"A2\"}"), null, previous, NOW);

        assertThat(renewed).isEqualTo(new Session("alice", "A2", "R1", null));
        assertThat(renewed.settings()).containsEntry("access_expires_at", null);
    }

    @Test
    void anAnswerWithoutTokenIsNotAHub() {
        assertThatThrownBy(() -> Session.fromAnswer(Json.object(), "u", null, NOW)).hasMessageContaining("no access_token");
    }

    @Test
    void tokensNeverAppearInToString() {
        assertThat(new Session("alice", "secret-access", "secret-refresh", NOW).toString())
                .doesNotContain("secret").contains("alice");
        assertThat(new Credentials.Fixed("secret", "the token in MCPHUB_TOKEN", "fix").toString()).doesNotContain("secret");
    }

    @Test
    void anUnreadableExpiryCountsAsUnknown() {
        var settings = ClientConfigFile.parse("access_token: A\nrefresh_token: R\naccess_expires_at: soon\n");

        assertThat(Session.read(settings).accessExpiresAt()).isNull();
        assertThat(Session.read(ClientConfigFile.parse("token: T\n"))).isNull();
    }
}
