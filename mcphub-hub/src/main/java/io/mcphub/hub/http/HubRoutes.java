package io.mcphub.hub.http;

import io.mcphub.store.Store;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Health and status of the hub itself. */
public final class HubRoutes implements RouteGroup {

    private final Store store;
    private final String version;
    private final Instant startedAt;

    public HubRoutes(Store store, String version, Instant startedAt) {
        this.store = store;
        this.version = version;
        this.startedAt = startedAt;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/healthz", Access.open(), "hub.health", ctx -> Responses.json(ctx, Map.of("status", "ok"))),
                ApiRoute.get("/api/v1/status", Access.requires("read:hub"), "hub.status", ctx -> {
                    Map<String, Object> status = new LinkedHashMap<>();
                    status.put("version", version);
                    status.put("store", store.describe());
                    status.put("revision", store.currentRevision());
                    status.put("startedAt", startedAt);
                    Responses.json(ctx, status);
                }));
    }
}
