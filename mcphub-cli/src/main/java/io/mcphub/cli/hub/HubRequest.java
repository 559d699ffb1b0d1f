package io.mcphub.cli.hub;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.cli.common.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One call to the hub's API. {@code source} names what the user submitted (a file name, a key) so located errors in
 * the answer can be printed as {@code FILE:LINE:COL: message}.
 */
public record HubRequest(String method, String path, Map<String, String> query, String body, String contentType,
                         String source) {

    public static HubRequest get(String path) {
        return new HubRequest("GET", path, Map.of(), null, null, null);
    }

    public static HubRequest post(String path) {
        return new HubRequest("POST", path, Map.of(), null, null, null);
    }

    public static HubRequest put(String path) {
        return new HubRequest("PUT", path, Map.of(), null, null, null);
    }

    public static HubRequest delete(String path) {
        return new HubRequest("DELETE", path, Map.of(), null, null, null);
    }

    /** A null value leaves the parameter out, so optional flags map straight onto optional parameters. */
    public HubRequest query(String name, Object value) {
        if (value == null) {
            return this;
        }
        Map<String, String> q = new LinkedHashMap<>(query);
        q.put(name, String.valueOf(value));
        return new HubRequest(method, path, q, body, contentType, source);
    }

    public HubRequest json(JsonNode json) {
        return new HubRequest(method, path, query, Json.compact(json), "application/json", source);
    }

    /** A body sent as the user wrote it (a policy file), so the hub's line:column errors point into their text. */
    public HubRequest text(String text, String type) {
        return new HubRequest(method, path, query, text, type, source);
    }

    public HubRequest source(String name) {
        return new HubRequest(method, path, query, body, contentType, name);
    }

    public String pathAndQuery() {
        if (query.isEmpty()) {
            return path;
        }
        StringJoiner joiner = new StringJoiner("&", path + "?", "");
        query.forEach((k, v) -> joiner.add(encode(k) + "=" + encode(v)));
        return joiner.toString();
    }

    /**
     * A document key ({@code SERVICE} or {@code SERVICE/NAME}) as path segments: each segment encoded, the slash
     * kept, so a stray character reaches the hub as data and gets the hub's own "invalid key" answer.
     */
    public static String keyPath(String key) {
        StringJoiner joiner = new StringJoiner("/");
        for (String segment : key.split("/", -1)) {
            joiner.add(encode(segment));
        }
        return joiner.toString();
    }

    /** A name (user, policy, token id) as one path segment: a slash in it is data, not a level. */
    public static String segment(String name) {
        return encode(name);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
