package io.mcphub.hub.gateway;

import io.javalin.config.RoutesConfig;
import io.mcphub.config.ConfigCenter;
import io.mcphub.core.error.ProblemException;
import io.mcphub.gateway.CallAudit;
import io.mcphub.gateway.Gateway;
import io.mcphub.hub.agents.AgentLinks;
import io.mcphub.hub.cluster.ChangeFeed;
import io.mcphub.hub.cluster.Deployments;
import io.mcphub.hub.cluster.Instances;
import io.mcphub.hub.cluster.Nodes;
import io.mcphub.security.audit.AuditLog;
import io.mcphub.security.auth.Authenticator;
import io.mcphub.store.Store;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP gateway as the hub runs it: the hub's deployments as its upstreams, the hub's tokens and RBAC as its
 * auth, the hub's audit trail, the nodes' mutual TLS towards instances, and groups and rate limits from the
 * {@code gateway} configuration document, re-read whenever it is published (no restart).
 */
public final class HubGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HubGateway.class);

    private final ConfigCenter config;
    private final ChangeFeed settingsFeed;
    private final ClusterUpstreams upstreams;
    private final Gateway gateway;
    private final Thread settingsWatcher;
    private volatile GatewaySettings settings;
    private volatile boolean closed;

    /** @param calls told of every tool call besides the audit trail (the hub's metrics) */
    public HubGateway(Store store, ConfigCenter config, Deployments deployments, Instances instances, Nodes nodes,
                      AgentLinks agents, Authenticator authenticator, AuditLog audit, CallAudit calls) {
        this.config = config;
        this.settings = load();
        this.settingsFeed = new ChangeFeed(store, List.of(ConfigCenter.headKey(GatewaySettings.KEY)));
        this.upstreams = new ClusterUpstreams(store, deployments, instances, nodes, agents, () -> settings);
        GatewayAudit audited = new GatewayAudit(audit);
        this.gateway = Gateway.builder(upstreams, new HubGatewayAuth(authenticator))
                .audit(event -> {
                    audited.record(event); // first, and it catches its own failures: nothing may cost a call its audit event
                    calls.record(event);
                })
                .rateLimiter(new ConfiguredRateLimiter(() -> settings))
                .tls(agents::sslContext)
                .build();
        this.settingsWatcher = Thread.ofVirtual().name("gateway-settings").start(this::watchSettings);
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

    private GatewaySettings load() {
        try {
            return GatewaySettings.parse(config.get(GatewaySettings.KEY, null, false).json());
        } catch (ProblemException e) {
            if (e.type() != io.mcphub.core.error.ProblemType.NOT_FOUND) {
                LOG.error("ignoring the gateway settings: {}; fix them with 'mcphub config set {} -f FILE'", e.detail(),
                        GatewaySettings.KEY);
            }
            return settings == null ? GatewaySettings.NONE : settings;
        }
    }

    private void watchSettings() {
        long seen = settingsFeed.revision();
        while (!closed) {
            try {
                long now = settingsFeed.awaitAfter(seen, Duration.ofSeconds(30));
                if (now != seen) {
                    seen = now;
                    settings = load();
                    upstreams.changed(); // groups may have changed what the gateway offers at /mcp/g/GROUP
                    LOG.info("gateway settings reloaded: {} groups, {} rate limits", settings.groups().size(),
                            settings.rateLimits().size());
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        settingsWatcher.interrupt();
        gateway.close();
        upstreams.close();
        settingsFeed.close();
    }
}
