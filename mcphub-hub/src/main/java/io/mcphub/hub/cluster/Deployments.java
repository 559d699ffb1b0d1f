package io.mcphub.hub.cluster;

import io.mcphub.core.Json;
import io.mcphub.core.doc.DocumentFormat;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.core.stack.ServiceSpec;
import io.mcphub.core.stack.Stack;
import io.mcphub.core.stack.StackParser;
import io.mcphub.core.text.Suggestions;
import io.mcphub.deploy.plan.CurrentInstance;
import io.mcphub.deploy.plan.DesiredService;
import io.mcphub.deploy.plan.InstanceChange;
import io.mcphub.deploy.plan.Plan;
import io.mcphub.deploy.plan.Planner;
import io.mcphub.deploy.plan.ServiceChange;
import io.mcphub.deploy.scheduler.Demand;
import io.mcphub.deploy.scheduler.Scheduler;
import io.mcphub.store.Compare;
import io.mcphub.store.KeyValue;
import io.mcphub.store.Op;
import io.mcphub.store.Store;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

/**
 * Desired state: {@code apply} parses a stack, plans it against what is placed and — unless it is a dry run or the
 * plan cannot be placed — writes the new placements in one store transaction. Agents converge their nodes on it.
 * Scaling, deleting and rescheduling after a node is lost all go through the same plan.
 */
public final class Deployments {

    public static final String STACKS = "/mcphub/stacks/";
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int MAX_ATTEMPTS = 5;

    private final Store store;
    private final Nodes nodes;
    private final Instances instances;
    private final Planner planner;
    private final Clock clock;
    private final Rollout rollout;

    public Deployments(Store store, Nodes nodes, Instances instances, Draining draining, Clock clock) {
        this.store = store;
        this.rollout = new Rollout(store, instances, draining);
        this.nodes = nodes;
        this.instances = instances;
        this.clock = clock;
        SecureRandom random = new SecureRandom();
        this.planner = new Planner(new Scheduler(), key -> {
            StringBuilder id = new StringBuilder(key.substring(key.indexOf('/') + 1)).append('-');
            for (int i = 0; i < 5; i++) {
                id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
            }
            return id.toString();
        });
    }

    /** The outcome of an apply: the plan, whether it was written, and the stack it was for. */
    public record Applied(String stack, Plan plan, boolean written) {}

    public Applied apply(String text, DocumentFormat format, String source, boolean dryRun, String author) {
        Stack stack = StackParser.parse(text, format, source);
        StackRecord record = new StackRecord(stack.name(), text, (format != null ? format : DocumentFormat.sniff(text)).id(),
                author, clock.instant(), null, null);
        return converge(stack, record, dryRun);
    }

