package io.mcphub.security.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Which stored events a search wants; null fields match anything. An action ending in {@code .} matches every action
 * it prefixes ({@code config.}); a resource {@code NAME/*} matches NAME and everything below it, as in policies.
 */
record AuditFilter(String actor, String action, String resource, String outcome, Instant since, Instant until) {

    AuditFilter {
        if (outcome != null) {
            try {
                AuditEvent.Outcome.parse(outcome);
            } catch (IllegalArgumentException e) {
                throw new ProblemException(ProblemType.BAD_REQUEST, e.getMessage());
            }
        }
        if (since != null && until != null && since.isAfter(until)) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "since (" + since + ") is after until (" + until
                    + "); swap them");
        }
    }

    boolean matches(JsonNode doc) {
        Instant time = time(doc);
        return equalOrAny(actor, doc.path("user").path("name").asText(null))
                && actionMatches(doc.path("event").path("action").asText(""))
                && resourceMatches(doc.path("mcphub").path("resource").asText(null))
                && equalOrAny(outcome, doc.path("event").path("outcome").asText(null))
                && (since == null || (time != null && !time.isBefore(since)))
                && (until == null || (time != null && !time.isAfter(until)));
    }

    /**
     * Whether every event before {@code doc} (in sequence) is too old for the window too. Sequence order is time order
     * on one hub; between replicas their clocks may differ a little, which {@code skewSeconds} allows for.
     */
    boolean olderThanWindow(JsonNode doc, long skewSeconds) {
        Instant time = time(doc);
        return since != null && time != null && time.isBefore(since.minusSeconds(skewSeconds));
    }

    private static Instant time(JsonNode doc) {
        try {
            return Instant.parse(doc.path("@timestamp").asText(""));
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean equalOrAny(String wanted, String actual) {
        return wanted == null || wanted.equals(actual);
    }

    private boolean actionMatches(String actual) {
        return action == null || (action.endsWith(".") ? actual.startsWith(action) : action.equals(actual));
    }

    private boolean resourceMatches(String actual) {
        if (resource == null) {
            return true;
        }
        if (actual == null) {
            return false;
        }
        if (resource.equals("*")) {
            return true;
        }
        if (resource.endsWith("/*")) {
            String base = resource.substring(0, resource.length() - 2);
            return actual.equals(base) || actual.startsWith(base + "/");
        }
        return resource.equals(actual);
    }
}
