/**
 * Running instances on a node, behind one small SPI: a {@link io.mcphub.deploy.runtime.Runtime} starts an
 * {@link io.mcphub.deploy.runtime.InstanceSpec} and hands back an {@link io.mcphub.deploy.runtime.Instance} that
 * reports its state, pid, restarts, logs and, for stdio MCP servers, the protocol channel. {@code process} is the
 * bare-metal runtime; Docker and Kubernetes runtimes plug in beside it.
 */
package io.mcphub.deploy.runtime;
