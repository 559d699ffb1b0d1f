package io.mcphub.deploy.plan;

/** What happens to one instance: created on a node with a runtime (and why there), deleted, or kept. */
public record InstanceChange(Action action, String instanceId, String node, String runtime, String why) {

    public enum Action { CREATE, DELETE, KEEP }
}
