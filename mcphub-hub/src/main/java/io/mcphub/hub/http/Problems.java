package io.mcphub.hub.http;

import io.javalin.http.Context;
import io.mcphub.core.Json;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes RFC 9457 problem details. */
final class Problems {

    static final String MEDIA_TYPE = "application/problem+json; charset=utf-8";

    private Problems() {}

    static void write(Context ctx, ProblemException e) {
        write(ctx, e.type(), e.detail(), e.errors());
    }

    static void write(Context ctx, ProblemType type, String detail, List<ProblemException.Location> errors) {
        write(ctx, type, detail, errors, Map.of());
    }

    /** With RFC 9457 extension members, e.g. the revision a client should re-list at after a 410. */
    static void write(Context ctx, ProblemType type, String detail, List<ProblemException.Location> errors,
                      Map<String, Object> extensions) {
        RequestState.problemDetail(ctx, detail);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.uri());
        body.put("title", type.title());
        body.put("status", type.status());
        body.put("detail", detail);
        body.put("instance", ctx.path());
        body.put("requestId", RequestIds.of(ctx));
        if (!errors.isEmpty()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (ProblemException.Location l : errors) {
                Map<String, Object> m = new LinkedHashMap<>();
                if (l.source() != null) {
                    m.put("source", l.source());
                }
                if (l.line() > 0) {
                    m.put("line", l.line());
                    m.put("column", l.column());
                }
                if (l.path() != null) {
                    m.put("path", l.path());
                }
                m.put("message", l.message());
                list.add(m);
            }
            body.put("errors", list);
        }
        body.putAll(extensions);
        if (type == ProblemType.UNAUTHORIZED && !ctx.path().startsWith("/api/v1/auth/")) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"mcphub\"");
        }
        ctx.status(type.status()).contentType(MEDIA_TYPE).result(Json.writePretty(body));
    }
}
