/**
 * The bare-metal runtime: one supervisor thread per instance owns its OS process tree (start, MCP handshake,
 * health checks, restarts with backoff, SIGTERM-then-SIGKILL stop of every descendant).
 */
package io.mcphub.deploy.runtime.process;
