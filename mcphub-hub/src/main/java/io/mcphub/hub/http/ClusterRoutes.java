package io.mcphub.hub.http;

import static io.mcphub.hub.http.Access.requires;

import io.javalin.http.Context;
import io.mcphub.core.doc.DocumentFormat;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.core.stack.ServiceSpec;
import io.mcphub.core.stack.Stack;
import io.mcphub.core.topology.PlacedInstance;
import io.mcphub.core.topology.Topology;
import io.mcphub.core.topology.TopologyFormat;
import io.mcphub.hub.cluster.Deployments;
import io.mcphub.hub.cluster.InstanceRecord;
import io.mcphub.hub.cluster.InstanceStatus;
import io.mcphub.hub.cluster.Instances;
import io.mcphub.hub.cluster.NodeRecord;
import io.mcphub.hub.cluster.Nodes;
import io.mcphub.hub.cluster.Rollout;
import io.mcphub.hub.cluster.ServiceUpdate;
import io.mcphub.hub.cluster.StackRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stacks, services, nodes and the topology: the deployment engine over HTTP. */
public final class ClusterRoutes implements RouteGroup {

    private final Deployments deployments;
    private final Nodes nodes;
    private final Instances instances;
    private final ServiceUpdate updates;

    public ClusterRoutes(Deployments deployments, Nodes nodes, Instances instances, ServiceUpdate updates) {
        this.updates = updates;
        this.deployments = deployments;
        this.nodes = nodes;
        this.instances = instances;
    }

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.post("/api/v1/stacks/apply", requires("write:service"), "stack.apply", this::apply),
                ApiRoute.get("/api/v1/stacks", requires("read:service"), "stack.list", ctx -> Responses.json(ctx,
                        deployments.stacks().stream().map(r -> Map.of("name", r.name(), "appliedBy", r.appliedBy(), "appliedAt", r.appliedAt())).toList())),
                ApiRoute.delete("/api/v1/stacks/{name}", requires("write:service", "name"), "stack.delete", ctx -> {
                    Responses.json(ctx, PlanView.of(deployments.deleteStack(ctx.pathParam("name"))));
                }),
                ApiRoute.get("/api/v1/services", requires("read:service"), "service.list", ctx -> Responses.json(ctx, services())),
                ApiRoute.get("/api/v1/services/<name>", requires("read:service", "name"), "service.describe", this::describe),
                ApiRoute.post("/api/v1/services/<name>/scale", requires("write:service", "name"), "service.scale", this::scale),
                ApiRoute.post("/api/v1/services/<name>/restart", requires("write:service", "name"), "service.restart", this::restart),
                ApiRoute.post("/api/v1/services/<name>/config", requires("write:service", "name"), "service.update", this::update),
                ApiRoute.delete("/api/v1/services/<name>", requires("write:service", "name"), "service.delete", ctx ->
                        Responses.json(ctx, PlanView.of(deployments.deleteService(ctx.pathParam("name"))))),
                ApiRoute.get("/api/v1/nodes", requires("read:node"), "node.list", ctx -> Responses.json(ctx,
                        nodes.list().stream().map(this::nodeSummary).toList())),
                ApiRoute.get("/api/v1/nodes/{name}", requires("read:node", "name"), "node.describe", ctx -> {
                    NodeRecord n = nodes.require(ctx.pathParam("name"));
                    Map<String, Object> body = nodeSummary(n);
                    body.put("fingerprint", n.fingerprint());
                    body.put("instances", instances.onNode(n.name()).stream().map(i -> instanceView(i, true)).toList());
                    Responses.json(ctx, body);
                }),
                ApiRoute.get("/api/v1/topology", requires("read:service"), "topology.get", this::topology));
    }

    private void apply(Context ctx) {
        boolean dryRun = Boolean.parseBoolean(ctx.queryParam("dryRun"));
        DocumentFormat format = DocumentFormat.parse(ctx.contentType()).orElse(null);
        String source = ctx.queryParamAsClass("source", String.class).getOrDefault("stack");
        Deployments.Applied applied = deployments.apply(ctx.body(), format, source, dryRun, RequestState.principal(ctx).name());
        RequestState.resource(ctx, applied.stack());
        RequestState.label(ctx, "stack.dry_run", dryRun);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stack", applied.stack());
        body.put("dryRun", dryRun);
        body.put("applied", applied.written());
        body.putAll(PlanView.of(applied.plan()));
        Responses.json(ctx, body);
    }

    private void scale(Context ctx) {
        Map<?, ?> req = Bodies.read(ctx, Map.class);
        Object replicas = req.get("replicas");
        if (!(replicas instanceof Integer n)) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "send {\"replicas\": N} with N a whole number, 0 or more");
        }
        Deployments.Applied applied = deployments.scale(ctx.pathParam("name"), n);
        RequestState.label(ctx, "service.replicas", n);
        Responses.json(ctx, PlanView.of(applied.plan()));
    }

    /** Rolling: the answer comes once every instance is healthy again on its new process, or one was not in time. */
    private void restart(Context ctx) {
        Duration perInstance = Duration.ofSeconds(Params.intInRange(ctx, "timeoutSeconds", 1, 3600, 120));
        List<Rollout.Step> steps = deployments.restart(ctx.pathParam("name"), perInstance);
        RequestState.label(ctx, "service.instances", String.join(",", steps.stream().map(Rollout.Step::instance).toList()));
        Responses.json(ctx, Map.of("service", ctx.pathParam("name"), "restarted", steps));
    }

    /** Needs write:config on the document too: updating a service must not be a way round the config permissions. */
    private void update(Context ctx) {
        String name = ctx.pathParam("name");
        String key = updates.keyFor(name, ctx.queryParam("key"));
        AccessFilter.demand(ctx, "write:config", key);
        RequestState.label(ctx, "config.key", key);
        DocumentFormat format = DocumentFormat.parse(ctx.queryParam("format")).or(() -> DocumentFormat.parse(ctx.contentType())).orElse(null);
        ServiceUpdate.Result result = updates.update(name, key, ctx.body(), format, RequestState.principal(ctx).name(),
                ctx.queryParam("message"), Duration.ofSeconds(Params.intInRange(ctx, "timeoutSeconds", 1, 3600, 120)));
        RequestState.label(ctx, "config.version", result.version());
        Responses.json(ctx, result);
    }

    private void describe(Context ctx) {
        String name = ctx.pathParam("name");
        StackRecord record = deployments.stackOfService(name);
        Stack stack = deployments.parse(record);
        String service = Deployments.serviceOnly(name);
        Map<String, Object> body = service(record.name(), stack.services().get(service), true);
        body.put("spec", stack.services().get(service));
        Responses.json(ctx, body);
    }

    /** Every service of every stack with its instances: the shape of {@code service list -o json}. */
    private List<Map<String, Object>> services() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (StackRecord record : deployments.stacks()) {
            Stack stack = deployments.parse(record);
            for (String name : stack.dependencies().startOrder()) {
                out.add(service(record.name(), stack.services().get(name), false));
            }
        }
        return out;
    }

    private Map<String, Object> service(String stack, ServiceSpec spec, boolean why) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", spec.name());
        s.put("stack", stack);
        s.put("type", spec.type().spelling());
        s.put("runtime", spec.runtime().spelling());
        s.put("transport", spec.transport() == null ? null : spec.transport().spelling());
        s.put("replicas", spec.external() ? 0 : spec.replicas());
        s.put("dependsOn", spec.dependsOn());
        s.put("instances", instances.ofStack(stack).stream().filter(i -> i.service().equals(spec.name()))
                .map(i -> instanceView(i, why)).toList());
        return s;
    }

    private Map<String, Object> instanceView(InstanceRecord i, boolean why) {
        InstanceStatus status = instances.status(i.id()).orElse(null);
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("id", i.id());
        v.put("service", i.service());
        v.put("node", i.node());
        v.put("runtime", i.runtime());
        v.put("status", status == null ? "pending" : status.state());
        v.put("pid", status == null ? null : status.pid());
        v.put("port", status == null ? null : status.port());
        v.put("restarts", status == null ? 0 : status.restarts());
        if (why) {
            v.put("placedBecause", i.why());
            List<String> waiting = status == null ? instances.waitingFor(i, instances.ofStack(i.stack())) : List.of();
            v.put("detail", status != null ? status.detail()
                    : waiting.isEmpty() ? "starting on " + i.node() : "waiting for " + String.join(", ", waiting) + " to be healthy");
        }
        return v;
    }

    private Map<String, Object> nodeSummary(NodeRecord n) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("name", n.name());
        v.put("status", nodes.isUp(n.name()) ? "up" : "down");
        v.put("type", n.fingerprint() == null ? null : n.fingerprint().path("type").asText(null));
        v.put("labels", n.labels());
        v.put("instances", instances.onNode(n.name()).size());
        v.put("joinedAt", n.joinedAt());
        v.put("lastSeen", n.lastSeen());
        return v;
    }

    private void topology(Context ctx) {
        TopologyFormat format = TopologyFormat.parse(ctx.queryParamAsClass("format", String.class).getOrDefault("json"))
                .orElseThrow(() -> new ProblemException(ProblemType.BAD_REQUEST, "unknown topology format \""
                        + ctx.queryParam("format") + "\"; use graphviz, mermaid or json"));
        String only = ctx.queryParam("stack");
        List<StackRecord> stacks = only == null ? deployments.stacks() : List.of(deployments.stack(only));
        List<String> rendered = new ArrayList<>();
        for (StackRecord record : stacks) {
            List<PlacedInstance> placed = instances.ofStack(record.name()).stream().map(i -> new PlacedInstance(i.id(), i.service(), i.node(),
                    instances.status(i.id()).map(InstanceStatus::state).orElse("pending"),
                    instances.status(i.id()).map(InstanceStatus::port).orElse(null))).toList();
            rendered.add(Topology.of(deployments.parse(record), placed).render(format));
        }
        // One graph per stack; JSON callers get one array whatever the number of stacks.
        String body = format == TopologyFormat.JSON ? "[" + String.join(",", rendered) + "]" : String.join("\n", rendered);
        ctx.contentType(format == TopologyFormat.JSON ? "application/json; charset=utf-8" : "text/plain; charset=utf-8").result(body);
    }

}
