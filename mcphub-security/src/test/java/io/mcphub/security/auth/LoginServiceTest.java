package io.mcphub.security.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.jwt.AccessTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoginServiceTest {

    private static final String IP = "192.0.2.7";
    private static final char[] GOOD = "correct horse battery staple".toCharArray();
    private static final char[] WRONG = "purple monkey dishwasher".toCharArray();

    @TempDir
    Path dir;
    AuthFixture hub;

    @BeforeEach
    void open() {
        hub = new AuthFixture(dir);
        hub.users.create("bob", GOOD, List.of("dev"));
    }

    @AfterEach
    void close() {
        hub.close();
    }

    @Test
    void loginIssuesAPair() {
        TokenPair pair = hub.login.login("bob", GOOD, IP);

        assertThat(pair.expiresIn()).isEqualTo(900);
        assertThat(pair.refreshExpiresIn()).isEqualTo(Duration.ofDays(7).toSeconds());
        assertThat(pair.user().name()).isEqualTo("bob");
        assertThat(hub.accessTokens.verify(pair.accessToken()))
                .isInstanceOfSatisfying(AccessTokens.Valid.class, v -> assertThat(v.subject()).isEqualTo("bob"));
        assertThat(pair.toString()).doesNotContain(pair.accessToken()).doesNotContain(pair.refreshToken());
    }

    @Test
    void wrongPasswordAndUnknownUserGetTheSameAnswer() {
        assertUnauthorized(() -> hub.login.login("bob", WRONG, IP), "wrong user name or password");
        assertUnauthorized(() -> hub.login.login("nobody", GOOD, IP), "wrong user name or password");
        assertUnauthorized(() -> hub.login.login("Not A Name", GOOD, IP), "wrong user name or password");
    }

    @Test
    void fiveFailuresBlockEvenTheRightPasswordUntilTheDelayPasses() {
        for (int i = 0; i < 5; i++) {
            assertUnauthorized(() -> hub.login.login("bob", WRONG, IP), "wrong user name or password");
        }

        assertThatThrownBy(() -> hub.login.login("bob", GOOD, IP))
                .isInstanceOfSatisfying(ThrottledException.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(30));
        assertThatThrownBy(() -> hub.login.login("bob", GOOD, "198.51.100.1"))
                .as("the user name is locked from every address").isInstanceOf(ThrottledException.class);

        hub.clock.advance(Duration.ofSeconds(30));
        assertThat(hub.login.login("bob", GOOD, "198.51.100.1").user().name()).isEqualTo("bob");

        assertUnauthorized(() -> hub.login.login("bob", WRONG, "198.51.100.1"), "wrong user name or password");
        assertThat(hub.login.login("bob", GOOD, "198.51.100.1")).as("success reset the user's count").isNotNull();
    }

    @Test
    void refreshRotatesTheRefreshToken() {
        TokenPair first = hub.login.login("bob", GOOD, IP);
        hub.clock.advance(Duration.ofMinutes(20));
        assertThat(hub.accessTokens.verify(first.accessToken())).isInstanceOf(AccessTokens.Invalid.class);

        TokenPair second = hub.login.refresh(first.refreshToken());

        assertThat(hub.accessTokens.verify(second.accessToken())).isInstanceOf(AccessTokens.Valid.class);
        assertThat(second.refreshToken()).isNotEqualTo(first.refreshToken());
        assertUnauthorized(() -> hub.login.refresh(first.refreshToken()), "already used");
        assertThat(hub.login.refresh(second.refreshToken()).user().name()).isEqualTo("bob");
    }

    @Test
    void refreshIsRefusedAfterAPasswordChangeOrDeletion() {
        TokenPair beforeChange = hub.login.login("bob", GOOD, IP);
        hub.clock.advance(Duration.ofSeconds(1));
        hub.users.setPassword("bob", WRONG);
        assertUnauthorized(() -> hub.login.refresh(beforeChange.refreshToken()), "log in again");

        TokenPair afterChange = hub.login.login("bob", WRONG, IP);
        hub.users.delete("bob");
        assertUnauthorized(() -> hub.login.refresh(afterChange.refreshToken()), "log in again");
    }

    @Test
    void refreshRefusesGarbage() {
        assertUnauthorized(() -> hub.login.refresh("nonsense"), "log in again");
        assertUnauthorized(() -> hub.login.refresh(null), "log in again");
    }

    private static void assertUnauthorized(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.type()).isEqualTo(ProblemType.UNAUTHORIZED);
            assertThat(e.getMessage()).contains(message);
        });
    }
}
