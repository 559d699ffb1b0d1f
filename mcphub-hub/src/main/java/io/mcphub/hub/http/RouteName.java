package io.mcphub.hub.http;

import io.javalin.security.RouteRole;

/** The route's action name, carried as a second role so the audit hook can name what was attempted. */
record RouteName(String action) implements RouteRole {}
