/**
 * MCP over a process's stdin and stdout without the SDK: newline-delimited JSON-RPC with ids of the channel's own,
 * the once-per-process handshake, and the relay that keeps one channel object across process restarts.
 */
package io.mcphub.deploy.runtime.mcp;
