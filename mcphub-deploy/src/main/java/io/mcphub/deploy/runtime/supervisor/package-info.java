/**
 * Runtime-neutral supervision: one {@link io.mcphub.deploy.runtime.supervisor.Supervisor} thread per instance
 * starts its {@link io.mcphub.deploy.runtime.supervisor.Workload} (a process tree, a container), does the MCP
 * handshake for stdio servers, runs health checks, restarts per policy with backoff and stops it gracefully.
 */
package io.mcphub.deploy.runtime.supervisor;
