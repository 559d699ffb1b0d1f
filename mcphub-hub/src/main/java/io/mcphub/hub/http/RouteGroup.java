package io.mcphub.hub.http;

import java.util.List;

/** A set of routes over one service; the composition root lists the groups a hub serves. */
public interface RouteGroup {

    List<ApiRoute> routes();
}
