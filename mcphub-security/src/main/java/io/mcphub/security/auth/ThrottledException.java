package io.mcphub.security.auth;

import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;

/** Too many failed logins: answered 429 with {@code Retry-After: retryAfterSeconds}. */
public class ThrottledException extends ProblemException {

    private final long retryAfterSeconds;

    public ThrottledException(long retryAfterSeconds) {
        super(ProblemType.TOO_MANY_REQUESTS, "too many failed logins; wait " + retryAfterSeconds
                + " seconds before trying again");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
