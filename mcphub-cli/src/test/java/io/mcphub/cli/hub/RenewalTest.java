package io.mcphub.cli.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a login's access token is renewed, and when the request is sent again. */
class RenewalTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void renewsBeforeSendingOnlyWhenTheTokenHasExpiredOrIsAboutTo() {
        assertThat(Renewal.beforeSending(true, NOW.minusSeconds(1), false, NOW)).isTrue();
        assertThat(Renewal.beforeSending(true, NOW.plusSeconds(10), false, NOW)).as("within the margin").isTrue();
        assertThat(Renewal.beforeSending(true, NOW.plusSeconds(120), false, NOW)).isFalse();
        assertThat(Renewal.beforeSending(true, null, false, NOW)).as("expiry unknown: let the hub say").isFalse();
        assertThat(Renewal.beforeSending(false, NOW.minusSeconds(1), false, NOW)).as("no refresh token").isFalse();
        assertThat(Renewal.beforeSending(true, NOW.minusSeconds(1), true, NOW)).as("renewed once already").isFalse();
    }

    @Test
    void retriesOnceAfterA401Only() {
        assertThat(Renewal.afterAnswer(401, true, false)).isTrue();
        assertThat(Renewal.afterAnswer(401, true, true)).as("a fresh token refused again").isFalse();
        assertThat(Renewal.afterAnswer(401, false, false)).as("nothing to renew with").isFalse();
        assertThat(Renewal.afterAnswer(403, true, false)).as("forbidden is not about the token").isFalse();
        assertThat(Renewal.afterAnswer(200, true, false)).isFalse();
    }

    @Test
    void takesALoginAnotherCommandRenewedMeanwhile() {
        Session ours = new Session("admin", "A1", "R1", NOW.minusSeconds(5));

        assertThat(Renewal.takeStored(ours, new Session("admin", "A2", "R2", NOW.plusSeconds(900)), NOW)).isTrue();
        assertThat(Renewal.takeStored(ours, new Session("admin", "A2", "R2", null), NOW)).isTrue();
        assertThat(Renewal.takeStored(ours, ours, NOW)).as("the same login: refresh it").isFalse();
        assertThat(Renewal.takeStored(ours, new Session("admin", "A2", "R2", NOW.minusSeconds(1)), NOW))
                .as("renewed but expired too: refresh that one").isFalse();
        assertThat(Renewal.takeStored(ours, null, NOW)).isFalse();
    }
}
