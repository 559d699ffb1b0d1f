package io.mcphub.security.auth;

import io.mcphub.security.users.User;

/**
 * What a login or refresh hands back (the HTTP layer names the fields {@code access_token}, {@code expires_in}, …).
 *
 * @param expiresIn        seconds the access token is valid
 * @param refreshExpiresIn seconds the refresh token is valid
 */
public record TokenPair(String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn, User user) {

    public static final String TOKEN_TYPE = "Bearer";

    @Override
    public String toString() {
        return "TokenPair[user=" + user.name() + "]"; // never the tokens
    }
}
