package io.mcphub.hub.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.mcphub.security.audit.AuditEvent;
import io.mcphub.security.audit.AuditLog;
import io.mcphub.security.auth.Principal;
import io.mcphub.store.StoreException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records what the audit trail must hold — every mutating call, every denied call, every login — after the response
 * is decided, from what the request left in {@link RequestState}. Reads that succeed are not audited: they would
 * drown the trail, and the access log covers them.
 */
final class AuditHook {

    private static final Logger LOG = LoggerFactory.getLogger(AuditHook.class);
    private static final Set<HandlerType> READS = Set.of(HandlerType.GET, HandlerType.HEAD, HandlerType.OPTIONS);

    private final AuditLog audit;

    AuditHook(AuditLog audit) {
        this.audit = audit;
    }

    void record(Context ctx) {
        int status = ctx.statusCode();
        String action = ctx.routeRoles().stream().filter(RouteName.class::isInstance).map(r -> ((RouteName) r).action())
                .findFirst().orElse(null);
        boolean denied = status == 401 || status == 403 || status == 429;
        boolean login = "auth.login".equals(action) || "auth.refresh".equals(action);
        if (READS.contains(ctx.method()) && !denied && !login) {
            return;
        }
        if (action == null && !denied) {
            return; // not an API route (the MCP gateway audits each tool call itself); refusals are still recorded
        }
        AuditEvent.Builder event = AuditEvent.builder(action != null ? action : "http.denied")
                .http(ctx.method().name(), ctx.path(), status)
                .sourceIp(ctx.ip())
                .requestId(RequestIds.of(ctx))
                .resource(RequestState.resource(ctx))
                .labels(RequestState.labels(ctx));
        Principal who = RequestState.principalOrNull(ctx);
        if (who != null) {
            event.actor(who.name(), who.via());
        } else if (RequestState.claimedActor(ctx) != null) {
            event.actor(RequestState.claimedActor(ctx), "password");
        }
        if (status < 400) {
            event.success();
        } else {
            String detail = RequestState.problemDetail(ctx);
            event.failure(detail != null ? detail : "HTTP " + status);
        }
        try {
            audit.append(event.build());
        } catch (StoreException e) {
            // The response has gone out; losing the event must at least be loud.
            LOG.error("audit event lost action={} requestId={}: {}", action, RequestIds.of(ctx), e.getMessage());
        }
    }
}
