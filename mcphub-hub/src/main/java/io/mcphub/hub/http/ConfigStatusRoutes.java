package io.mcphub.hub.http;

import static io.mcphub.hub.http.Access.requires;

import io.mcphub.hub.cluster.ConfigStatus;
import java.util.List;

/** Which version of a document each instance runs: {@code config status} and {@code config gray status}. */
public final class ConfigStatusRoutes implements RouteGroup {

    private final ConfigStatus status;

    public ConfigStatusRoutes(ConfigStatus status) {
        this.status = status;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(ApiRoute.get("/api/v1/config/status/<key>", requires("read:config", "key"), "config.status",
                ctx -> Responses.json(ctx, status.of(ctx.pathParam("key")))));
    }
}
