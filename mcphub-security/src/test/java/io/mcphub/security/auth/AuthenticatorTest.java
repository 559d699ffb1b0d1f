package io.mcphub.security.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.security.auth.Authenticator.Authenticated;
import io.mcphub.security.auth.Authenticator.Failure;
import io.mcphub.security.auth.Authenticator.Rejected;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthenticatorTest {

    private static final char[] GOOD = "correct horse battery staple".toCharArray();

    @TempDir
    Path dir;
    AuthFixture hub;
    Authenticator authenticator;

    @BeforeEach
    void open() {
        hub = new AuthFixture(dir);
        GrantResolver grants = (user, groups) -> groups.contains("payments") ? Set.of("write:config:payment/*", "read:config")
                : Set.of("read:config");
        authenticator = new Authenticator(hub.accessTokens, hub.apiTokens, hub.users, grants);
        hub.users.create("bob", GOOD, List.of("payments"));
    }

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void anAccessTokenBecomesThePrincipalWithItsGrants() {
        String jwt = hub.login.login("bob", GOOD, "ip").accessToken();

        Principal bob = authenticator.authenticate(jwt).orElseThrow();

        assertThat(bob).isEqualTo(new Principal("bob", Set.of("payments"), Set.of("write:config:payment/*", "read:config"),
                null, "jwt"));
        assertThat(bob.allows("write:config", "payment/prod")).isTrue();
        assertThat(bob.allows("write:config", "orders")).isFalse();
    }

    @Test
    void anApiTokenIsLimitedToItsOwnPermissions() {
        ApiTokens.Issued limited = hub.apiTokens.create("ci", "bob", List.of("read:config"), null);
        ApiTokens.Issued full = hub.apiTokens.create("ops", "bob", null, null);

        Principal viaLimited = authenticator.authenticate(limited.token()).orElseThrow();
        Principal viaFull = authenticator.authenticate(full.token()).orElseThrow();

        assertThat(viaLimited.via()).isEqualTo("api-token:" + limited.record().id());
        assertThat(viaLimited.restrictTo()).containsExactlyInAnyOrder("read:config", "read:self");
        assertThat(viaLimited.allows("read:config", "payment")).isTrue();
        assertThat(viaLimited.allows("write:config", "payment")).isFalse();
        assertThat(viaFull.restrictTo()).isNull();
        assertThat(viaFull.allows("write:config", "payment")).isTrue();
    }

    @Test
    void saysWhyATokenWasRefused() {
        String jwt = hub.login.login("bob", GOOD, "ip").accessToken();
        ApiTokens.Issued api = hub.apiTokens.create("ci", "bob", null, null);

        assertThat(authenticator.check(null)).isEqualTo(new Rejected(Failure.MISSING));
        assertThat(authenticator.check(" ")).isEqualTo(new Rejected(Failure.MISSING));
        assertThat(authenticator.check("hello")).isEqualTo(new Rejected(Failure.MALFORMED));
        assertThat(authenticator.check("a.b.c")).isEqualTo(new Rejected(Failure.MALFORMED));
        assertThat(authenticator.check("mcphub_123")).isEqualTo(new Rejected(Failure.MALFORMED));
        assertThat(authenticator.check(jwt.substring(0, jwt.length() - 2) + "AA")).isEqualTo(new Rejected(Failure.INVALID));
        assertThat(authenticator.check(api.token().replace(api.record().id(), "0123456789abcdef")))
                .isEqualTo(new Rejected(Failure.INVALID));

        hub.apiTokens.revoke(api.record().id());
        assertThat(authenticator.check(api.token())).isEqualTo(new Rejected(Failure.INVALID));
        hub.clock.advance(Duration.ofMinutes(15));
        assertThat(authenticator.check(jwt)).isEqualTo(new Rejected(Failure.EXPIRED));
        assertThat(Failure.EXPIRED.detail()).contains("/api/v1/auth/refresh");
    }

    @Test
    void aDeletedUserAuthenticatesNoMore() {
        String jwt = hub.login.login("bob", GOOD, "ip").accessToken();
        String api = hub.apiTokens.create("ci", "bob", null, null).token();

        hub.users.delete("bob");

        assertThat(authenticator.check(jwt)).isEqualTo(new Rejected(Failure.INVALID));
        assertThat(authenticator.check(api)).isEqualTo(new Rejected(Failure.INVALID));
    }

    @Test
    void tokensOfAFormerUserDoNotPassToANewUserOfTheSameName() {
        String jwt = hub.login.login("bob", GOOD, "ip").accessToken();
        String api = hub.apiTokens.create("ci", "bob", null, null).token();
        hub.users.delete("bob");
        hub.clock.advance(Duration.ofSeconds(1));

        hub.users.create("bob", GOOD, List.of());

        assertThat(authenticator.check(jwt)).isEqualTo(new Rejected(Failure.INVALID));
        assertThat(authenticator.check(api)).isEqualTo(new Rejected(Failure.INVALID));
        assertThat(authenticator.check(hub.login.login("bob", GOOD, "ip").accessToken())).isInstanceOf(Authenticated.class);
    }

    @Test
    void aRefreshTokenIsNoBearerToken() {
        String refresh = hub.login.login("bob", GOOD, "ip").refreshToken();

        assertThat(authenticator.authenticate(refresh)).isEmpty();
    }
}
