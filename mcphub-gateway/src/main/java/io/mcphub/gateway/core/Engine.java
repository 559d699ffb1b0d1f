package io.mcphub.gateway.core;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.mcphub.deploy.runtime.Subscription;
import io.mcphub.deploy.runtime.mcp.JsonRpc;
import io.mcphub.gateway.CallAudit;
import io.mcphub.gateway.DownstreamTls;
import io.mcphub.gateway.GatewayAuth;
import io.mcphub.gateway.GatewayOptions;
import io.mcphub.gateway.RateLimiter;
import io.mcphub.gateway.UpstreamInstance;
import io.mcphub.gateway.UpstreamService;
import io.mcphub.gateway.Upstreams;
import io.mcphub.gateway.downstream.Downstreams;
import io.mcphub.gateway.downstream.Hello;
import java.util.EnumSet;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The gateway's parts wired together; {@link io.mcphub.gateway.Gateway} is its public face. Internal: the hub
 * uses {@code Gateway}.
 */
public final class Engine implements AutoCloseable {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Upstreams upstreams;
    private final ScheduledExecutorService timers;
    private final Downstreams downstreams;
    private final Sessions sessions;
    private final Catalog catalog;
    private final StreamableHttp streamable;
    private final LegacySse legacy;
    private final Subscription subscription;
    private final Router router = new Router();
    /** The healthy instances of the upstream set last read. */
    private volatile Set<String> healthy = Set.of();
    /** Every instance of the upstream set last read. */
    private volatile Set<String> known = Set.of();

    public Engine(Upstreams upstreams, GatewayAuth auth, CallAudit audit, RateLimiter limiter, DownstreamTls tls,
                  GatewayOptions options) {
        this.upstreams = upstreams;
        this.timers = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("gateway-timers").daemon().factory());
        this.downstreams = new Downstreams(tls, options);
        this.sessions = new Sessions(options);
        this.catalog = new Catalog(downstreams, options.separator(), options.callTimeout(), timers, catalogHello(),
                this::listsChanged);
        Dispatcher dispatcher = new Dispatcher(catalog, new Forwarder(router, options, timers), limiter, audit, options);
        Front front = new Front(new Intake(auth, options), new Handshake(catalog), sessions, dispatcher, catalog.names(),
                downstreams, options);
        this.streamable = new StreamableHttp(front);
        this.legacy = new LegacySse(front);
        this.subscription = upstreams.onChange(() -> Thread.ofVirtual().name("gateway-upstreams").start(this::resync));
        resync();
        timers.scheduleAtFixedRate(sessions::sweep, 1, 1, TimeUnit.MINUTES);
    }

    /**
     * The listing session declares what a client may declare, so that servers which offer some tools only to
     * capable clients list them; the gateway relays those capabilities of each real client to its own sessions.
     */
    private static Hello catalogHello() {
        ObjectNode capabilities = NODES.objectNode();
        capabilities.putObject("sampling");
        capabilities.putObject("elicitation");
        capabilities.putObject("roots");
        return new Hello(Versions.LATEST, capabilities, NODES.objectNode().put("name", "mcphub-gateway").put("version", Handshake.VERSION));
    }

    /** Reads the upstream set at the moment it runs, one at a time, so the newest set is the one that stays. */
    private synchronized void resync() {
        List<UpstreamService> services = upstreams.services();
        catalog.sync(services);
        known = services.stream().flatMap(s -> s.instances().stream()).map(UpstreamInstance::id)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        healthy = services.stream().flatMap(s -> s.instances().stream()).filter(UpstreamInstance::healthy)
                .map(UpstreamInstance::id).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * Whether a new request may go to the instance now: healthy in the upstream set last read, and not drained; an
     * instance the gateway does not route to at all (no MCP service) counts as routable, nothing waits on it.
     */
    public boolean routable(String instanceId) {
        return !known.contains(instanceId) || (healthy.contains(instanceId) && !router.isDrained(instanceId));
    }

    public void routes(RoutesConfig routes) {
        Scope all = new Scope.All();
        routes.post("/mcp", ctx -> streamable.post(ctx, all));
        routes.get("/mcp", ctx -> streamable.get(ctx, all));
        routes.delete("/mcp", ctx -> streamable.delete(ctx, all));
        routes.post("/mcp/g/{group}", ctx -> streamable.post(ctx, new Scope.Group(ctx.pathParam("group"))));
        routes.get("/mcp/g/{group}", ctx -> streamable.get(ctx, new Scope.Group(ctx.pathParam("group"))));
        routes.delete("/mcp/g/{group}", ctx -> streamable.delete(ctx, new Scope.Group(ctx.pathParam("group"))));
        routes.post("/mcp/s/{service}", ctx -> streamable.post(ctx, new Scope.Service(ctx.pathParam("service"))));
        routes.get("/mcp/s/{service}", ctx -> streamable.get(ctx, new Scope.Service(ctx.pathParam("service"))));
        routes.delete("/mcp/s/{service}", ctx -> streamable.delete(ctx, new Scope.Service(ctx.pathParam("service"))));
        routes.get("/sse", ctx -> legacy.stream(ctx, all));
        routes.get("/mcp/g/{group}/sse", ctx -> legacy.stream(ctx, new Scope.Group(ctx.pathParam("group"))));
        routes.get("/mcp/s/{service}/sse", ctx -> legacy.stream(ctx, new Scope.Service(ctx.pathParam("service"))));
        routes.post(LegacySse.MESSAGES, legacy::post);
    }

    /** What a service offers changed: every session that can see the service is told which lists to fetch again. */
    private void listsChanged(UpstreamService service, Set<Catalog.Kind> kinds) {
        announce(kinds, session -> session.scope.includes(service));
    }

    /** Callers' permissions changed: every session re-lists everything. */
    public void visibilityChanged() {
        announce(EnumSet.allOf(Catalog.Kind.class), session -> true);
    }

    private void announce(Set<Catalog.Kind> kinds, Predicate<GatewaySession> concerned) {
        Set<String> methods = new LinkedHashSet<>();
        kinds.forEach(kind -> methods.add(kind.changed));
        for (GatewaySession session : sessions.all()) {
            if (session.isInitialized() && concerned.test(session)) {
                methods.forEach(method -> session.outbox.add(JsonRpc.notification(method, null)));
            }
        }
    }

    /** Sends no new request to the instance until {@link #resume}; those in flight finish. */
    public void drain(String instanceId) {
        router.drain(instanceId);
    }

    public void resume(String instanceId) {
        router.resume(instanceId);
    }

    /** Requests this gateway has in flight on the instance now. */
    public int inFlight(String instanceId) {
        return router.inFlight(instanceId);
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** Whether a service's tools, prompts and resources have been listed at least once. */
    public boolean listed(String service) {
        return catalog.loaded(service);
    }

    @Override
    public void close() {
        subscription.close();
        sessions.endAll("the gateway is shutting down");
        catalog.close();
        timers.shutdownNow();
        downstreams.close();
    }
}
