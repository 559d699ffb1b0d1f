package io.mcphub.hub.http;

import static io.mcphub.hub.http.Access.requires;
import static io.mcphub.hub.http.Access.requiresOrSelf;

import io.javalin.http.Context;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.users.Users;
import java.util.Arrays;
import java.util.List;

/** Users: list, create, delete, change a password. Never a password or a hash in an answer. */
public final class UserRoutes implements RouteGroup {

    private static final String NAME = "name";

    private final Users users;

    public UserRoutes(Users users) {
        this.users = users;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/users", requires("read:user"), "user.list", ctx -> Responses.json(ctx, users.list())),
                ApiRoute.post("/api/v1/users", requires("write:user"), "user.create", this::create),
                ApiRoute.delete("/api/v1/users/{name}", requires("write:user", NAME), "user.delete", ctx -> {
                    users.delete(ctx.pathParam(NAME));
                    ctx.status(204);
                }),
                ApiRoute.put("/api/v1/users/{name}/password", requiresOrSelf("write:user", NAME), "user.passwd", ctx -> {
                    PasswordChange req = Bodies.read(ctx, PasswordChange.class);
                    withPassword(req.password(), pw -> users.setPassword(ctx.pathParam(NAME), pw));
                    ctx.status(204);
                }));
    }

    record NewUser(String name, String password, List<String> groups) {}

    record PasswordChange(String password) {}

    private void create(Context ctx) {
        NewUser req = Bodies.read(ctx, NewUser.class);
        if (req.name() == null) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "the request has no \"name\"; send {\"name\": \"alice\", \"password\": \"…\"}");
        }
        RequestState.resource(ctx, req.name());
        withPassword(req.password(), pw -> Responses.json(ctx.status(201),
                users.create(req.name(), pw, req.groups() == null ? List.of() : req.groups())));
    }

    private interface PasswordUse {
        void accept(char[] password);
    }

    /** Passwords travel as char[] and are wiped once used; a missing one is a clear 400. */
    private static void withPassword(String text, PasswordUse use) {
        if (text == null) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "the request has no \"password\"");
        }
        char[] password = text.toCharArray();
        try {
            use.accept(password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
