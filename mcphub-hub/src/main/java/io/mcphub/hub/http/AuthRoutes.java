package io.mcphub.hub.http;

import static io.mcphub.hub.http.Access.requires;

import io.javalin.http.Context;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.auth.LoginService;
import io.mcphub.security.auth.Principal;
import io.mcphub.security.auth.TokenPair;
import io.mcphub.security.jwt.SigningKeys;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Login, refresh, the public keys, key rotation and "who am I". */
public final class AuthRoutes implements RouteGroup {

    private final LoginService login;
    private final SigningKeys keys;

    public AuthRoutes(LoginService login, SigningKeys keys) {
        this.login = login;
        this.keys = keys;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post("/api/v1/auth/login", Access.open(), "auth.login", this::login),
                ApiRoute.post("/api/v1/auth/refresh", Access.open(), "auth.refresh", ctx -> {
                    RefreshRequest req = Bodies.read(ctx, RefreshRequest.class);
                    if (req.refresh_token() == null) {
                        throw new ProblemException(ProblemType.BAD_REQUEST, "the request has no \"refresh_token\"; send {\"refresh_token\": \"…\"}");
                    }
                    answer(ctx, login.refresh(req.refresh_token()));
                }),
                ApiRoute.get("/.well-known/jwks.json", Access.open(), "auth.jwks",
                        ctx -> ctx.contentType("application/jwk-set+json; charset=utf-8").result(keys.publicJwks().toString())),
                ApiRoute.post("/api/v1/auth/keys/rotate", requires("write:keys"), "auth.keys.rotate", ctx -> {
                    String kid = keys.rotate();
                    RequestState.label(ctx, "key.id", kid);
                    Responses.json(ctx, Map.of("kid", kid));
                }),
                ApiRoute.get("/api/v1/auth/whoami", requires("read:self"), "auth.whoami", ctx -> {
                    Principal p = RequestState.principal(ctx);
                    Map<String, Object> me = new LinkedHashMap<>();
                    me.put("name", p.name());
                    me.put("groups", p.groups().stream().sorted().toList());
                    me.put("grants", p.grants().stream().sorted().toList());
                    me.put("restrictedTo", p.restrictTo() == null ? null : p.restrictTo().stream().sorted().toList());
                    me.put("via", p.via());
                    Responses.json(ctx, me);
                }));
    }

    record LoginRequest(String username, String password) {}

    record RefreshRequest(String refresh_token) {}

    private void login(Context ctx) {
        LoginRequest req = Bodies.read(ctx, LoginRequest.class);
        if (req.username() == null || req.password() == null) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "send {\"username\": \"…\", \"password\": \"…\"}");
        }
        RequestState.claimedActor(ctx, req.username());
        char[] password = req.password().toCharArray();
        try {
            answer(ctx, login.login(req.username(), password, ctx.ip()));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private static void answer(Context ctx, TokenPair pair) {
        RequestState.claimedActor(ctx, pair.user().name());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", pair.accessToken());
        body.put("token_type", TokenPair.TOKEN_TYPE);
        body.put("expires_in", pair.expiresIn());
        body.put("refresh_token", pair.refreshToken());
        body.put("refresh_expires_in", pair.refreshExpiresIn());
        body.put("user", pair.user().name());
        ctx.header("Cache-Control", "no-store");
        Responses.json(ctx, body);
    }
}
