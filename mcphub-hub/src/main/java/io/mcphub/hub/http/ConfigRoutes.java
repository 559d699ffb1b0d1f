package io.mcphub.hub.http;

import static io.mcphub.hub.http.Access.requires;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.mcphub.config.ConfigCenter;
import io.mcphub.config.DocumentView;
import io.mcphub.config.Publish;
import io.mcphub.config.PublishResult;
import io.mcphub.config.PushResult;
import io.mcphub.config.PushFile;
import io.mcphub.core.doc.DocumentFormat;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import java.util.List;

/** The configuration center over HTTP: each handler parses, calls {@link ConfigCenter}, and answers. */
public final class ConfigRoutes implements RouteGroup {

    private static final String KEY = "key";

    private final ConfigCenter config;

    public ConfigRoutes(ConfigCenter config) {
        this.config = config;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.get("/api/v1/config", requires("read:config"), "config.list", ctx -> Responses.json(ctx, config.list())),
                ApiRoute.get("/api/v1/config/docs/<key>", requires("read:config", KEY), "config.get", this::get),
                ApiRoute.put("/api/v1/config/docs/<key>", requires("write:config", KEY), "config.publish", this::publishRaw),
                ApiRoute.post("/api/v1/config/docs/<key>", requires("write:config", KEY), "config.publish", this::publishEnvelope),
                ApiRoute.get("/api/v1/config/history/<key>", requires("read:config", KEY), "config.history",
                        ctx -> Responses.json(ctx, config.history(ctx.pathParam(KEY)))),
                ApiRoute.get("/api/v1/config/diff/<key>", requires("read:config", KEY), "config.diff", ctx -> Responses.json(ctx,
                        config.diff(ctx.pathParam(KEY), Params.requiredLong(ctx, "from"), Params.requiredLong(ctx, "to")))),
                ApiRoute.post("/api/v1/config/rollback/<key>", requires("write:config", KEY), "config.rollback", ctx -> published(ctx,
                        config.rollback(ctx.pathParam(KEY), Params.requiredLong(ctx, "to"), author(ctx),
                                ctx.queryParam("message"), Params.optionalLong(ctx, "expectVersion")))),
                ApiRoute.get("/api/v1/config/schemas/<key>", requires("read:config", KEY), "config.schema.get",
                        ctx -> Responses.json(ctx, config.schema(ctx.pathParam(KEY)))),
                ApiRoute.put("/api/v1/config/schemas/<key>", requires("write:config", KEY), "config.schema.set", this::setSchema),
                ApiRoute.delete("/api/v1/config/schemas/<key>", requires("write:config", KEY), "config.schema.delete", ctx -> {
                    config.deleteSchema(ctx.pathParam(KEY));
                    ctx.status(204);
                }),
                ApiRoute.post("/api/v1/config/push", requires("write:config"), "config.push", this::push),
                ApiRoute.post("/api/v1/config/gray/<key>", requires("write:config", KEY), "config.gray.start", this::startGray),
                ApiRoute.post("/api/v1/config/promote/<key>", requires("write:config", KEY), "config.gray.promote",
                        ctx -> published(ctx, config.promoteGray(ctx.pathParam(KEY), author(ctx)))),
                ApiRoute.post("/api/v1/config/abort/<key>", requires("write:config", KEY), "config.gray.abort",
                        ctx -> gray(ctx, config.abortGray(ctx.pathParam(KEY)))));
    }

    private void get(Context ctx) {
        boolean reveal = Boolean.parseBoolean(ctx.queryParam("reveal"));
        if (reveal) {
            // Reading a document and reading its secrets are separate rights: a reviewer needs the one, not the other.
            AccessFilter.demand(ctx, "read:secret", ctx.pathParam(KEY));
        }
        DocumentView doc = config.get(ctx.pathParam(KEY), Params.optionalLong(ctx, "version"), reveal);
        ctx.header("MCPHub-Version", Long.toString(doc.version())).header("ETag", "\"" + doc.version() + "\"");
        String view = ctx.queryParamAsClass("view", String.class).getOrDefault("json");
        switch (view) {
            case "json" -> Responses.json(ctx, doc.json());
            case "raw" -> ctx.contentType(doc.format().mediaType() + "; charset=utf-8").result(doc.raw());
            default -> throw new ProblemException(ProblemType.BAD_REQUEST, "unknown view \"" + view + "\"; use view=json or view=raw");
        }
    }

    private void publishRaw(Context ctx) {
        DocumentFormat format = DocumentFormat.parse(ctx.queryParam("format"))
                .or(() -> DocumentFormat.parse(ctx.contentType()))
                .orElse(null);
        Long expect = Params.optionalLong(ctx, "expectVersion");
        if (expect == null && ctx.header("If-Match") != null) {
            expect = Params.parseLong("If-Match", ctx.header("If-Match").replace("\"", ""));
        }
        published(ctx, config.publish(new Publish(ctx.pathParam(KEY), ctx.body(), format, author(ctx),
                ctx.queryParam("message"), expect, null)));
    }

    /** The CLI's form: content plus options in one JSON body, so a schema can be set in the same atomic write. */
    record PublishEnvelope(String content, String format, String message, Long expectVersion, JsonNode schema) {}

    private void publishEnvelope(Context ctx) {
        PublishEnvelope env = Bodies.read(ctx, PublishEnvelope.class);
        if (env.content() == null) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "the request has no \"content\"; send {\"content\": \"…document text…\"}");
        }
        DocumentFormat format = env.format() == null ? null : DocumentFormat.parse(env.format()).orElseThrow(() ->
                new ProblemException(ProblemType.BAD_REQUEST, "unknown format \"" + env.format() + "\"; use json or yaml"));
        published(ctx, config.publish(new Publish(ctx.pathParam(KEY), env.content(), format, author(ctx),
                env.message(), env.expectVersion(), env.schema())));
    }

    /** {@code config set KEY -f F --gray-labels k=v | --gray-percent P}: the content as for a publish, and the choice. */
    record GrayEnvelope(String content, String format, String message, Long expectVersion,
                        java.util.Map<String, String> labels, Integer percent) {}

    private void startGray(Context ctx) {
        GrayEnvelope env = Bodies.read(ctx, GrayEnvelope.class);
        if (env.content() == null) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "the request has no \"content\"; send {\"content\": \"…document"
                    + " text…\", \"labels\": {\"k\": \"v\"}} or {…, \"percent\": P}");
        }
        DocumentFormat format = env.format() == null ? null : DocumentFormat.parse(env.format()).orElseThrow(() ->
                new ProblemException(ProblemType.BAD_REQUEST, "unknown format \"" + env.format() + "\"; use json or yaml"));
        gray(ctx, config.publishGray(new Publish(ctx.pathParam(KEY), env.content(), format, author(ctx), env.message(),
                env.expectVersion(), null), env.labels(), env.percent()));
    }

    /** A gray release's step goes to the audit trail with its versions and whom it chose. */
    private static void gray(Context ctx, io.mcphub.config.GrayRelease release) {
        RequestState.label(ctx, "config.version", release.candidate());
        RequestState.label(ctx, "config.stable", release.stable());
        RequestState.label(ctx, "config.gray", release.selector());
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("key", ctx.pathParam(KEY));
        body.putAll(io.mcphub.core.Json.JSON.convertValue(release, java.util.Map.class));
        body.put("selector", release.selector());
        Responses.json(ctx, body);
    }

    private void setSchema(Context ctx) {
        String key = ctx.pathParam(KEY);
        config.setSchema(key, Bodies.tree(ctx, key + " schema"));
        Responses.json(ctx, java.util.Map.of("key", key));
    }

    record PushRequest(List<PushFile> files, String message, Boolean dryRun) {}

    private void push(Context ctx) {
        PushRequest req = Bodies.read(ctx, PushRequest.class);
        boolean dryRun = Boolean.TRUE.equals(req.dryRun()) || Boolean.parseBoolean(ctx.queryParam("dryRun"));
        PushResult result = config.push(req.files(), author(ctx), req.message(), dryRun);
        RequestState.label(ctx, "config.dry_run", dryRun);
        RequestState.label(ctx, "config.documents", result.documents().stream()
                .map(d -> d.key() + "@" + d.toVersion()).collect(java.util.stream.Collectors.joining(",")));
        Responses.json(ctx, result);
    }

    /** The version refs of a write go to the audit trail with it. */
    private static void published(Context ctx, PublishResult result) {
        RequestState.label(ctx, "config.version", result.version());
        RequestState.label(ctx, "config.changed", result.changed());
        Responses.json(ctx, result);
    }

    private static String author(Context ctx) {
        return RequestState.principal(ctx).name();
    }
}
