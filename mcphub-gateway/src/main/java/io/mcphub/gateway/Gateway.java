package io.mcphub.gateway;

import io.javalin.config.RoutesConfig;
import io.mcphub.gateway.core.Engine;
import java.util.Objects;

/**
 * The MCP gateway: one MCP endpoint in front of every deployed MCP service. The hub builds it with its
 * {@link Upstreams} and {@link GatewayAuth}, mounts its routes on its HTTP server with {@link #routes}, and
 * closes it on shutdown. Routes (see docs/gateway.md):
 * <ul>
 *   <li>{@code /mcp}, {@code /mcp/g/GROUP}, {@code /mcp/s/SERVICE}: Streamable HTTP (POST, GET, DELETE);</li>
 *   <li>{@code /sse}, {@code /mcp/g/GROUP/sse}, {@code /mcp/s/SERVICE/sse} and {@code POST /messages}: the legacy
 *       HTTP+SSE transport.</li>
 * </ul>
 * The handlers block while calls run and streams stay open: the server must run handlers on virtual threads
 * (Javalin: {@code config.concurrency.useVirtualThreads = true}).
 */
public final class Gateway implements AutoCloseable {

    private final Engine engine;

    private Gateway(Builder builder) {
        this.engine = new Engine(builder.upstreams, builder.auth, builder.audit, builder.limiter, builder.tls, builder.options);
    }

    public static Builder builder(Upstreams upstreams, GatewayAuth auth) {
        return new Builder(upstreams, auth);
    }

    /** Registers the gateway's routes; call it inside {@code Javalin.create(config -> …)} with {@code config.routes}. */
    public void routes(RoutesConfig routes) {
        engine.routes(routes);
    }

    /**
     * Tells every connected client to list tools, prompts and resources again: call it when permissions change
     * (policies, grants, token restrictions), since what a caller sees depends on them.
     */
    public void visibilityChanged() {
        engine.visibilityChanged();
    }

    /**
     * Sends no new request to the instance until {@link #resume} — those in flight finish — so that it can be
     * stopped without cutting a call off: what a rolling restart does before replacing it.
     */
    public void drain(String instanceId) {
        engine.drain(instanceId);
    }

    /** Routes to the instance again (once it is healthy). */
    public void resume(String instanceId) {
        engine.resume(instanceId);
    }

    /**
     * Whether the gateway sends new requests to the instance now (healthy as it last read its upstreams, not drained;
     * true for one it does not route to at all):
     * a rolling restart waits for this before it takes the next instance away.
     */
    public boolean routable(String instanceId) {
        return engine.routable(instanceId);
    }

    /** Requests this gateway has in flight on the instance now: 0 when a drained instance may stop. */
    public int inFlight(String instanceId) {
        return engine.inFlight(instanceId);
    }

    /** Client sessions open now (both transports). */
    public int sessionCount() {
        return engine.sessionCount();
    }

    /** Whether the gateway has listed what {@code service} offers at least once (it is then visible to clients). */
    public boolean listed(String service) {
        return engine.listed(service);
    }

    /** Ends every client session (their requests are cancelled downstream) and every downstream session. */
    @Override
    public void close() {
        engine.close();
    }

    public static final class Builder {
        private final Upstreams upstreams;
        private final GatewayAuth auth;
        private CallAudit audit = CallAudit.NONE;
        private RateLimiter limiter = RateLimiter.NONE;
        private DownstreamTls tls = DownstreamTls.NONE;
        private GatewayOptions options = GatewayOptions.DEFAULTS;

        private Builder(Upstreams upstreams, GatewayAuth auth) {
            this.upstreams = Objects.requireNonNull(upstreams, "upstreams");
            this.auth = Objects.requireNonNull(auth, "auth");
        }

        public Builder audit(CallAudit audit) {
            this.audit = Objects.requireNonNull(audit, "audit");
            return this;
        }

        public Builder rateLimiter(RateLimiter limiter) {
            this.limiter = Objects.requireNonNull(limiter, "limiter");
            return this;
        }

        public Builder tls(DownstreamTls tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        public Builder options(GatewayOptions options) {
            this.options = Objects.requireNonNull(options, "options");
            return this;
        }

        /** Starts listing the upstream services at once; clients see each service as soon as it is listed. */
        public Gateway build() {
            return new Gateway(this);
        }
    }
}
