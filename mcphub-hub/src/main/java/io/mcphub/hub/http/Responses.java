package io.mcphub.hub.http;

import io.javalin.http.Context;
import io.mcphub.core.Json;

/** JSON answers, written with the project's mapper so dates and nulls look the same everywhere. */
final class Responses {

    private Responses() {}

    static void json(Context ctx, Object body) {
        ctx.contentType("application/json; charset=utf-8").result(Json.writePretty(body));
    }
}
