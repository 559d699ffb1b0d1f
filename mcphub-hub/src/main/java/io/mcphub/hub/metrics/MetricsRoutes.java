package io.mcphub.hub.metrics;

import io.mcphub.hub.http.Access;
import io.mcphub.hub.http.ApiRoute;
import io.mcphub.hub.http.RouteGroup;
import java.util.List;

/**
 * {@code GET /api/v1/metrics}: the Prometheus text exposition. Guarded like every other route — the JVM's and the
 * cluster's figures describe the installation — so a scraper needs a token granting {@code read:metrics}.
 */
public final class MetricsRoutes implements RouteGroup {

    public static final String PERMISSION = "read:metrics";

    private final HubMetrics metrics;

    public MetricsRoutes(HubMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(ApiRoute.get("/api/v1/metrics", Access.requires(PERMISSION), "hub.metrics",
                ctx -> ctx.contentType(HubMetrics.CONTENT_TYPE).result(metrics.scrape())));
    }
}
