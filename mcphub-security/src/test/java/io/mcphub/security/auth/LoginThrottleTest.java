package io.mcphub.security.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcphub.core.error.ProblemType;
import io.mcphub.security.jwt.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    final MutableClock clock = new MutableClock();
    final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void locksAfterFiveFailuresForThirtySeconds() {
        failTimes(4, "bob", "10.0.0.1");
        assertThatCode(() -> throttle.check("bob", "10.0.0.1")).doesNotThrowAnyException();

        throttle.failure("bob", "10.0.0.1");

        assertThat(waitFor("bob", "10.0.0.9")).isEqualTo(30);
        assertThat(waitFor("carol", "10.0.0.1")).isEqualTo(30);
        assertThatCode(() -> throttle.check("carol", "10.0.0.9")).doesNotThrowAnyException();
        clock.advance(Duration.ofSeconds(29));
        assertThat(waitFor("bob", "10.0.0.9")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThatCode(() -> throttle.check("bob", "10.0.0.1")).doesNotThrowAnyException();
    }

    @Test
    void eachFurtherLockoutDoublesUpToFifteenMinutes() {
        failTimes(5, "bob", "ip");
        long[] expected = {60, 120, 240, 480, 900, 900};
        for (long seconds : expected) {
            clock.advance(Duration.ofSeconds(waitFor("bob", "ip")));
            throttle.failure("bob", "ip");
            assertThat(waitFor("bob", "ip")).isEqualTo(seconds);
        }
    }

    @Test
    void aQuietWindowAfterTheLastLockoutForgives() {
        failTimes(5, "bob", "ip");
        clock.advance(Duration.ofMinutes(15).plusSeconds(1)); // the failures aged out; the lockout ended 14.5 min ago
        throttle.failure("bob", "ip");
        assertThat(waitFor("bob", "ip")).as("still on the leash").isEqualTo(60);

        clock.advance(Duration.ofSeconds(60).plus(Duration.ofMinutes(15)));

        failTimes(4, "bob", "ip");
        assertThatCode(() -> throttle.check("bob", "ip")).doesNotThrowAnyException();
        throttle.failure("bob", "ip");
        assertThat(waitFor("bob", "ip")).as("the delay starts over").isEqualTo(30);
    }

    @Test
    void successClearsTheUserButNotTheAddress() {
        failTimes(4, "bob", "ip");
        throttle.success("bob", "ip");

        failTimes(4, "bob", "other-ip");
        assertThatCode(() -> throttle.check("bob", "other-ip")).doesNotThrowAnyException();
        throttle.failure("carol", "ip");
        assertThat(waitFor("dave", "ip")).isEqualTo(30);
    }

    @Test
    void userNamesAreCaseInsensitive() {
        failTimes(5, "Bob", "a");

        assertThat(waitFor("bob", "b")).isPositive();
    }

    private void failTimes(int n, String user, String ip) {
        for (int i = 0; i < n; i++) {
            throttle.failure(user, ip);
        }
    }

    private long waitFor(String user, String ip) {
        try {
            throttle.check(user, ip);
            return 0;
        } catch (ThrottledException e) {
            assertThat(e.type()).isEqualTo(ProblemType.TOO_MANY_REQUESTS);
            assertThat(e.type().status()).isEqualTo(429);
            return e.retryAfterSeconds();
        }
    }

    @Test
    void refusalSaysHowLongToWait() {
        failTimes(5, "bob", "ip");

        assertThatThrownBy(() -> throttle.check("bob", "ip")).isInstanceOf(ThrottledException.class)
                .hasMessage("too many failed logins; wait 30 seconds before trying again");
    }
}
