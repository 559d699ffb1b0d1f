package io.mcphub.cli.command.identity;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.output.Cells;

/** How an API token's limits read in a table: "no limit" has a meaning of its own, not "-". */
final class TokenCells {
    private TokenCells() {}

    /** Without a list the token may do all its creator may; "-" would read as "nothing". */
    static String permissions(JsonNode token) {
        JsonNode permissions = token.path("permissions");
        return permissions.isArray() ? Cells.list(permissions) : "(as-creator)";
    }

    static String expires(JsonNode token) {
        String at = Cells.time(token.path("expiresAt"));
        return at.equals(Cells.NONE) ? "never" : at;
    }
}
