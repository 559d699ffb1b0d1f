package io.mcphub.hub.http;

import io.mcphub.config.ConfigCenter;
import io.mcphub.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Every route of the hub, in one place a reader (and the access test) can enumerate. */
public final class ApiRoutes {

    private ApiRoutes() {}

    public static List<ApiRoute> all(Store store, ConfigCenter config, String version, Instant startedAt) {
        List<ApiRoute> routes = new ArrayList<>();
        routes.addAll(new HubRoutes(store, version, startedAt).routes());
        routes.addAll(new ConfigRoutes(config).routes());
        return List.copyOf(routes);
    }
}
