package io.mcphub.cli.command.config;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads one entry of a diff's {@code changes} ({@code {op, path, old, new}}). */
final class Changes {
    private Changes() {}

    /**
     * The value after the change. docs/api.md names it {@code new}; a hub that names it {@code value} (as in the
     * RFC 6902 op it came from) is read too, so the table never shows a replaced value as missing.
     */
    static JsonNode after(JsonNode change) {
        return change.has("new") ? change.path("new") : change.path("value");
    }
}
