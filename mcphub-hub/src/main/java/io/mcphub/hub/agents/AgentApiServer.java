package io.mcphub.hub.agents;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.mcphub.core.Json;
import io.mcphub.core.agentapi.Assignment;
import io.mcphub.core.agentapi.Assignments;
import io.mcphub.core.agentapi.Heartbeat;
import io.mcphub.core.agentapi.HeartbeatAnswer;
import io.mcphub.core.agentapi.InstanceReport;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.hub.http.TlsConnector;
import io.mcphub.hub.cluster.ChangeFeed;
import io.mcphub.hub.cluster.InstanceRecord;
import io.mcphub.hub.cluster.InstanceStatus;
import io.mcphub.hub.cluster.Instances;
import io.mcphub.hub.cluster.NodeRecord;
import io.mcphub.hub.cluster.Nodes;
import io.mcphub.security.pki.AgentEnrollment;
import io.mcphub.security.pki.Revocations;
import io.mcphub.security.pki.TlsContexts;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's side of the agent channel: its own listener, mutual TLS only (TLS 1.3, a client certificate from the
 * install's CA required), so that no agent route is ever reachable on the public API's port. Every request is bound
 * to the node named in its certificate — an agent can only report for, and read the assignments of, itself.
 */
public final class AgentApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentApiServer.class);
    private static final Duration LONG_POLL = Duration.ofSeconds(25);
    private static final String NODE = "mcphub.node";

    private final Javalin app;
    private final Nodes nodes;
    private final Instances instances;
    private final ChangeFeed placements;
    private final Revocations revocations;
    private final AgentEnrollment enrollment;
    private final Clock clock;
    private final InstanceConfig config;
    private final io.mcphub.hub.cluster.ConfigPropagation propagation;

    /** {@code placements} must follow instances, their statuses and configuration heads: each changes assignments. */
    public AgentApiServer(SSLContext tls, String host, int port, Nodes nodes, Instances instances, ChangeFeed placements,
                          Revocations revocations, AgentEnrollment enrollment, InstanceConfig instanceConfig,
                          io.mcphub.hub.cluster.ConfigPropagation propagation, Clock clock) {
        this.config = instanceConfig;
        this.propagation = propagation;
        this.nodes = nodes;
        this.instances = instances;
        this.placements = placements;
        this.revocations = revocations;
        this.enrollment = enrollment;
        this.clock = clock;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = 4L * 1024 * 1024;
            config.jetty.addConnector((server, httpConfig) -> TlsConnector.create(server, httpConfig, tls, true, host, port));
            config.routes.before(this::bindNode);
            config.routes.post("/agent/v1/heartbeat", this::heartbeat);
            config.routes.get("/agent/v1/assignments", this::assignments);
            config.routes.post("/agent/v1/renew", this::renew);
            config.routes.exception(ProblemException.class, (e, ctx) ->
                    ctx.status(e.type().status()).contentType("application/problem+json; charset=utf-8")
                            .result(Json.write(Map.of("status", e.type().status(), "title", e.type().title(), "detail", e.detail()))));
        });
    }

    public int start() {
        app.start();
        return app.port();
    }

    /** The node is who its certificate says, checked against expiry and revocation on every request. */
    private void bindNode(Context ctx) {
        X509Certificate[] chain = (X509Certificate[]) ctx.req().getAttribute("jakarta.servlet.request.X509Certificate");
        ctx.attribute(NODE, TlsContexts.nodeName(chain, revocations));
    }

    private static String node(Context ctx) {
        return ctx.attribute(NODE);
    }

    private void heartbeat(Context ctx) {
        String name = node(ctx);
        NodeRecord node = nodes.find(name).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND,
                "node " + name + " is not registered (it was removed); join again with a new token"));
        Heartbeat beat = Json.read(ctx.bodyAsBytes(), Heartbeat.class);
        nodes.update(node.seen(beat.fingerprint(), beat.bridgeUrl(), clock.instant()));
        nodes.heartbeat(name);
        for (InstanceReport r : beat.instances() == null ? List.<InstanceReport>of() : beat.instances()) {
            java.time.Instant now = clock.instant();
            instances.report(new InstanceStatus(r.id(), name, r.state(), r.pid(), r.port(), r.restarts(), r.detail(), r.runHash(),
                    r.config(), now)).ifPresent(before -> propagation.reported(before.config(), r.config(), now));
        }
        json(ctx, new HeartbeatAnswer(Nodes.LEASE_TTL.toSeconds(), placements.revision()));
    }

    /**
     * What the node must run. The feed covers placements and statuses, so an instance held back until its
     * dependencies are healthy is handed out as soon as they are.
     */
    private void assignments(Context ctx) throws InterruptedException {
        long after = Long.parseLong(ctx.queryParamAsClass("after", String.class).getOrDefault("0"));
        long revision = placements.awaitAfter(after, LONG_POLL);
        List<InstanceRecord> all = instances.list();
        NodeRecord node = nodes.find(node(ctx)).orElse(null);
        var releases = config.releases();
        List<Assignment> mine = all.stream().filter(i -> i.node().equals(node(ctx)))
                .filter(i -> instances.waitingFor(i, all).isEmpty()).map(i -> assignment(i, node, releases)).toList();
        json(ctx, new Assignments(revision, mine));
    }

    private Assignment assignment(InstanceRecord i, NodeRecord node, java.util.Map<String, io.mcphub.config.DocumentRelease> releases) {
        try {
            InstanceConfig.Prepared prepared = config.prepare(i, node, releases);
            return new Assignment(i.id(), i.stack(), i.service(), i.runtime(), i.runHash(), i.spec(), prepared.files(),
                    prepared.secrets(), prepared.problem(), prepared.versions());
        } catch (RuntimeException e) {
            // one instance the hub cannot prepare must not keep the node from every other assignment
            LOG.error("cannot prepare the assignment of instance {}", i.id(), e);
            return new Assignment(i.id(), i.stack(), i.service(), i.runtime(), i.runHash(), i.spec(), null, null,
                    "the hub could not prepare this instance (" + e.getMessage() + "); see the hub's log", null);
        }
    }

    private void renew(Context ctx) {
        Map<?, ?> req = Json.read(ctx.bodyAsBytes(), Map.class);
        var enrolled = enrollment.renew(sessionOf(ctx), String.valueOf(req.get("csrPem")));
        Map<String, String> body = new LinkedHashMap<>();
        body.put("certificatePem", enrolled.certificatePem());
        LOG.info("agent certificate renewed node={}", enrolled.nodeName());
        json(ctx, body);
    }

    private static void json(Context ctx, Object body) {
        ctx.contentType("application/json; charset=utf-8").result(Json.write(body));
    }

    private static javax.net.ssl.SSLSession sessionOf(Context ctx) {
        Object session = ctx.req().getAttribute("jakarta.servlet.request.ssl_session");
        if (session instanceof javax.net.ssl.SSLSession s) {
            return s;
        }
        throw new ProblemException(ProblemType.UNAUTHORIZED, "renewal needs the TLS session of the agent's current certificate");
    }

    @Override
    public void close() {
        app.stop();
    }
}
