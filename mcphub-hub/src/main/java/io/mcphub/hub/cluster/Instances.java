package io.mcphub.hub.cluster;

import io.mcphub.core.Json;
import io.mcphub.store.Op;
import io.mcphub.store.Store;
import java.util.List;
import java.util.Optional;

/** Placed instances (desired state) and their reported status (actual state). */
public final class Instances {

    public static final String PREFIX = "/mcphub/instances/";
    public static final String STATUS = "/mcphub/status/";

    private final Store store;

    public Instances(Store store) {
        this.store = store;
    }

    public List<InstanceRecord> list() {
        return store.range(PREFIX).kvs().stream().map(kv -> Json.read(kv.value(), InstanceRecord.class)).toList();
    }

    public List<InstanceRecord> ofStack(String stack) {
        return list().stream().filter(i -> i.stack().equals(stack)).toList();
    }

    public List<InstanceRecord> onNode(String node) {
        return list().stream().filter(i -> i.node().equals(node)).toList();
    }

    public Optional<InstanceRecord> find(String id) {
        return store.get(PREFIX + id).map(kv -> Json.read(kv.value(), InstanceRecord.class));
    }

    /** Every reported status by instance id, in one read: for views over all instances. */
    public java.util.Map<String, InstanceStatus> statuses() {
        java.util.Map<String, InstanceStatus> all = new java.util.HashMap<>();
        store.range(STATUS).kvs().forEach(kv -> {
            InstanceStatus s = Json.read(kv.value(), InstanceStatus.class);
            all.put(s.id(), s);
        });
        return all;
    }

    public Optional<InstanceStatus> status(String id) {
        return store.get(STATUS + id).map(kv -> Json.read(kv.value(), InstanceStatus.class));
    }

    /**
     * Stores what an agent reported, unless nothing that matters changed since the last report (state, pid, port,
     * restarts, run hash, config versions): heartbeats repeat themselves every few seconds, and each write would wake
     * every long-polling agent. Returns the status it replaced when it stored one (empty if none or nothing changed).
     */
    public Optional<InstanceStatus> report(InstanceStatus status) {
        if (store.get(PREFIX + status.id()).isEmpty()) { // a late report of a deleted instance must not resurrect it
            return Optional.empty();
        }
        Optional<InstanceStatus> before = status(status.id());
        boolean same = before.map(old -> old.state().equals(status.state()) && java.util.Objects.equals(old.pid(), status.pid())
                && java.util.Objects.equals(old.port(), status.port()) && old.restarts() == status.restarts()
                && java.util.Objects.equals(old.runHash(), status.runHash()) && old.config().equals(status.config())).orElse(false);
        if (same) {
            return Optional.empty();
        }
        store.put(STATUS + status.id(), Json.bytes(status));
        return before;
    }

    /**
     * The services an instance waits for: those it depends on that have no healthy instance yet. Dependencies start
     * first — an instance is handed to its agent only once every service it depends on has one healthy instance.
     */
    public List<String> waitingFor(InstanceRecord instance, List<InstanceRecord> all) {
        List<String> waiting = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode dep : instance.spec().path("dependsOn")) {
            boolean healthy = all.stream().filter(i -> i.stack().equals(instance.stack()) && i.service().equals(dep.asText()))
                    .anyMatch(i -> status(i.id()).map(s -> s.state().equals("healthy")).orElse(false));
            if (!healthy) {
                waiting.add(dep.asText());
            }
        }
        return waiting;
    }

    static Op put(InstanceRecord instance) {
        return Op.put(PREFIX + instance.id(), Json.bytes(instance));
    }

    static List<Op> delete(String id) {
        return List.of(Op.delete(PREFIX + id), Op.delete(STATUS + id));
    }

    /** The revision agents long-poll on: any change under the instances prefix. */
    public long revision() {
        return store.range(PREFIX).revision();
    }
}
