package io.mcphub.hub.gateway;

import io.javalin.config.RoutesConfig;
import io.mcphub.config.ConfigCenter;
import io.mcphub.gateway.CallAudit;
import io.mcphub.gateway.Gateway;
import io.mcphub.hub.settings.LiveDocument;
import io.mcphub.hub.agents.AgentLinks;
import io.mcphub.hub.cluster.Deployments;
import io.mcphub.hub.cluster.Instances;
import io.mcphub.hub.cluster.Nodes;
import io.mcphub.security.audit.AuditLog;
import io.mcphub.security.auth.Authenticator;
import io.mcphub.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP gateway as the hub runs it: the hub's deployments as its upstreams, the hub's tokens and RBAC as its
 * auth, the hub's audit trail, the nodes' mutual TLS towards instances, and groups and rate limits from the
 * {@code gateway} configuration document, re-read whenever it is published (no restart).
 */
public final class HubGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubGateway.class);

    private final LiveDocument<GatewaySettings> settings;
    private final ClusterUpstreams upstreams;
    private final Gateway gateway;

    /** @param calls told of every tool call besides the audit trail (the hub's metrics) */
    public HubGateway(Store store, ConfigCenter config, Deployments deployments, Instances instances, Nodes nodes,
                      AgentLinks agents, Authenticator authenticator, AuditLog audit, io.mcphub.hub.cluster.Draining draining,
                      CallAudit calls) {
        this.settings = new LiveDocument<>(store, config, GatewaySettings.KEY, GatewaySettings::parse, GatewaySettings.NONE);
        this.upstreams = new ClusterUpstreams(store, deployments, instances, nodes, agents, settings::current);
        GatewayAudit audited = new GatewayAudit(audit);
        this.gateway = Gateway.builder(upstreams, new HubGatewayAuth(authenticator))
                .audit(event -> {
                    audited.record(event); // first, and it catches its own failures: nothing may cost a call its audit event
                    calls.record(event);
                })
                .rateLimiter(new ConfiguredRateLimiter(settings::current))
                .tls(agents::sslContext)
                .build();
        draining.routeWith(new io.mcphub.hub.cluster.Draining.Router() {
            @Override
            public void drain(String instanceId) {
                gateway.drain(instanceId);
            }

            @Override
            public void resume(String instanceId) {
                gateway.resume(instanceId);
            }

            @Override
            public int inFlight(String instanceId) {
                return gateway.inFlight(instanceId);
            }

            @Override
            public boolean routable(String instanceId) {
                return gateway.routable(instanceId);
            }
        });
        settings.onChange(now -> {
            upstreams.changed(); // groups may have changed what the gateway offers at /mcp/g/GROUP
            LOG.info("gateway settings reloaded: {} groups, {} rate limits", now.groups().size(), now.rateLimits().size());
        });
    }

    /** Mounts {@code /mcp}, {@code /mcp/g/GROUP}, {@code /mcp/s/SERVICE} and the legacy SSE routes. */
    public void routes(RoutesConfig routes) {
        gateway.routes(routes);
    }

    /** Open MCP sessions of clients with the gateway. */
    public int sessionCount() {
        return gateway.sessionCount();
    }

    /** Policies or tokens changed: what callers may see may have changed with them. */
    public void visibilityChanged() {
        gateway.visibilityChanged();
    }

    @Override
    public void close() {
        settings.close();
        gateway.close();
        upstreams.close();
    }
}
