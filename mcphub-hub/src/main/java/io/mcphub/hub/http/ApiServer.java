package io.mcphub.hub.http;

import io.javalin.Javalin;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.security.audit.AuditLog;
import io.mcphub.security.auth.Authenticator;
import io.mcphub.security.auth.ThrottledException;
import io.mcphub.store.StoreException;
import java.util.List;
import javax.net.ssl.SSLContext;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's HTTP server: Javalin on Jetty 12 with virtual threads. Every route comes from one list of
 * {@link ApiRoute}s, each declaring its {@link Access}; this class only wires filters, errors and the routes.
 */
public final class ApiServer implements AutoCloseable {

    /** Documents larger than this are refused before they are read (413). */
    public static final long MAX_BODY_BYTES = 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final String STARTED = "mcphub.started";

    private final Javalin app;
    private final List<ApiRoute> routes;

    /** Where the API listens; {@code tls} null means plain HTTP (the hub allows that on loopback only). */
    public record Listener(String host, int port, SSLContext tls) {}

    private final Listener listener;

    /**
     * Told of every finished request (metrics). {@code route} is the matched route's template, such as
     * {@code /api/v1/config/docs/<key>}, or {@link #UNMATCHED}: never the raw path, which carries document keys,
     * user names and whatever a scanner sends, and would make one series per distinct path.
     */
    @FunctionalInterface
    public interface RequestObserver {
        void completed(String method, String route, int status, long nanos);
    }

    /** The route of a request that matched none (404s, and 401s on unknown paths). */
    public static final String UNMATCHED = "unmatched";

    /**
     * @param mounted routes that guard themselves (the MCP gateway authenticates and authorises every message), kept
     *                apart from {@code /api/v1}, where every route declares its permission
     */
    public ApiServer(Authenticator authenticator, AuditLog auditLog, List<RouteGroup> groups, Listener listener,
                     java.util.function.Consumer<io.javalin.config.RoutesConfig> mounted, RequestObserver observer) {
        this.listener = listener;
        this.routes = groups.stream().flatMap(g -> g.routes().stream()).toList();
        Set<String> openPaths = routes.stream().filter(r -> r.access() instanceof Access.Open).map(ApiRoute::path)
                .collect(Collectors.toSet());
        AccessFilter access = new AccessFilter(authenticator, openPaths);
        AuditHook audit = new AuditHook(auditLog);
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.router.ignoreTrailingSlashes = true;
            if (listener.tls() != null) {
                config.jetty.addConnector((server, http) -> TlsConnector.create(server, http, listener.tls(), false,
                        listener.host(), listener.port()));
            }
            config.routes.before(ctx -> {
                ctx.attribute(STARTED, System.nanoTime());
                RequestIds.assign(ctx);
            });
            config.routes.before("/api/v1/*", access::authenticate);
            config.routes.before("/api/v1", access::authenticate);
            config.routes.beforeMatched(ctx -> {
                if (ctx.path().startsWith("/api/")) {
                    access.authorize(ctx);
                }
            });
            for (ApiRoute r : routes) {
                config.routes.addHttpHandler(r.method(), r.path(), r.handler(), r.access(), new RouteName(r.action()));
            }
            mounted.accept(config.routes);
            config.routes.exception(ProblemException.class, (e, ctx) -> {
                if (e instanceof ThrottledException t) {
                    ctx.header("Retry-After", Long.toString(t.retryAfterSeconds()));
                }
                Problems.write(ctx, e);
            });
            config.routes.exception(HttpResponseException.class, (e, ctx) -> Problems.write(ctx, typeOf(e.getStatus()),
                    httpDetail(e, ctx.method() + " " + ctx.path()), List.of()));
            config.routes.exception(StoreException.class, (e, ctx) -> {
                LOG.warn("store failure on {} {} requestId={}: {}", ctx.method(), ctx.path(), RequestIds.of(ctx), e.getMessage());
                Problems.write(ctx, ProblemType.UNAVAILABLE, e.getMessage(), List.of());
            });
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("unexpected failure on {} {} requestId={}", ctx.method(), ctx.path(), RequestIds.of(ctx), e);
                Problems.write(ctx, ProblemType.INTERNAL, "the hub failed unexpectedly (request " + RequestIds.of(ctx)
                        + "); the hub log has the details", List.of());
            });
            config.routes.after(audit::record);
            config.routes.after(ctx -> {
                Long started = ctx.attribute(STARTED);
                if (started == null) {
                    return;
                }
                long nanos = System.nanoTime() - started;
                if (LOG.isDebugEnabled()) {
                    LOG.debug("http method={} path={} status={} durationMs={} requestId={}", ctx.method(), ctx.path(),
                            ctx.statusCode(), nanos / 1_000_000.0, RequestIds.of(ctx));
                }
                io.javalin.router.Endpoint matched = ctx.endpoints().matchedHttpEndpoint();
                observer.completed(ctx.method().name(), matched == null ? UNMATCHED : matched.path, ctx.statusCode(), nanos);
            });
        });
    }

    /** Starts listening; port 0 picks a free one. Returns the bound port. */
    public int start() {
        if (listener.tls() != null) {
            app.start();
        } else {
            app.start(listener.host(), listener.port());
        }
        return app.port();
    }

    /** Every route served, for the test that checks each declares its permission. */
    public List<ApiRoute> routes() {
        return routes;
    }

    @Override
    public void close() {
        app.stop();
    }

    private static ProblemType typeOf(int status) {
        return switch (status) {
            case 400 -> ProblemType.BAD_REQUEST;
            case 401 -> ProblemType.UNAUTHORIZED;
            case 403 -> ProblemType.FORBIDDEN;
            case 404, 405 -> ProblemType.NOT_FOUND;
            case 413 -> ProblemType.TOO_LARGE;
            default -> status >= 500 ? ProblemType.INTERNAL : ProblemType.BAD_REQUEST;
        };
    }

    private static String httpDetail(HttpResponseException e, String request) {
        return switch (e.getStatus()) {
            case 404, 405 -> "no such endpoint: " + request + "; the API is listed in docs/api.md";
            case 413 -> "the request body is over the " + (MAX_BODY_BYTES / 1024 / 1024)
                    + " MiB limit; split the document or push fewer files at once";
            default -> HttpStatus.forStatus(e.getStatus()).getMessage() + ": " + e.getMessage();
        };
    }

}
