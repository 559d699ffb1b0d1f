package io.mcphub.security.auth;

import io.mcphub.security.jwt.AccessTokens;
import io.mcphub.security.rbac.Permissions;
import io.mcphub.security.users.User;
import io.mcphub.security.users.Users;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns a bearer token into a {@link Principal}: an access token (JWT) or an API token ({@code mcphub_…}), whose
 * subject must still be a user. A token older than the user it names belongs to an earlier user of that name, who
 * was deleted; it authenticates nobody. Grants are resolved on every request, so a policy change applies at once.
 */
public final class Authenticator {

    private static final String API_TOKEN_PREFIX = "mcphub_";

    /** Why a bearer token was refused, coarse on purpose: the 401 says no more than these four. */
    public enum Failure {
        MISSING("this API needs a bearer token; send 'Authorization: Bearer TOKEN' with an access token from "
                + "POST /api/v1/auth/login or an API token"),
        MALFORMED("the bearer token is malformed; send an access token or an API token exactly as it was issued"),
        EXPIRED("the access token has expired; get a new one with POST /api/v1/auth/refresh or log in again"),
        INVALID("the bearer token is invalid, expired or revoked; log in again or use a current API token");

        private final String detail;

        Failure(String detail) {
            this.detail = detail;
        }

        /** The one-sentence 401 detail. */
        public String detail() {
            return detail;
        }
    }

    public sealed interface Result permits Authenticated, Rejected {}

    public record Authenticated(Principal principal) implements Result {}

    public record Rejected(Failure failure) implements Result {}

    private final AccessTokens accessTokens;
    private final ApiTokens apiTokens;
    private final Users users;
    private final GrantResolver grants;

    public Authenticator(AccessTokens accessTokens, ApiTokens apiTokens, Users users, GrantResolver grants) {
        this.accessTokens = accessTokens;
        this.apiTokens = apiTokens;
        this.users = users;
        this.grants = grants;
    }

    public Optional<Principal> authenticate(String bearer) {
        return check(bearer) instanceof Authenticated ok ? Optional.of(ok.principal()) : Optional.empty();
    }

    /** Like {@link #authenticate} but says why a token was refused, for the 401 detail. */
    public Result check(String bearer) {
        if (bearer == null || bearer.isBlank()) {
            return new Rejected(Failure.MISSING);
        }
        if (bearer.startsWith(API_TOKEN_PREFIX)) {
            return checkApiToken(bearer);
        }
        if (bearer.split("\\.", -1).length == 3) {
            return checkAccessToken(bearer);
        }
        return new Rejected(Failure.MALFORMED);
    }

    private Result checkAccessToken(String bearer) {
        return switch (accessTokens.verify(bearer)) {
            // JWT times are whole seconds, so compare with the user's creation second.
            case AccessTokens.Valid valid -> principal(valid.subject(), valid.issuedAt(), null, "jwt",
                    u -> u.createdAt().truncatedTo(ChronoUnit.SECONDS));
            case AccessTokens.Invalid invalid -> new Rejected(switch (invalid.reason()) {
                case MALFORMED -> Failure.MALFORMED;
                case EXPIRED -> Failure.EXPIRED;
                default -> Failure.INVALID;
            });
        };
    }

    private Result checkApiToken(String bearer) {
        if (!ApiTokens.isApiToken(bearer)) {
            return new Rejected(Failure.MALFORMED);
        }
        return apiTokens.authenticate(bearer)
                .map(t -> principal(t.subject(), t.createdAt(), t.permissions() == null ? null : Set.copyOf(t.permissions()),
                        "api-token:" + t.id(), User::createdAt))
                .orElse(new Rejected(Failure.INVALID));
    }

    private Result principal(String subject, Instant tokenIssuedAt, Set<String> restrictTo, String via,
                             Function<User, Instant> userSince) {
        Optional<User> user = users.find(subject).filter(u -> !tokenIssuedAt.isBefore(userSince.apply(u)));
        if (user.isEmpty()) {
            return new Rejected(Failure.INVALID);
        }
        Set<String> groups = Set.copyOf(user.get().groups());
        return new Authenticated(new Principal(subject, groups, grants.grantsFor(subject, groups), withReadSelf(restrictTo), via));
    }

    /** A token limited to some permissions may still ask who it is: read:self is every caller's. */
    private static Set<String> withReadSelf(Set<String> restrictTo) {
        if (restrictTo == null) {
            return null;
        }
        Set<String> limit = new java.util.HashSet<>(restrictTo);
        limit.add(Permissions.READ_SELF);
        return limit;
    }
}
