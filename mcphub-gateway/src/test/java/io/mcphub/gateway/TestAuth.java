package io.mcphub.gateway;

import io.mcphub.security.auth.Principal;
import java.util.Map;
import java.util.Set;

/**
 * Bearer tokens mapped to principals with RBAC grants, checked the way the hub checks them: a tool call needs
 * {@code call:tool} on {@code SERVICE/TOOL}, and a service is usable when {@code call:tool} covers its name (which
 * {@code call:tool:SERVICE/*} does).
 */
final class TestAuth implements GatewayAuth {

    static final String ALICE = "alice-token";
    /** May call memory's tools only. */
    static final String BOB = "bob-token";

    private final Map<String, Principal> tokens = Map.of(
            ALICE, new Principal("alice", Set.of(), Set.of("*"), null, "test"),
            BOB, new Principal("bob", Set.of(), Set.of("call:tool:memory/*"), null, "test"));

    @Override
    public Caller authenticate(String bearerToken) throws Refused {
        Principal principal = tokens.get(bearerToken);
        if (principal == null) {
            throw new Refused("the token is unknown or expired; log in again");
        }
        return new Caller() {
            @Override
            public String name() {
                return principal.name();
            }

            @Override
            public boolean mayUse(String service) {
                return principal.allows("call:tool", service);
            }

            @Override
            public boolean mayCall(String service, String tool) {
                return principal.allows("call:tool", service + "/" + tool);
            }
        };
    }
}
