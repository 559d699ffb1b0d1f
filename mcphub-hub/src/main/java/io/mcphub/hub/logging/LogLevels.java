package io.mcphub.hub.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.core.text.Suggestions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The hub's components by the names operators use ({@code log level --service=gateway --level=trace}), each the
 * loggers of its packages; a level set here applies at once, until the hub restarts.
 */
public final class LogLevels {

    /** Component → the logger (package) names it covers. */
    static final Map<String, List<String>> COMPONENTS = components();
    /** The levels a component takes, most verbose first; {@code warning} is accepted for MCP's spelling. */
    static final List<String> LEVELS = List.of("trace", "debug", "info", "warn", "error", "off");

    private LogLevels() {}

    private static Map<String, List<String>> components() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("hub", List.of("io.mcphub"));
        m.put("gateway", List.of("io.mcphub.gateway", "io.mcphub.hub.gateway"));
        m.put("config", List.of("io.mcphub.config"));
        m.put("deployer", List.of("io.mcphub.deploy", "io.mcphub.hub.cluster", "io.mcphub.hub.agents"));
        m.put("auth", List.of("io.mcphub.security"));
        m.put("store", List.of("io.mcphub.store"));
        m.put("api", List.of("io.mcphub.hub.http"));
        return Map.copyOf(m);
    }

    public static boolean isComponent(String name) {
        return COMPONENTS.containsKey(name);
    }

    public static List<String> components(String name) {
        return COMPONENTS.get(name);
    }

    /** Sets the level of every logger of {@code component}; returns the logger names changed. */
    public static List<String> set(String component, String level) {
        List<String> loggers = COMPONENTS.get(component);
        if (loggers == null) {
            throw unknown(component);
        }
        Level parsed = Level.toLevel(logbackSpelling(level), null);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        for (String name : loggers) {
            Logger logger = context.getLogger(name);
            logger.setLevel(parsed);
        }
        return loggers;
    }

    static ProblemException unknown(String name) {
        return new ProblemException(ProblemType.NOT_FOUND, "no hub component or MCP service \"" + name + "\""
                + Suggestions.hint(name, COMPONENTS.keySet()) + "; hub components are "
                + String.join(", ", COMPONENTS.keySet().stream().sorted().toList())
                + ", and 'mcphub service list' shows the services");
    }

    /** {@code trace debug info warn(ing) error off}, any case; anything else is refused naming them. */
    public static String normalize(String level) {
        String l = level == null ? "" : level.toLowerCase(Locale.ROOT);
        if (l.equals("warning")) {
            l = "warn";
        }
        if (!LEVELS.contains(l)) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "unknown log level \"" + level + "\"; use one of "
                    + String.join(", ", LEVELS));
        }
        return l;
    }

    private static String logbackSpelling(String level) {
        return normalize(level).toUpperCase(Locale.ROOT);
    }
}
