package io.mcphub.core.stack;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code health} and {@code restart}: how the agent tells a sick instance, and what it does about it. */
final class LifecycleReader {

    static final List<String> HEALTH_FIELDS =
            List.of("type", "path", "interval", "timeout", "failureThreshold", "startPeriod");
    static final List<String> RESTART_FIELDS = List.of("policy", "backoff");
    static final List<String> BACKOFF_FIELDS = List.of("initial", "max");

    private LifecycleReader() {}

    /** @param probeable whether the service has a port or url to connect to (a stdio server has neither) */
    static HealthCheck health(SpecObject s, ServiceType service, boolean probeable) {
        return s.object("health", "an object such as {type: http, path: /health}")
                .map(h -> check(h, service, probeable))
                .orElseGet(() -> HealthCheck.defaults(service));
    }

    private static HealthCheck check(SpecObject h, ServiceType service, boolean probeable) {
        h.allow(HEALTH_FIELDS, "health has type, path, interval, timeout, failureThreshold and startPeriod");
        HealthCheck.Type type = h.choice("type", HealthCheck.Type.class, "health check")
                .orElse(HealthCheck.defaultType(service));
        if (type == HealthCheck.Type.MCP_PING && service == ServiceType.HTTP) {
            h.report("type", "an http service does not speak MCP; use http, tcp or none");
        } else if ((type == HealthCheck.Type.HTTP || type == HealthCheck.Type.TCP) && !probeable) {
            h.report("type", "a stdio server has no port to probe; use mcp-ping or none");
        }
        String path = h.require("path", h.text("path"), p -> type == HealthCheck.Type.HTTP,
                        p -> "applies only to health type http")
                .flatMap(p -> h.require("path", Optional.of(p), q -> q.startsWith("/"),
                        q -> Quote.of(q) + " must start with '/', e.g. /" + q))
                .orElse(null);
        Duration interval = positive(h, "interval").orElse(HealthCheck.INTERVAL);
        Duration timeout = positive(h, "timeout").orElse(HealthCheck.TIMEOUT);
        if (timeout.compareTo(interval) > 0) {
            h.report(h.has("timeout") ? "timeout" : "interval", "the timeout (" + Quote.duration(timeout)
                    + ") is longer than the interval (" + Quote.duration(interval) + "); a probe must end before "
                    + "the next one starts");
        }
        int threshold = h.require("failureThreshold", h.whole("failureThreshold"), n -> n >= 1 && n <= 1000,
                        n -> n + " is not a number of failed probes; use 1 to 1000")
                .map(Long::intValue).orElse(HealthCheck.FAILURE_THRESHOLD);
        Duration startPeriod = h.duration("startPeriod").orElse(HealthCheck.START_PERIOD);
        return new HealthCheck(type, type == HealthCheck.Type.HTTP ? (path == null ? HealthCheck.HTTP_PATH : path)
                : null, interval, timeout, threshold, startPeriod);
    }

    static RestartPolicy restart(SpecObject s) {
        return s.object("restart", "an object such as {policy: on-failure}").map(r -> {
            r.allow(RESTART_FIELDS, "restart has policy and backoff");
            RestartPolicy.Condition policy = r.choice("policy", RestartPolicy.Condition.class, "restart policy")
                    .orElse(RestartPolicy.DEFAULT.policy());
            RestartPolicy.Backoff backoff = r.object("backoff", "an object such as {initial: 1s, max: 60s}")
                    .map(LifecycleReader::backoff)
                    .orElse(RestartPolicy.DEFAULT.backoff());
            return new RestartPolicy(policy, backoff);
        }).orElse(RestartPolicy.DEFAULT);
    }

    private static RestartPolicy.Backoff backoff(SpecObject b) {
        b.allow(BACKOFF_FIELDS, "backoff has initial and max");
        Duration initial = positive(b, "initial").orElse(RestartPolicy.DEFAULT.backoff().initial());
        Duration max = positive(b, "max").orElse(RestartPolicy.DEFAULT.backoff().max());
        if (max.compareTo(initial) < 0) {
            b.report(b.has("max") ? "max" : "initial", "the longest wait (max " + Quote.duration(max)
                    + ") is shorter than the first (initial " + Quote.duration(initial) + ")");
        }
        return new RestartPolicy.Backoff(initial, max);
    }

    private static Optional<Duration> positive(SpecObject o, String field) {
        return o.require(field, o.duration(field), Duration::isPositive, d -> "must be longer than 0, e.g. 10s");
    }
}
