package io.mcphub.cli.command.config;

import com.fasterxml.jackson.databind.JsonNode;

/** The human sentence for a publish answer {@code {key, version, changed, hash}}. */
final class Published {
    private Published() {}

    static String describe(JsonNode answer, String requestedKey) {
        String key = answer.path("key").asText(requestedKey);
        long version = answer.path("version").asLong();
        return answer.path("changed").asBoolean(true)
                ? "published " + key + " version " + version
                : "unchanged: " + key + " is already at version " + version;
    }

    static String describeGray(JsonNode answer, String requestedKey) {
        String key = answer.path("key").asText(requestedKey);
        return "published " + key + " version " + answer.path("candidate").asLong() + " to " + answer.path("selector").asText()
                + " only (gray release); the other instances stay on version " + answer.path("stable").asLong()
                + ". Watch it with 'mcphub config gray status " + key + "', then 'mcphub config gray promote " + key
                + "' or 'mcphub config gray abort " + key + "'";
    }

    static String describeRollback(JsonNode answer, String requestedKey, long to) {
        String key = answer.path("key").asText(requestedKey);
        long version = answer.path("version").asLong();
        return answer.path("changed").asBoolean(true)
                ? "rolled back " + key + " to the content of version " + to + ", published as version " + version
                : "unchanged: " + key + " is at version " + version + ", which already has the content of version " + to;
    }
}
