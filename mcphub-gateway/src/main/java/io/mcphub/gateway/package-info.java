/**
 * The MCP gateway's public face: {@link io.mcphub.gateway.Gateway} and the small interfaces the hub implements —
 * {@link io.mcphub.gateway.Upstreams} (services and instances), {@link io.mcphub.gateway.GatewayAuth} and
 * {@link io.mcphub.gateway.Caller} (who calls, what they may use and call), {@link io.mcphub.gateway.CallAudit}
 * (every tool call), {@link io.mcphub.gateway.RateLimiter} and {@link io.mcphub.gateway.DownstreamTls}. Everything
 * under {@code core} and {@code downstream} is internal.
 */
package io.mcphub.gateway;
