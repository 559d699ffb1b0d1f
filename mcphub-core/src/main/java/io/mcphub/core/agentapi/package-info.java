/**
 * The messages between the hub and its agents (JSON over mutual TLS, except the join itself, which is how an agent
 * gets its certificate). Both sides share these records so the protocol has one definition.
 *
 * <ul>
 *   <li>{@code POST /api/v1/nodes/join} — {@link JoinRequest} → {@link JoinResponse} (open route; the one-time token is
 *       the credential);</li>
 *   <li>{@code POST /agent/v1/heartbeat} — {@link Heartbeat} → {@link HeartbeatAnswer}: renews the node's lease and
 *       reports every instance;</li>
 *   <li>{@code GET /agent/v1/assignments?after=REV} — long poll → {@link Assignments}: what should run on the node,
 *       answered as soon as it changes after {@code REV} (or after 25 s with the same revision).</li>
 * </ul>
 */
package io.mcphub.core.agentapi;
