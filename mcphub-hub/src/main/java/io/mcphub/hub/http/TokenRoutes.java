package io.mcphub.hub.http;

import static io.mcphub.hub.http.Access.requires;

import io.javalin.http.Context;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.auth.ApiTokens;
import io.mcphub.security.auth.Durations;
import io.mcphub.security.rbac.Permissions;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * API tokens for automation. A token acts as its creator, limited to the permissions it lists, so it can never do
 * more than the person who made it.
 */
public final class TokenRoutes implements RouteGroup {

    private final ApiTokens tokens;

    public TokenRoutes(ApiTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/tokens", requires("read:token"), "token.list", ctx -> Responses.json(ctx, tokens.list())),
                ApiRoute.post("/api/v1/tokens", requires("write:token"), "token.create", this::create),
                ApiRoute.delete("/api/v1/tokens/{id}", requires("write:token", "id"), "token.revoke", ctx -> {
                    tokens.revoke(ctx.pathParam("id"));
                    ctx.status(204);
                }));
    }

    record NewToken(String name, String expires, List<String> permissions) {}

    private void create(Context ctx) {
        NewToken req = Bodies.read(ctx, NewToken.class);
        if (req.name() == null || req.name().isBlank()) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "the request has no \"name\"; name the token after what will use it, e.g. {\"name\": \"ci\"}");
        }
        if (req.permissions() != null) {
            for (String p : req.permissions()) {
                if (!Permissions.isGrant(p)) {
                    throw new ProblemException(ProblemType.BAD_REQUEST, "\"" + p + "\" is not a permission; write VERB:TYPE or VERB:TYPE:SCOPE, e.g. read:config");
                }
            }
        }
        Instant expiresAt = req.expires() == null ? null : Instant.now().plus(Durations.parse(req.expires()));
        ApiTokens.Issued issued = tokens.create(req.name(), RequestState.principal(ctx).name(), req.permissions(), expiresAt);
        RequestState.resource(ctx, issued.record().id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", issued.token());
        body.put("id", issued.record().id());
        body.put("name", issued.record().name());
        body.put("subject", issued.record().subject());
        body.put("permissions", issued.record().permissions());
        body.put("createdAt", issued.record().createdAt());
        body.put("expiresAt", issued.record().expiresAt());
        ctx.header("Cache-Control", "no-store");
        Responses.json(ctx.status(201), body);
    }
}
