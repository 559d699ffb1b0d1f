package io.mcphub.hub.http;

import static io.mcphub.hub.http.Access.requires;

import io.javalin.http.Context;
import io.mcphub.core.doc.DocumentFormat;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.rbac.Policies;
import io.mcphub.security.rbac.PolicyFile;
import io.mcphub.security.users.User;
import io.mcphub.security.users.Users;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** RBAC policies: apply a file, list, delete, and explain a decision. */
public final class PolicyRoutes implements RouteGroup {

    private final Policies policies;
    private final Users users;

    public PolicyRoutes(Policies policies, Users users) {
        this.policies = policies;
        this.users = users;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/policies", requires("read:policy"), "policy.list", ctx -> Responses.json(ctx, policies.list())),
                ApiRoute.put("/api/v1/policies", requires("write:policy"), "policy.apply", this::apply),
                ApiRoute.delete("/api/v1/policies/{name}", requires("write:policy", "name"), "policy.delete", ctx -> {
                    policies.delete(ctx.pathParam("name"));
                    ctx.status(204);
                }),
                ApiRoute.get("/api/v1/policies/explain", requires("read:policy"), "policy.explain", this::explain));
    }

    private void apply(Context ctx) {
        String body = ctx.body();
        DocumentFormat format = DocumentFormat.parse(ctx.contentType()).orElseGet(() -> DocumentFormat.sniff(body));
        List<String> applied = policies.apply(PolicyFile.parse(body, format, "policy file"));
        RequestState.label(ctx, "policies", String.join(",", applied));
        Responses.json(ctx, Map.of("applied", applied));
    }

    private void explain(Context ctx) {
        String user = required(ctx, "user");
        String permission = required(ctx, "permission");
        User found = users.find(user).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "no user \"" + user + "\"; list users with 'mcphub user list'"));
        Responses.json(ctx, policies.explain(user, Set.copyOf(found.groups()), permission, ctx.queryParam("resource")));
    }

    private static String required(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isBlank()) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "missing query parameter \"" + name + "\"; e.g. ?user=alice&permission=write:config&resource=payment");
        }
        return v;
    }
}
