package io.mcphub.hub.http;

import io.javalin.http.Context;
import io.javalin.security.RouteRole;
import java.util.function.Function;

/**
 * What a route demands of its caller, declared beside the route itself. Carried to Javalin as the route's role so
 * the access filter, the audit hook and the route-enumerating test read the same declaration.
 */
public sealed interface Access extends RouteRole {

    /** No credentials: health, login, refresh and the JWKS. */
    record Open() implements Access {}

    /**
     * A permission such as {@code read:config}, checked against the resource the request names (e.g. the document
     * key), so that grants scoped like {@code write:config:payment/*} apply. With {@code selfAllowed}, a caller
     * acting on the resource that is their own user name needs no permission (changing one's own password).
     */
    record Requires(String permission, Function<Context, String> resource, boolean selfAllowed) implements Access {}

    static Access open() {
        return new Open();
    }

    static Access requires(String permission) {
        return new Requires(permission, ctx -> null, false);
    }

    static Access requires(String permission, String pathParam) {
        return new Requires(permission, ctx -> ctx.pathParam(pathParam), false);
    }

    /** A permission on the resource a query parameter names, e.g. the key prefix of a watch. */
    static Access requiresOnQuery(String permission, String queryParam) {
        return new Requires(permission, ctx -> {
            String value = ctx.queryParam(queryParam);
            return value == null || value.isEmpty() ? null : value;
        }, false);
    }

    static Access requiresOrSelf(String permission, String pathParam) {
        return new Requires(permission, ctx -> ctx.pathParam(pathParam), true);
    }
}
