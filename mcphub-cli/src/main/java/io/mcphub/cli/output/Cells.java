package io.mcphub.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.common.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.StringJoiner;

/** How JSON values look in a table cell. */
public final class Cells {
    /** Shown for a value that is absent, so columns never look shifted. */
    public static final String NONE = "-";
    private static final int MAX_TEXT = 60;

    private Cells() {}

    /** Text as is (strings unquoted); absent or null is "-". */
    public static String text(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return NONE;
        }
        String text = node.isValueNode() ? node.asText() : Json.compact(node);
        return text.isBlank() ? NONE : text;
    }

    /** Free text such as commit messages, cut so one long message does not stretch every row. */
    public static String shortText(JsonNode node) {
        String text = text(node).strip().replaceAll("\\s*\\R\\s*", " ");
        return text.codePointCount(0, text.length()) <= MAX_TEXT
                ? text : text.substring(0, text.offsetByCodePoints(0, MAX_TEXT - 1)) + "…";
    }

    /** A value in a diff: JSON, so "60" (a string) and 60 (a number) do not look alike. */
    public static String value(JsonNode node) {
        return node == null || node.isMissingNode() ? NONE : Json.compact(node);
    }

    /** Timestamps to the second, in UTC, ISO-8601 — sortable and unambiguous. */
    public static String time(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return NONE;
        }
        if (node.isIntegralNumber()) {
            return Instant.ofEpochMilli(node.asLong()).truncatedTo(ChronoUnit.SECONDS).toString();
        }
        try {
            return OffsetDateTime.parse(node.asText()).toInstant().truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return text(node);
        }
    }

    /** An array as {@code a,b,c} (no blanks, so awk still splits the row); absent or empty is "-". */
    public static String list(JsonNode node) {
        if (node == null || !node.isArray()) {
            return text(node);
        }
        StringJoiner joiner = new StringJoiner(",");
        node.forEach(element -> joiner.add(text(element)));
        return joiner.length() == 0 ? NONE : joiner.toString();
    }

    public static String yesNo(JsonNode node) {
        return node != null && node.asBoolean(false) ? "yes" : "no";
    }

    /** {@code sha256:} plus 12 hex digits, like a short git hash; -o json has the full one. */
    public static String shortHash(JsonNode node) {
        String hash = text(node);
        int colon = hash.indexOf(':');
        int end = Math.min(hash.length(), colon + 1 + 12);
        return hash.substring(0, end);
    }
}
