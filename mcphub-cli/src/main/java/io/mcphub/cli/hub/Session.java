package io.mcphub.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.common.CliException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code mcphub login} keeps in {@code ~/.mcphub/config}: the access token the CLI shows the hub, the refresh
 * token that renews it, and when the access token expires (null: unknown, the hub's 401 will tell).
 */
public record Session(String user, String accessToken, String refreshToken, Instant accessExpiresAt) {

    /** The login in a config file, or null when it holds none. */
    public static Session read(Map<String, String> settings) {
        String access = settings.get(ClientConfigFile.ACCESS_TOKEN);
        if (access == null) {
            return null;
        }
        return new Session(settings.get(ClientConfigFile.USER), access, settings.get(ClientConfigFile.REFRESH_TOKEN),
                instant(settings.get(ClientConfigFile.ACCESS_EXPIRES_AT)));
    }

    /**
     * From the answer to login or refresh. {@code previous} is the session a refresh renews (null for a login): its
     * user and refresh token stay when the answer leaves them out.
     */
    public static Session fromAnswer(JsonNode answer, String requestedUser, Session previous, Instant now) {
        String access = text(answer.path("access_token"));
        if (access == null) {
            throw CliException.failed("the hub's answer has no access_token; check that the URL points at an MCP Hub");
        }
        JsonNode user = answer.path("user");
        String name = user.isObject() ? text(user.path("name")) : text(user);
        if (name == null) {
            name = previous != null ? previous.user() : requestedUser;
        }
        String refresh = text(answer.path("refresh_token"));
        if (refresh == null && previous != null) {
            refresh = previous.refreshToken();
        }
        JsonNode expiresIn = answer.path("expires_in");
        Instant expires = expiresIn.canConvertToLong() ? now.plusSeconds(expiresIn.asLong()) : null;
        return new Session(name, access, refresh, expires);
    }

    /** The keys to write; a null value removes a stale key (an expiry the new answer does not give). */
    public Map<String, String> settings() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (user != null) {
            settings.put(ClientConfigFile.USER, user);
        }
        settings.put(ClientConfigFile.ACCESS_TOKEN, accessToken);
        settings.put(ClientConfigFile.REFRESH_TOKEN, refreshToken);
        settings.put(ClientConfigFile.ACCESS_EXPIRES_AT, accessExpiresAt == null ? null : accessExpiresAt.toString());
        return settings;
    }

    public boolean renewable() {
        return refreshToken != null;
    }

    /** The tokens stay out of toString so no log line or exception message can ever carry them. */
    @Override
    public String toString() {
        return "Session[user=" + user + ", accessExpiresAt=" + accessExpiresAt + "]";
    }

    /** A hand-edited, unreadable expiry counts as unknown: the hub's 401 still triggers a renewal. */
    private static Instant instant(String text) {
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
