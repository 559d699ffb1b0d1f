package io.mcphub.security.auth;

import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.jwt.AccessTokens;
import io.mcphub.security.jwt.RefreshTokens;
import io.mcphub.security.users.User;
import io.mcphub.security.users.Users;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** {@code POST /api/v1/auth/login} and {@code /refresh}: passwords and refresh tokens in, token pairs out. */
public final class LoginService {

    /** One message for an unknown user and a wrong password, so the answer does not reveal which names exist. */
    static final String WRONG_CREDENTIALS = "wrong user name or password; check both and try again, or ask an "
            + "administrator to reset the password with 'mcphub user passwd'";
    static final String REFRESH_REFUSED = "the refresh token is invalid, expired or already used; log in again";

    private final Users users;
    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final LoginThrottle throttle;

    public LoginService(Users users, AccessTokens accessTokens, RefreshTokens refreshTokens, LoginThrottle throttle) {
        this.users = users;
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.throttle = throttle;
    }

    /**
     * Throws UNAUTHORIZED for wrong credentials and {@link ThrottledException} (429) while the name or address is
     * locked out. The caller owns {@code password} and should wipe it afterwards.
     */
    public TokenPair login(String username, char[] password, String sourceIp) {
        throttle.check(username, sourceIp);
        Optional<User> user = users.verify(username, password);
        if (user.isEmpty()) {
            throttle.failure(username, sourceIp);
            throw new ProblemException(ProblemType.UNAUTHORIZED, WRONG_CREDENTIALS);
        }
        throttle.success(username, sourceIp);
        return issue(user.get());
    }

    /**
     * Spends the refresh token and issues a new pair. Refused once the user is gone, or when the session started
     * before the user's current password (a password change ends the sessions that came before it) or before the
     * user was (re)created under that name.
     */
    public TokenPair refresh(String refreshToken) {
        RefreshTokens.Redeemed redeemed = refreshTokens.redeem(refreshToken)
                .orElseThrow(() -> new ProblemException(ProblemType.UNAUTHORIZED, REFRESH_REFUSED));
        User user = users.find(redeemed.subject())
                .filter(u -> !redeemed.issuedAt().isBefore(latest(u.createdAt(), u.passwordChangedAt())))
                .orElseThrow(() -> new ProblemException(ProblemType.UNAUTHORIZED, REFRESH_REFUSED));
        return issue(user);
    }

    private TokenPair issue(User user) {
        AccessTokens.Issued access = accessTokens.issue(user.name());
        RefreshTokens.Issued refresh = refreshTokens.issue(user.name());
        return new TokenPair(access.token(), Duration.between(access.issuedAt(), access.expiresAt()).toSeconds(),
                refresh.token(), refreshTokens.ttl().toSeconds(), user);
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
