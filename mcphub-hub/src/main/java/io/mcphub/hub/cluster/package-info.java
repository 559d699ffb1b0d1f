/**
 * The cluster as the hub keeps it in the store — desired state (stacks, services, placed instances) written by
 * {@code apply}, and actual state (nodes, their liveness, instance status) reported by agents. Layout:
 * {@code /mcphub/nodes/NAME} (registration and fingerprint), {@code /mcphub/alive/NAME} (attached to a lease that
 * the node's heartbeats renew: a node whose key has vanished is down), {@code /mcphub/stacks/NAME} (the spec as
 * applied), {@code /mcphub/instances/ID} (a placement), {@code /mcphub/status/ID} (what the agent last reported).
 */
package io.mcphub.hub.cluster;
