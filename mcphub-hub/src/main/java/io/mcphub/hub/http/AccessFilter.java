package io.mcphub.hub.http;

import io.javalin.http.Context;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.auth.Authenticator;
import io.mcphub.security.auth.Principal;
import java.util.Set;

/**
 * Authentication runs on every {@code /api/v1} request before routing, so an unknown path answers 401 like a known
 * one and reveals nothing; authorization runs once the route (and so its declared {@link Access}) is known.
 */
final class AccessFilter {

    private final Authenticator authenticator;
    private final Set<String> openPaths;

    AccessFilter(Authenticator authenticator, Set<String> openPaths) {
        this.authenticator = authenticator;
        this.openPaths = Set.copyOf(openPaths);
    }

    void authenticate(Context ctx) {
        if (openPaths.contains(ctx.path())) {
            return;
        }
        switch (authenticator.check(bearer(ctx))) {
            case Authenticator.Authenticated ok -> RequestState.principal(ctx, ok.principal());
            case Authenticator.Rejected no -> throw new ProblemException(ProblemType.UNAUTHORIZED, no.failure().detail());
        }
    }

    /** The request's bearer token, or null. */
    static String bearer(Context ctx) {
        String header = ctx.header("Authorization");
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
    }

    void authorize(Context ctx) {
        Access access = ctx.routeRoles().stream().filter(Access.class::isInstance).map(Access.class::cast)
                .findFirst().orElseThrow(() -> new IllegalStateException("route " + ctx.endpoint() + " declares no access"));
        if (access instanceof Access.Requires req) {
            Principal who = RequestState.principal(ctx);
            String resource = req.resource().apply(ctx);
            RequestState.resource(ctx, resource);
            boolean self = req.selfAllowed() && who.name().equals(resource);
            if (!self) {
                demand(ctx, req.permission(), resource);
            }
        }
    }

    /** A check a handler makes beyond its route's own, e.g. revealing secrets on top of reading a document. */
    static void demand(Context ctx, String permission, String resource) {
        Principal who = RequestState.principal(ctx);
        if (!who.allows(permission, resource)) {
            throw new ProblemException(ProblemType.FORBIDDEN, who.name() + " lacks permission " + permission
                    + (resource == null ? "" : " on " + resource) + "; ask an administrator for a policy that grants it"
                    + " (see 'mcphub policy explain --user " + who.name() + " --permission " + permission + "')");
        }
    }
}
