package io.mcphub.security.auth;

import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The short durations people type for token lifetimes: {@code 30d}, {@code 12h}, {@code 90m}. */
public final class Durations {

    private static final Pattern FORMAT = Pattern.compile("(\\d{1,6})([dhm])");

    private Durations() {}

    public static Duration parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text.trim());
        if (m == null || !m.matches() || Long.parseLong(m.group(1)) == 0) {
            String shown = text == null || text.length() > 32 ? "that" : "'" + text + "'";
            throw new ProblemException(ProblemType.BAD_REQUEST, shown + " is not a duration; use a positive "
                    + "number followed by d, h or m, such as 30d, 12h or 90m");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofMinutes(amount);
        };
    }
}
