package io.mcphub.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.hub.Hub;
import io.mcphub.hub.HubSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route declares the permission it needs; only health, login, refresh and the JWKS are open. */
class RouteAccessTest {

    private static final Set<String> OPEN = Set.of("/healthz", "/api/v1/auth/login", "/api/v1/auth/refresh", "/.well-known/jwks.json",
            "/api/v1/nodes/join");

    @Test
    void everyRouteOfARunningHubDeclaresItsPermission(@TempDir Path dir) {
        try (Hub hub = Hub.start(new HubSettings("embedded", dir, "127.0.0.1", 0))) {
            List<ApiRoute> routes = hub.routes();
            assertThat(routes).hasSizeGreaterThan(20);
            for (ApiRoute r : routes) {
                String name = r.method() + " " + r.path();
                assertThat(r.action()).as(name).matches("[a-z]+(\\.[a-z_]+)+");
                if (OPEN.contains(r.path())) {
                    assertThat(r.access()).as(name).isInstanceOf(Access.Open.class);
                } else {
                    assertThat(r.path()).as("only /api/v1 routes are guarded: " + name).startsWith("/api/v1");
                    assertThat(r.access()).as(name).isInstanceOfSatisfying(Access.Requires.class,
                            req -> assertThat(req.permission()).matches("(read|write):[a-z]+"));
                }
            }
            assertThat(routes.stream().filter(r -> r.access() instanceof Access.Open).map(ApiRoute::path))
                    .containsExactlyInAnyOrderElementsOf(OPEN);
        }
    }
}
