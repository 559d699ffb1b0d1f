package io.mcphub.hub.gateway;

import io.mcphub.gateway.Caller;
import io.mcphub.gateway.GatewayAuth;
import io.mcphub.security.auth.Authenticator;
import io.mcphub.security.auth.Principal;

/**
 * Gateway callers are the hub's principals: the same JWTs and API tokens as the REST API, and the RBAC permission
 * {@code call:tool} scoped {@code SERVICE/TOOL} ({@code call:tool:everything/*}). A service is shown to a caller who
 * may call at least one of its tools.
 */
final class HubGatewayAuth implements GatewayAuth {

    static final String PERMISSION = "call:tool";

    private final Authenticator authenticator;

    HubGatewayAuth(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Caller authenticate(String bearerToken) throws Refused {
        Authenticator.Result result = authenticator.check(bearerToken);
        if (result instanceof Authenticator.Rejected rejected) {
            throw new Refused(rejected.failure().detail());
        }
        return new PrincipalCaller(((Authenticator.Authenticated) result).principal());
    }

    private record PrincipalCaller(Principal principal) implements Caller {
        @Override
        public String name() {
            return principal.name();
        }

        @Override
        public boolean mayUse(String service) {
            return principal.allowsSomeWithin(PERMISSION, service);
        }

        @Override
        public boolean mayCall(String service, String tool) {
            return principal.allows(PERMISSION, service + "/" + tool);
        }
    }
}
