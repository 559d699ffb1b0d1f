package io.mcphub.hub.http;

import static io.mcphub.hub.http.Access.requires;

import io.javalin.http.Context;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.hub.logging.LogLevels;
import io.mcphub.hub.logging.McpLogLevels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code PUT /api/v1/log-level} {@code {"service": S, "level": L}}: a hub component's loggers (gateway, config,
 * deployer, auth, store, api, hub) change at once; for an MCP service, each instance gets {@code logging/setLevel}.
 */
public final class LogLevelRoutes implements RouteGroup {

    private final McpLogLevels services;

    public LogLevelRoutes(McpLogLevels services) {
        this.services = services;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(ApiRoute.put("/api/v1/log-level", requires("write:log"), "log.level", this::set));
    }

    private void set(Context ctx) {
        Map<?, ?> req = Bodies.read(ctx, Map.class);
        if (!(req.get("service") instanceof String service) || !(req.get("level") instanceof String level)) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "send {\"service\": NAME, \"level\": LEVEL}, e.g."
                    + " {\"service\": \"gateway\", \"level\": \"debug\"}");
        }
        AccessFilter.demand(ctx, "write:log", service);
        RequestState.resource(ctx, service);
        RequestState.label(ctx, "log.level", level);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("service", service);
        if (LogLevels.isComponent(service)) {
            body.put("kind", "hub component");
            body.put("level", LogLevels.normalize(level));
            body.put("loggers", LogLevels.set(service, level));
        } else {
            body.put("kind", "mcp service");
            body.put("level", McpLogLevels.mcpLevel(level));
            body.put("instances", services.set(service, level));
        }
        Responses.json(ctx, body);
    }
}
