package io.mcphub.hub.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gateway's settings as the configuration-center document {@value #KEY} holds them, read again on every publish:
 * <pre>
 * groups:     {travel: [weather, maps]}           # /mcp/g/travel
 * rateLimits:
 *   - {service: everything, tool: "*", caller: "*", limit: 60, per: 1m}
 * </pre>
 * A rule caps the calls it matches at {@code limit} per {@code per}, counted separately for every service, tool and
 * caller its wildcards stand for.
 */
public record GatewaySettings(Map<String, Set<String>> groups, List<RateRule> rateLimits) {

    public static final String KEY = "gateway";
    public static final GatewaySettings NONE = new GatewaySettings(Map.of(), List.of());
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    public GatewaySettings {
        groups = Map.copyOf(groups);
        rateLimits = List.copyOf(rateLimits);
    }

    /** One limit; {@code "*"} in service, tool or caller matches any. */
    public record RateRule(String service, String tool, String caller, int limit, Duration per) {
        boolean matches(String s, String t, String c) {
            return glob(service, s) && glob(tool, t) && glob(caller, c);
        }

        private static boolean glob(String pattern, String value) {
            return pattern.equals("*") || pattern.equals(value);
        }
    }

    /** The groups a service belongs to. */
    public Set<String> groupsOf(String service) {
        Set<String> of = new LinkedHashSet<>();
        groups.forEach((group, members) -> {
            if (members.contains(service)) {
                of.add(group);
            }
        });
        return of;
    }

    /** Reads the document; a malformed one is refused naming the JSON path, so a publish cannot break the gateway. */
    public static GatewaySettings parse(JsonNode doc) {
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        JsonNode g = doc.path("groups");
        if (!g.isMissingNode() && !g.isObject()) {
            throw invalid("$.groups", "must be a map of group name to a list of service names");
        }
        g.properties().forEach(e -> {
            if (!e.getValue().isArray()) {
                throw invalid("$.groups." + e.getKey(), "must be a list of service names");
            }
            Set<String> members = new LinkedHashSet<>();
            e.getValue().forEach(m -> members.add(m.asText()));
            groups.put(e.getKey(), members);
        });
        List<RateRule> rules = new ArrayList<>();
        JsonNode r = doc.path("rateLimits");
        if (!r.isMissingNode() && !r.isArray()) {
            throw invalid("$.rateLimits", "must be a list of {service, tool, caller, limit, per}");
        }
        for (int i = 0; i < r.size(); i++) {
            JsonNode rule = r.get(i);
            String at = "$.rateLimits[" + i + "]";
            int limit = rule.path("limit").asInt(-1);
            if (limit < 1) {
                throw invalid(at + ".limit", "must be a whole number of calls, 1 or more");
            }
            rules.add(new RateRule(rule.path("service").asText("*"), rule.path("tool").asText("*"),
                    rule.path("caller").asText("*"), limit, duration(rule.path("per").asText("1m"), at + ".per")));
        }
        return new GatewaySettings(groups, rules);
    }

    private static Duration duration(String text, String at) {
        Matcher m = DURATION.matcher(text);
        if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
            throw invalid(at, "must be a duration such as 500ms, 10s, 1m or 1h, not \"" + text + "\"");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private static ProblemException invalid(String path, String what) {
        return new ProblemException(ProblemType.SCHEMA_VIOLATION, "config " + KEY + ": " + path + " " + what);
    }
}
