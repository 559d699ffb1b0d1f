package io.mcphub.hub.http;

import static io.mcphub.hub.http.Access.requires;

import io.javalin.http.Context;
import io.mcphub.core.agentapi.JoinRequest;
import io.mcphub.core.agentapi.JoinResponse;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.hub.cluster.NodeRecord;
import io.mcphub.hub.cluster.Nodes;
import io.mcphub.security.auth.Durations;
import io.mcphub.security.pki.AgentEnrollment;
import io.mcphub.security.pki.JoinTokens;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joining nodes: an administrator mints a one-time join token; an agent trades it, with a CSR for a key it made
 * itself, for a short-lived certificate and the address of the mutual-TLS agent channel.
 */
public final class NodeRoutes implements RouteGroup {

    private final JoinTokens tokens;
    private final AgentEnrollment enrollment;
    private final Nodes nodes;
    /** The agent endpoint for a join that reached the hub at a given host (what the agent can reach it by). */
    private final java.util.function.UnaryOperator<String> agentEndpoint;
    private final Clock clock;

    public NodeRoutes(JoinTokens tokens, AgentEnrollment enrollment, Nodes nodes,
                      java.util.function.UnaryOperator<String> agentEndpoint, Clock clock) {
        this.tokens = tokens;
        this.enrollment = enrollment;
        this.nodes = nodes;
        this.agentEndpoint = agentEndpoint;
        this.clock = clock;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post("/api/v1/nodes/tokens", requires("write:node"), "node.token.create", this::createToken),
                ApiRoute.post("/api/v1/nodes/join", Access.open(), "node.join", this::join));
    }

    record TokenRequest(String ttl, Map<String, String> labels) {}

    private void createToken(Context ctx) {
        TokenRequest req = ctx.body().isBlank() ? new TokenRequest(null, null) : Bodies.read(ctx, TokenRequest.class);
        Duration ttl = req.ttl() == null ? JoinTokens.DEFAULT_TTL : Durations.parse(req.ttl());
        JoinTokens.Issued issued = tokens.create(ttl, req.labels() == null ? Map.of() : req.labels());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", issued.token());
        body.put("expiresAt", issued.record().expiresAt());
        body.put("labels", issued.record().labels());
        ctx.header("Cache-Control", "no-store");
        Responses.json(ctx.status(201), body);
    }

    private void join(Context ctx) {
        JoinRequest req = Bodies.read(ctx, JoinRequest.class);
        if (req.token() == null || req.name() == null || req.csrPem() == null) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "send {\"token\", \"name\", \"csrPem\"}: mcphub agent does this for you");
        }
        RequestState.claimedActor(ctx, "node:" + req.name());
        RequestState.resource(ctx, req.name());
        if (nodes.find(req.name()).isPresent() && nodes.isUp(req.name())) {
            throw new ProblemException(ProblemType.CONFLICT, "node " + req.name() + " is already joined and up; start this agent with "
                    + "another --name, or stop the other one first");
        }
        AgentEnrollment.Enrolled enrolled = enrollment.join(req.token(), req.name(), req.csrPem());
        Map<String, String> labels = new HashMap<>(enrolled.tokenLabels());
        if (req.labels() != null) {
            labels.putAll(req.labels());
        }
        nodes.register(new NodeRecord(req.name(), labels, null, null, enrolled.certificate().getSerialNumber().toString(16),
                clock.instant(), clock.instant()));
        ctx.header("Cache-Control", "no-store");
        Responses.json(ctx, new JoinResponse(enrolled.certificatePem(), enrolled.caCertificatePem(), agentEndpoint.apply(hostOnly(ctx.host()))));
    }

    /** {@code example.org:7420} → {@code example.org}, {@code [::1]:7420} → {@code ::1}; null when absent. */
    static String hostOnly(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return null;
        }
        if (hostHeader.startsWith("[")) {
            int end = hostHeader.indexOf(']');
            return end > 0 ? hostHeader.substring(1, end) : null;
        }
        int colon = hostHeader.indexOf(':');
        return colon >= 0 ? hostHeader.substring(0, colon) : hostHeader;
    }
}
