package io.mcphub.hub.http;

import io.javalin.http.Context;
import java.util.concurrent.ThreadLocalRandom;

/** A short id per request, echoed in {@code X-Request-Id} and in every problem, to find the matching log line. */
final class RequestIds {

    private static final String ATTRIBUTE = "mcphub.requestId";

    private RequestIds() {}

    static String assign(Context ctx) {
        String id = Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
        ctx.attribute(ATTRIBUTE, id);
        ctx.header("X-Request-Id", id);
        return id;
    }

    static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? assign(ctx) : id;
    }
}