    /** Changes a service's replicas and converges its stack, as a new apply of the stored spec would. */
    public Applied scale(String serviceName, int replicas) {
        if (replicas < 0) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "replicas must be 0 or more, not " + replicas);
        }
        StackRecord record = stackOfService(serviceName);
        String name = serviceOnly(serviceName);
        StackRecord scaled = record.withScale(name, replicas);
        return converge(parse(scaled), scaled, false);
    }

    /**
     * Restarts a service's instances one at a time, each healthy again before the next (see {@link Rollout}); each
     * keeps its id and node.
     */
    public List<Rollout.Step> restart(String serviceName, Duration perInstance) {
        return rollout.restart(instancesOf(serviceName), perInstance);
    }

    /** The instances of a service, by {@code SERVICE} or {@code STACK/SERVICE}. */
    /** Restarts these instances one at a time, as {@link #restart(String, Duration)} does a whole service. */
    List<Rollout.Step> restart(List<InstanceRecord> targets, Duration perInstance) {
        return rollout.restart(targets, perInstance);
    }

    public List<InstanceRecord> instancesOf(String serviceName) {
        StackRecord record = stackOfService(serviceName);
        String name = serviceOnly(serviceName);
        return instances.ofStack(record.name()).stream().filter(i -> i.service().equals(name)).toList();
    }

    /**
     * Removes one service from its stack and stops its instances. Like {@code service scale}, this edits the stack
     * as stored: applying the file again brings the service back. A service others depend on stays, and removing
     * the last service removes the stack.
     */
    public Plan deleteService(String serviceName) {
        StackRecord record = stackOfService(serviceName);
        String name = serviceOnly(serviceName);
        Stack stack = parse(record);
        List<String> dependents = stack.services().values().stream().filter(s -> s.dependsOn().contains(name))
                .map(ServiceSpec::name).toList();
        if (!dependents.isEmpty()) {
            throw new ProblemException(ProblemType.CONFLICT, "service " + name + " is needed by " + String.join(", ", dependents)
                    + " (dependsOn); delete " + (dependents.size() == 1 ? "it" : "them") + " first, or the whole stack with"
                    + " 'mcphub delete stack " + record.name() + "'");
        }
        if (stack.services().size() == 1) {
            return deleteStack(record.name());
        }
        StackRecord without = record.without(name);
        return converge(parse(without), without, false).plan();
    }

    /** Removes a stack and every instance of it. */
    public Plan deleteStack(String name) {
        StackRecord record = stack(name);
        Plan plan = planner.plan(List.of(), current(name), List.of());
        List<Op> ops = new ArrayList<>();
        ops.add(Op.delete(STACKS + record.name()));
        plan.services().forEach(s -> s.instances().forEach(i -> ops.addAll(Instances.delete(i.instanceId()))));
        store.txn(List.of(), ops);
        return plan;
    }

    /** Re-plans every stack with an instance on a node that is down, moving what placement allows. */
    public List<Applied> rescheduleFrom(List<String> downNodes) {
        List<Applied> moved = new ArrayList<>();
        for (StackRecord record : stacks()) {
            boolean affected = instances.ofStack(record.name()).stream().anyMatch(i -> downNodes.contains(i.node()));
            if (affected) {
                try {
                    moved.add(converge(parse(record), record, false));
                } catch (ProblemException unplaceable) {
                    // nowhere to go: the instances stay assigned to the down node and come back with it
                }
            }
        }
        return moved;
    }

    public List<StackRecord> stacks() {
        return store.range(STACKS).kvs().stream().map(kv -> Json.read(kv.value(), StackRecord.class)).toList();
    }

    public StackRecord stack(String name) {
        return store.get(STACKS + name).map(kv -> Json.read(kv.value(), StackRecord.class))
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no stack \"" + name + "\""
                        + Suggestions.hint(name, stacks().stream().map(StackRecord::name).toList()) + "; list them with 'mcphub service list'"));
    }

    /** The stored stack with the replicas set by {@code service scale}, and without the services deleted, since it was applied. */
    public Stack parse(StackRecord record) {
        Stack stack = StackParser.parse(record.text(), DocumentFormat.parse(record.format()).orElse(null), "stack " + record.name());
        if (record.scaled().isEmpty() && record.removed().isEmpty()) {
            return stack;
        }
        var services = new LinkedHashMap<String, ServiceSpec>();
        stack.services().forEach((name, s) -> {
            if (!record.removed().contains(name)) {
                services.put(name, record.scaled().containsKey(name) ? withReplicas(s, record.scaled().get(name)) : s);
            }
        });
        return new Stack(stack.apiVersion(), stack.kind(), stack.name(), stack.labels(), services);
    }

    /**
     * What an instance runs, without how many run: scaling must add or remove instances, not replace the ones that
     * are there, so the replica count is left out of the hash that decides "this instance is out of date".
     */
    private static String specHash(ServiceSpec s) {
        return withReplicas(s, 1).contentHash();
    }

    private static ServiceSpec withReplicas(ServiceSpec s, int replicas) {
        return new ServiceSpec(s.name(), s.type(), s.runtime(), s.command(), s.args(), s.image(), s.env(), s.workdir(),
                s.port(), s.transport(), s.url(), s.path(), replicas, s.dependsOn(), s.placement(), s.health(), s.restart(),
                s.config(), s.secrets(), s.resources(), s.labels());
    }

    /** {@code SERVICE} from {@code SERVICE} or {@code STACK/SERVICE}. */
    public static String serviceOnly(String name) {
        return name.substring(name.indexOf('/') + 1);
    }

    /** The stack holding a service, by {@code SERVICE} (if unambiguous) or {@code STACK/SERVICE}. */
    public StackRecord stackOfService(String service) {
        if (service.contains("/")) {
            StackRecord r = stack(service.substring(0, service.indexOf('/')));
            if (parse(r).service(service.substring(service.indexOf('/') + 1)).isEmpty()) {
                throw unknownService(service);
            }
            return r;
        }
        List<StackRecord> holding = stacks().stream().filter(r -> parse(r).service(service).isPresent()).toList();
        if (holding.isEmpty()) {
            throw unknownService(service);
        }
        if (holding.size() > 1) {
            throw new ProblemException(ProblemType.BAD_REQUEST, "service \"" + service + "\" exists in stacks "
                    + holding.stream().map(StackRecord::name).toList() + "; name it as STACK/" + service);
        }
        return holding.get(0);
    }

    private ProblemException unknownService(String service) {
        List<String> known = new ArrayList<>();
        stacks().forEach(r -> parse(r).services().keySet().forEach(known::add));
        return new ProblemException(ProblemType.NOT_FOUND, "no service \"" + service + "\"" + Suggestions.hint(service, known)
                + "; list them with 'mcphub service list'");
    }

    private Applied converge(Stack stack, StackRecord toStore, boolean dryRun) {
        for (int attempt = 1; ; attempt++) {
            long revision = instances.revision();
            List<InstanceRecord> placed = instances.list();
            Plan plan = planner.plan(desired(stack), current(stack.name()), NodeViews.of(nodes.list(), new HashSet<>(nodes.up()), placed),
                    knownServices(stack.name()));
            if (!plan.isFeasible()) {
                throw new ProblemException(ProblemType.INVALID_DOCUMENT, String.join("; ", plan.problems())
                        + " — nothing was applied", List.of());
            }
            if (dryRun) {
                return new Applied(stack.name(), plan, false);
            }
            List<Op> ops = new ArrayList<>();
            ops.add(Op.put(STACKS + stack.name(), Json.bytes(toStore)));
            for (ServiceChange s : plan.services()) {
                for (InstanceChange c : s.instances()) {
                    switch (c.action()) {
                        case CREATE -> ops.add(Instances.put(instance(stack, s.serviceKey(), c)));
                        case DELETE -> ops.addAll(Instances.delete(c.instanceId()));
                        case KEEP -> { }
                    }
                }
            }
            // Guard on the instances prefix not having moved since it was read: two applies racing plan again.
            Optional<KeyValue> guard = store.get(GUARD);
            List<Compare> compares = List.of(Compare.modRevision(GUARD, guard.map(KeyValue::modRevision).orElse(0L)));
            ops.add(Op.put(GUARD, Long.toString(revision).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            if (store.txn(compares, ops).succeeded()) {
                return new Applied(stack.name(), plan, true);
            }
            if (attempt >= MAX_ATTEMPTS) {
                throw new ProblemException(ProblemType.CONFLICT, "the cluster changed while " + stack.name() + " was being applied; apply again");
            }
        }
    }

    /** One key every placement change rewrites, so that concurrent applies serialise on it. */
    private static final String GUARD = "/mcphub/placements-epoch";

    private InstanceRecord instance(Stack stack, String serviceKey, InstanceChange c) {
        ServiceSpec spec = stack.services().get(serviceKey.substring(serviceKey.indexOf('/') + 1));
        return new InstanceRecord(c.instanceId(), stack.name(), spec.name(), c.node(), c.runtime(), specHash(spec),
                Json.JSON.valueToTree(spec), c.why(), clock.instant(), 0);
    }

    private List<DesiredService> desired(Stack stack) {
        List<DesiredService> desired = new ArrayList<>();
        for (String name : stack.dependencies().startOrder()) {
            ServiceSpec s = stack.services().get(name);
            int replicas = s.external() ? 0 : s.replicas();
            desired.add(new DesiredService(stack.name() + "/" + name, specHash(s), new Demand(stack.name() + "/" + name,
                    s.runtime().spelling(), s.command(), s.image(), replicas, s.placement().nodes(), s.placement().labels(),
                    s.resources().cpu(), s.resources().memoryMb(),
                    s.type() == io.mcphub.core.stack.ServiceType.MCP && s.transport() == io.mcphub.core.stack.Transport.STDIO)));
        }
        return desired;
    }

    /** The services of the stack as last applied, so that a service new to it plans as a create. */
    private java.util.Set<String> knownServices(String stackName) {
        return store.get(STACKS + stackName).map(kv -> Json.read(kv.value(), StackRecord.class))
                .map(r -> parse(r).services().keySet().stream().map(s -> stackName + "/" + s).collect(java.util.stream.Collectors.toSet()))
                .orElse(java.util.Set.of());
    }

    private List<CurrentInstance> current(String stack) {
        return instances.ofStack(stack).stream()
                .map(i -> new CurrentInstance(i.id(), i.serviceKey(), i.node(), i.runtime(), i.specHash())).toList();
    }
}
