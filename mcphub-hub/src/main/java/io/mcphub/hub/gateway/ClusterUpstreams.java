package io.mcphub.hub.gateway;

import io.mcphub.core.stack.ServiceSpec;
import io.mcphub.core.stack.ServiceType;
import io.mcphub.core.stack.Stack;
import io.mcphub.deploy.runtime.Subscription;
import io.mcphub.gateway.UpstreamInstance;
import io.mcphub.gateway.UpstreamService;
import io.mcphub.gateway.Upstreams;
import io.mcphub.hub.agents.AgentLinks;
import io.mcphub.hub.cluster.ChangeFeed;
import io.mcphub.hub.cluster.Deployments;
import io.mcphub.hub.cluster.InstanceRecord;
import io.mcphub.hub.cluster.InstanceStatus;
import io.mcphub.hub.cluster.Instances;
import io.mcphub.hub.cluster.NodeRecord;
import io.mcphub.hub.cluster.Nodes;
import io.mcphub.hub.cluster.StackRecord;
import io.mcphub.store.Store;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deployed MCP services as the gateway sees them, read from desired and actual state: every {@code type: mcp}
 * service of every stack, its instances with their health, and where each is reached — the node's bridge for a
 * stdio server, the instance's own port for one that speaks HTTP, the url of one the hub does not run. A change
 * under any of those keys (or in the gateway's groups) is passed on to the gateway.
 */
final class ClusterUpstreams implements Upstreams, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterUpstreams.class);

    private final Deployments deployments;
    private final Instances instances;
    private final Nodes nodes;
    private final AgentLinks agents;
    private final Supplier<GatewaySettings> settings;
    private final ChangeFeed feed;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final Thread watcher;

    ClusterUpstreams(Store store, Deployments deployments, Instances instances, Nodes nodes, AgentLinks agents,
                     Supplier<GatewaySettings> settings) {
        this.agents = agents;
        this.deployments = deployments;
        this.instances = instances;
        this.nodes = nodes;
        this.settings = settings;
        // The gateway document is not watched here: its groups change what services() says only once HubGateway has
        // re-read it, which then calls changed().
        this.feed = new ChangeFeed(store, List.of(Deployments.STACKS, Instances.PREFIX, Instances.STATUS, Nodes.PREFIX));
        this.watcher = feed.follow("gateway-upstreams", feed.revision(), this::changed);
    }

    @Override
    public List<UpstreamService> services() {
        List<Named> all = new ArrayList<>();
        for (StackRecord record : deployments.stacks()) {
            Stack stack = deployments.parse(record);
            stack.services().values().stream().filter(s -> s.type() == ServiceType.MCP)
                    .forEach(s -> all.add(new Named(record.name(), s)));
        }
        Map<String, Long> byName = new HashMap<>();
        all.forEach(n -> byName.merge(n.spec().name(), 1L, Long::sum));
        Map<String, NodeRecord> nodeRecords = new HashMap<>();
        nodes.list().forEach(n -> nodeRecords.put(n.name(), n));
        List<InstanceRecord> placed = instances.list();
        Map<String, InstanceStatus> statuses = instances.statuses();
        List<UpstreamService> services = new ArrayList<>();
        for (Named n : all) {
            // a name two stacks share is qualified by its stack, so neither hides the other
            String name = byName.get(n.spec().name()) > 1 ? n.stack() + "-" + n.spec().name() : n.spec().name();
            try {
                services.add(new UpstreamService(name, settings.get().groupsOf(name), instancesOf(n, placed, statuses, nodeRecords)));
            } catch (IllegalArgumentException e) {
                LOG.warn("service {}/{} is not offered by the gateway: {}", n.stack(), n.spec().name(), e.getMessage());
            }
        }
        return services;
    }

    private record Named(String stack, ServiceSpec spec) {}

    private List<UpstreamInstance> instancesOf(Named n, List<InstanceRecord> placed, Map<String, InstanceStatus> statuses,
                                               Map<String, NodeRecord> nodeRecords) {
        ServiceSpec spec = n.spec();
        if (spec.url() != null) {
            return List.of(new UpstreamInstance(n.stack() + "-" + spec.name() + "-external", null, URI.create(spec.url()), true));
        }
        List<UpstreamInstance> out = new ArrayList<>();
        for (InstanceRecord i : placed) {
            if (!i.stack().equals(n.stack()) || !i.service().equals(spec.name())) {
                continue;
            }
            Optional<InstanceStatus> status = Optional.ofNullable(statuses.get(i.id()));
            NodeRecord node = nodeRecords.get(i.node());
            // the hub's way to the node's listener: what it reported, or an SSH node's tunnel (absent while down)
            URI bridge = node == null ? null : reachable(node);
            if (bridge == null) {
                continue;
            }
            boolean healthy = status.map(s -> s.healthyRunning(i.runHash())).orElse(false) && nodes.isUp(i.node());
            McpEndpoints.of(spec, i, status.orElse(null), bridge)
                    .ifPresent(uri -> out.add(new UpstreamInstance(i.id(), i.node(), uri, healthy)));
        }
        return out;
    }

    private URI reachable(NodeRecord node) {
        try {
            return agents.base(node).orElse(null);
        } catch (io.mcphub.core.error.ProblemException down) {
            return null; // e.g. an SSH node whose tunnel is down: its instances are not offered until it is back
        }
    }

    /** Tells the gateway to read {@link #services()} again. */
    void changed() {
        listeners.forEach(Runnable::run);
    }

    @Override
    public Subscription onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void close() {
        watcher.interrupt();
        feed.close();
    }
}
