package io.mcphub.security.audit;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What happened, by whom, to what: one entry of the audit trail before the log gives it a time, a sequence number and
 * a place in the hash chain. There is deliberately no field for request or document content — the trail records that
 * a secret was changed, never its value.
 *
 * @param action     dotted, lower case: {@code config.publish}, {@code auth.login}, {@code http.denied}
 * @param actor      user name, null for an anonymous caller
 * @param actorVia   how the actor authenticated: {@code jwt}, {@code api-token:ID}
 * @param resource   what was acted on, e.g. {@code payment/db}
 * @param httpStatus null when the event did not come from an HTTP request
 * @param requestId  correlates the event with the hub's logs (ECS {@code trace.id})
 * @param reason     why it failed, e.g. the missing permission; null on success
 * @param labels     version references and the like ({@code config.version=4}); secret-looking values are redacted
 */
public record AuditEvent(String action, Outcome outcome, String actor, String actorVia, String resource,
                         String httpMethod, String httpPath, Integer httpStatus, String sourceIp, String requestId,
                         String reason, Map<String, String> labels) {

    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)*");
    private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    public enum Outcome {
        SUCCESS, FAILURE;

        /** The ECS {@code event.outcome} value. */
        public String ecs() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Outcome parse(String value) {
            for (Outcome o : values()) {
                if (o.ecs().equals(value)) {
                    return o;
                }
            }
            throw new IllegalArgumentException("outcome must be 'success' or 'failure', not '" + value + "'");
        }
    }

    public AuditEvent {
        if (action == null || !ACTION.matcher(action).matches()) {
            throw new IllegalArgumentException("audit action must be dotted lower case like 'config.publish', not '"
                    + action + "'");
        }
        if (outcome == null) {
            throw new IllegalArgumentException("audit event " + action + " needs an outcome");
        }
        if (httpStatus != null && (httpStatus < 100 || httpStatus > 599)) {
            throw new IllegalArgumentException("HTTP status " + httpStatus + " is not one");
        }
        httpPath = Redaction.text(httpPath);
        reason = Redaction.text(reason);
        labels = redacted(labels == null ? Map.of() : labels);
    }

    private static Map<String, String> redacted(Map<String, String> labels) {
        Map<String, String> out = new TreeMap<>();
        labels.forEach((key, value) -> {
            if (key == null || !LABEL_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("audit label key '" + key + "' must be 1-64 of [A-Za-z0-9_.-]");
            }
            if (value != null) {
                out.put(key, Redaction.label(key, value));
            }
        });
        return Collections.unmodifiableMap(out);
    }

    public static Builder builder(String action) {
        return new Builder(action);
    }

    /** Collects the fields a call site knows; {@link #build()} validates and redacts. */
    public static final class Builder {

        private final String action;
        private Outcome outcome;
        private String actor;
        private String actorVia;
        private String resource;
        private String httpMethod;
        private String httpPath;
        private Integer httpStatus;
        private String sourceIp;
        private String requestId;
        private String reason;
        private final Map<String, String> labels = new LinkedHashMap<>();

        private Builder(String action) {
            this.action = action;
        }

        public Builder success() {
            return outcome(Outcome.SUCCESS);
        }

        /** A failed or denied call; {@code reason} says why (e.g. the missing permission). */
        public Builder failure(String reason) {
            this.reason = reason;
            return outcome(Outcome.FAILURE);
        }

        public Builder outcome(Outcome outcome) {
            this.outcome = outcome;
            return this;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder actor(String name, String via) {
            this.actor = name;
            this.actorVia = via;
            return this;
        }

        public Builder resource(String resource) {
            this.resource = resource;
            return this;
        }

        public Builder http(String method, String path, int status) {
            this.httpMethod = method;
            this.httpPath = path;
            this.httpStatus = status;
            return this;
        }

        public Builder sourceIp(String sourceIp) {
            this.sourceIp = sourceIp;
            return this;
        }

        public Builder requestId(String requestId) {
            this.requestId = requestId;
            return this;
        }

        public Builder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        public Builder labels(Map<String, String> more) {
            labels.putAll(more);
            return this;
        }

        public AuditEvent build() {
            return new AuditEvent(action, outcome, actor, actorVia, resource, httpMethod, httpPath, httpStatus,
                    sourceIp, requestId, reason, labels);
        }
    }
}
