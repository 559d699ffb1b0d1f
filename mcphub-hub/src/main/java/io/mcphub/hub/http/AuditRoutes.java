package io.mcphub.hub.http;

import static io.mcphub.hub.http.Access.requires;

import io.javalin.http.Context;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.audit.AuditQuery;
import io.mcphub.security.audit.AuditVerifier;
import io.mcphub.store.Store;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Searching the audit trail and verifying its hash chain as stored. */
public final class AuditRoutes implements RouteGroup {

    private final Store store;
    private final AuditQuery query;

    public AuditRoutes(Store store) {
        this.store = store;
        this.query = new AuditQuery(store);
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/audit", requires("read:audit"), "audit.search", this::search),
                ApiRoute.get("/api/v1/audit/verify", requires("read:audit"), "audit.verify", ctx -> {
                    AuditVerifier.Verification v = AuditVerifier.verifyStore(store);
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("ok", v.ok());
                    body.put("events", v.events());
                    body.put("firstBad", v.ok() ? null : Map.of("sequence", v.firstBadSequence() == null ? 0 : v.firstBadSequence(), "reason", v.reason()));
                    Responses.json(ctx, body);
                }));
    }

    private void search(Context ctx) {
        Long limit = Params.optionalLong(ctx, "limit");
        Responses.json(ctx, query.search(ctx.queryParam("actor"), ctx.queryParam("action"), ctx.queryParam("resource"),
                ctx.queryParam("outcome"), instant(ctx, "since"), instant(ctx, "until"), limit == null ? 0 : limit.intValue()));
    }

    private static Instant instant(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException e) {
            throw new ProblemException(ProblemType.BAD_REQUEST, name + " must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, not \"" + v + "\"");
        }
    }
}
