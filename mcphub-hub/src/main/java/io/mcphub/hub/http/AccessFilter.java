package io.mcphub.hub.http;

import io.javalin.http.Context;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.auth.ApiTokens;
import io.mcphub.security.auth.Principal;
import java.util.Optional;

/**
 * Authentication runs on every {@code /api/v1} request before routing, so an unknown path answers 401 like a
 * known one and reveals nothing; authorization runs once the route (and so its declared {@link Access}) is known.
 */
final class AccessFilter {

    private static final String PRINCIPAL = "mcphub.principal";

    private final ApiTokens tokens;

    AccessFilter(ApiTokens tokens) {
        this.tokens = tokens;
    }

    void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new ProblemException(ProblemType.UNAUTHORIZED,
                    "this API needs a bearer token; send 'Authorization: Bearer TOKEN' (mcphub dev writes one to DATA_DIR/cli.env)");
        }
        Optional<Principal> principal = tokens.authenticate(header.substring(7).trim());
        if (principal.isEmpty()) {
            throw new ProblemException(ProblemType.UNAUTHORIZED,
                    "the bearer token is invalid, expired or revoked; use a current token (see DATA_DIR/cli.env or 'mcphub login')");
        }
        ctx.attribute(PRINCIPAL, principal.get());
    }

    void authorize(Context ctx) {
        Access access = ctx.routeRoles().stream().filter(Access.class::isInstance).map(Access.class::cast)
                .findFirst().orElseThrow(() -> new IllegalStateException("route " + ctx.endpoint() + " declares no access"));
        if (access instanceof Access.Requires req) {
            Principal who = principal(ctx);
            String resource = req.resource().apply(ctx);
            if (!who.allows(req.permission(), resource)) {
                throw new ProblemException(ProblemType.FORBIDDEN, who.name() + " lacks permission " + req.permission()
                        + (resource == null ? "" : " on " + resource) + "; ask an administrator for a policy that grants it");
            }
        }
    }

    static Principal principal(Context ctx) {
        Principal p = ctx.attribute(PRINCIPAL);
        if (p == null) {
            throw new IllegalStateException("no principal: route outside /api/v1 asked for one");
        }
        return p;
    }
}
