package io.mcphub.gateway.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.function.UnaryOperator;

/**
 * Namespaces the resource URIs inside answers, so that what a client reads it can read again through the gateway:
 * {@code contents} of {@code resources/read}, and resource links and embedded resources in tool results and
 * prompt messages. Only those places are rewritten; the rest of an answer passes as the server sent it.
 */
final class UriRewriter {

    private final Names names;

    UriRewriter(Names names) {
        this.names = names;
    }

    UnaryOperator<ObjectNode> toolResult(Scope scope, String service) {
        return scope.namespaced() ? response -> {
            response.path("result").path("content").forEach(item -> content(service, item));
            return response;
        } : UnaryOperator.identity();
    }

    UnaryOperator<ObjectNode> promptResult(Scope scope, String service) {
        return scope.namespaced() ? response -> {
            response.path("result").path("messages").forEach(message -> content(service, message.path("content")));
            return response;
        } : UnaryOperator.identity();
    }

    UnaryOperator<ObjectNode> readResult(Scope scope, String service) {
        return scope.namespaced() ? response -> {
            response.path("result").path("contents").forEach(item -> uri(service, item));
            return response;
        } : UnaryOperator.identity();
    }

    private void content(String service, JsonNode item) {
        switch (item.path("type").asText()) {
            case "resource_link" -> uri(service, item);
            case "resource" -> uri(service, item.path("resource"));
            default -> { }
        }
    }

    private void uri(String service, JsonNode node) {
        if (node instanceof ObjectNode object && object.path("uri").isTextual()) {
            object.put("uri", names.uri(service, object.get("uri").asText()));
        }
    }
}
