package io.mcphub.hub.gateway;

import io.mcphub.gateway.CallAudit;
import io.mcphub.gateway.CallEvent;
import io.mcphub.security.audit.AuditEvent;
import io.mcphub.security.audit.AuditLog;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every tool call through the gateway becomes an audit event ({@code mcp.tool.call}) in the same hash-chained trail
 * as the API's: actor, {@code SERVICE/TOOL} as the resource, the instance, the duration and the outcome. Arguments
 * go in only when the gateway is set to audit them, and then masked.
 */
final class GatewayAudit implements CallAudit {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayAudit.class);
    static final String ACTION = "mcp.tool.call";

    private final AuditLog audit;

    GatewayAudit(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void record(CallEvent e) {
        // MCP_DEBUG=1 (or 'log level --service=gateway --level=debug') shows every call as it passes, never its arguments
        LOG.debug("mcp call actor={} tool={}/{} instance={} outcome={} durationMs={}", e.actor(), e.service(), e.tool(),
                e.instance(), e.outcome(), e.duration().toMillis());
        AuditEvent.Builder event = AuditEvent.builder(ACTION)
                .actor(e.actor(), "gateway")
                .resource((e.service() == null ? "?" : e.service()) + "/" + e.tool())
                .label("mcp.session", e.session())
                .label("mcp.duration_ms", Long.toString(e.duration().toMillis()))
                .label("mcp.outcome", e.outcome().name().toLowerCase(Locale.ROOT));
        if (e.instance() != null) {
            event.label("mcp.instance", e.instance());
        }
        if (e.arguments() != null) {
            event.label("mcp.arguments", e.arguments().toString());
        }
        if (e.outcome() == CallEvent.Outcome.OK) {
            event.success();
        } else {
            event.failure(e.error() == null ? e.outcome().name().toLowerCase(Locale.ROOT) : e.error());
        }
        try {
            audit.append(event.build());
        } catch (RuntimeException failed) {
            LOG.error("the audit trail refused a tool call event of {}: {}", e.actor(), failed.getMessage());
        }
    }
}
