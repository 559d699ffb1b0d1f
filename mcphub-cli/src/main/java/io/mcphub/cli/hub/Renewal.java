package io.mcphub.cli.hub;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** When the CLI renews a login's access token: the decisions alone, without the I/O around them. */
final class Renewal {
    /** Renew a little early: a token that expires while the request travels costs a 401 and a second round trip. */
    static final Duration MARGIN = Duration.ofSeconds(30);

    private Renewal() {}

    static boolean beforeSending(boolean renewable, Instant expiresAt, boolean renewedAlready, Instant now) {
        return renewable && !renewedAlready && expiresAt != null && !now.isBefore(expiresAt.minus(MARGIN));
    }

    /**
     * A 401 is about the token only, the hub did nothing else, so sending the request again is safe even for a
     * POST. Once at most: a token renewed a moment ago that is refused again will not be accepted by retrying.
     */
    static boolean afterAnswer(int status, boolean renewable, boolean renewedAlready) {
        return status == 401 && renewable && !renewedAlready;
    }

    /**
     * Whether the file already holds a newer login than the one this command started with: another command
     * renewed it meanwhile, and refreshing again would spend a refresh token the hub has already rotated.
     */
    static boolean takeStored(Session ours, Session stored, Instant now) {
        return stored != null && !Objects.equals(stored.accessToken(), ours.accessToken())
                && (stored.accessExpiresAt() == null || now.isBefore(stored.accessExpiresAt().minus(MARGIN)));
    }
}
