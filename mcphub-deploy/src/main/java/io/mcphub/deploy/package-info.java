/**
 * The deployment engine's parts that need no hub, each behind a small interface: {@code probe} (what a node is and
 * has, one probe per concern as in Nomad's client/fingerprint), {@code scheduler} (pure placement logic: feasibility,
 * then spread), {@code plan} (desired against current state), {@code runtime} (process today; Docker and Kubernetes
 * plug in beside it) and {@code bridge} (stdio MCP servers served over Streamable HTTP).
 */
package io.mcphub.deploy;
