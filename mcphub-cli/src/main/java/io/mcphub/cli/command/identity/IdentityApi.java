package io.mcphub.cli.command.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.cli.common.Json;
import io.mcphub.cli.hub.HubClient;
import io.mcphub.cli.hub.HubRequest;
import java.util.List;

/**
 * The identity routes of docs/api.md (login, users, API tokens, signing keys), one method each; the only place that
 * knows their URLs.
 */
public final class IdentityApi {
    private static final String AUTH = "/api/v1/auth";
    private static final String USERS = "/api/v1/users";
    private static final String TOKENS = "/api/v1/tokens";

    private final HubClient hub;

    public IdentityApi(HubClient hub) {
        this.hub = hub;
    }

    public JsonNode login(String user, String password) {
        return hub.send(HubRequest.post(AUTH + "/login")
                .json(Json.object().put("username", user).put("password", password))).json();
    }

    public JsonNode whoami() {
        return hub.send(HubRequest.get(AUTH + "/whoami")).json();
    }

    public JsonNode rotateKeys() {
        return hub.send(HubRequest.post(AUTH + "/keys/rotate")).json();
    }

    public JsonNode users() {
        return hub.send(HubRequest.get(USERS)).json();
    }

    public JsonNode createUser(String name, String password, List<String> groups) {
        ObjectNode body = Json.object().put("name", name).put("password", password);
        body.set("groups", array(groups));
        return hub.send(HubRequest.post(USERS).json(body)).json();
    }

    public JsonNode deleteUser(String name) {
        return hub.send(HubRequest.delete(USERS + "/" + HubRequest.segment(name))).json();
    }

    public JsonNode setPassword(String name, String password) {
        return hub.send(HubRequest.put(USERS + "/" + HubRequest.segment(name) + "/password")
                .json(Json.object().put("password", password))).json();
    }

    public JsonNode tokens() {
        return hub.send(HubRequest.get(TOKENS)).json();
    }

    /** Null {@code expires} or {@code permissions} are sent as null: the hub's defaults (never, the caller's own). */
    public JsonNode createToken(String name, String expires, List<String> permissions) {
        ObjectNode body = Json.object().put("name", name).put("expires", expires);
        body.set("permissions", permissions == null ? body.nullNode() : array(permissions));
        return hub.send(HubRequest.post(TOKENS).json(body)).json();
    }

    public JsonNode revokeToken(String id) {
        return hub.send(HubRequest.delete(TOKENS + "/" + HubRequest.segment(id))).json();
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode array = Json.JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }
}
