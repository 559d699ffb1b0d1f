package io.mcphub.security.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Renders an event in Elastic Common Schema, as nested objects so that Filebeat's ndjson parser and Elasticsearch's
 * ECS templates map every field without processors. Absent values are left out rather than written as null, which
 * keeps lines short and the hash independent of how a reader treats nulls.
 */
final class EcsFormat {

    static final String ECS_VERSION = "8.11.0";
    static final String SERVICE = "mcphub";

    /** Always three fraction digits: a fixed width sorts as text and never round-trips differently. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private EcsFormat() {}

    /** The event without its place in the chain; {@link AuditChain#seal} adds sequence and hashes. */
    static ObjectNode encode(AuditEvent e, Instant time) {
        ObjectNode doc = JsonNodeFactory.instance.objectNode();
        doc.put("@timestamp", TIMESTAMP.format(time));
        doc.putObject("ecs").put("version", ECS_VERSION);
        ObjectNode event = doc.putObject("event");
        event.put("kind", "event");
        event.putArray("category").add(category(e.action()));
        event.put("action", e.action());
        event.put("outcome", e.outcome().ecs());
        putIfPresent(event, "reason", e.reason());
        if (e.actor() != null) {
            doc.putObject("user").put("name", e.actor());
        }
        if (e.sourceIp() != null) {
            doc.putObject("source").put(IpLiteral.is(e.sourceIp()) ? "ip" : "address", e.sourceIp());
        }
        if (e.httpMethod() != null || e.httpStatus() != null) {
            ObjectNode http = doc.putObject("http");
            if (e.httpMethod() != null) {
                http.putObject("request").put("method", e.httpMethod());
            }
            if (e.httpStatus() != null) {
                http.putObject("response").put("status_code", e.httpStatus().intValue());
            }
        }
        if (e.httpPath() != null) {
            doc.putObject("url").put("path", e.httpPath());
        }
        if (e.requestId() != null) {
            doc.putObject("trace").put("id", e.requestId());
        }
        doc.putObject("service").put("name", SERVICE);
        if (!e.labels().isEmpty()) {
            ObjectNode labels = doc.putObject("labels");
            e.labels().forEach((k, v) -> labels.put(dedot(k), v));
        }
        ObjectNode mcphub = doc.putObject("mcphub");
        putIfPresent(mcphub, "resource", e.resource());
        if (e.actorVia() != null) {
            mcphub.putObject("auth").put("via", e.actorVia());
        }
        return doc;
    }

    /**
     * ECS labels are flat keywords; a dotted key would become an object path in Elasticsearch and clash with a
     * sibling label of the same stem ({@code config} vs {@code config.version}), so dots become underscores as
     * Beats' own {@code labels.dedot} does.
     */
    static String dedot(String key) {
        return key.replace('.', '_');
    }

    static String category(String action) {
        int dot = action.indexOf('.');
        return switch (dot < 0 ? action : action.substring(0, dot)) {
            case "auth" -> "authentication";
            case "user", "group", "token", "policy" -> "iam";
            case "config", "secret" -> "configuration";
            default -> "web";
        };
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
