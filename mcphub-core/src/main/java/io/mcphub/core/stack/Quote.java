package io.mcphub.core.stack;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;

/** How messages show values and kinds of value. */
final class Quote {

    private Quote() {}

    static String of(String value) {
        return "\"" + value + "\"";
    }

    /** As a spec writes it: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) {
            return ms + "ms";
        }
        long s = ms / 1000;
        return s % 3600 == 0 && s > 0 ? s / 3600 + "h" : s % 60 == 0 && s > 0 ? s / 60 + "m" : s + "s";
    }

    static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT, POJO -> "an object";
            case STRING, BINARY -> node.asText().isEmpty() ? "an empty string" : "a string";
            case NUMBER -> node.isIntegralNumber() ? "a whole number" : "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
        };
    }
}
