package io.mcphub.hub.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcphub.config.ConfigCenter;
import io.mcphub.security.crypto.EnvelopeCipher;
import io.mcphub.security.crypto.MasterKey;
import io.mcphub.store.Store;
import io.mcphub.store.Stores;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route declares the permission it needs; only health (and later login and JWKS) is open. */
class RouteAccessTest {

    private static final Set<String> OPEN = Set.of("/healthz");

    @Test
    void everyRouteDeclaresItsPermission(@TempDir Path dir) {
        try (Store store = Stores.open("embedded", dir)) {
            List<ApiRoute> routes = ApiRoutes.all(store, new ConfigCenter(store, new EnvelopeCipher(MasterKey.loadOrCreate(dir))), "test", Instant.now());
            assertThat(routes).isNotEmpty();
            for (ApiRoute r : routes) {
                if (OPEN.contains(r.path())) {
                    assertThat(r.access()).as(r.method() + " " + r.path()).isInstanceOf(Access.Open.class);
                } else {
                    assertThat(r.path()).as("only /api/v1 routes are guarded").startsWith("/api/v1");
                    assertThat(r.access()).as(r.method() + " " + r.path()).isInstanceOfSatisfying(Access.Requires.class,
                            req -> assertThat(req.permission()).matches("(read|write):[a-z]+"));
                }
            }
        }
    }
}
