/**
 * The stdio bridge: every stdio MCP instance on an agent gets an HTTP address ({@code /instances/{id}/mcp}) that
 * speaks MCP's Streamable HTTP transport, so the gateway reaches stdio and HTTP servers alike. {@link
 * io.mcphub.deploy.bridge.BridgeServer} is the agent's one HTTP server; {@link io.mcphub.deploy.bridge.StdioBridge}
 * serves one instance and multiplexes many client sessions onto its single process.
 */
package io.mcphub.deploy.bridge;
