package io.mcphub.hub.cluster;

import io.mcphub.core.Json;
import io.mcphub.store.Op;
import io.mcphub.store.Store;
import java.util.List;
import java.util.Optional;

/** Placed instances (desired state) and their reported status (actual state). */
public final class Instances {

    public static final String PREFIX = "/mcphub/instances/";
    static final String STATUS = "/mcphub/status/";

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

    public Optional<InstanceStatus> status(String id) {
        return store.get(STATUS + id).map(kv -> Json.read(kv.value(), InstanceStatus.class));
    }

    public void report(InstanceStatus status) {
        if (store.get(PREFIX + status.id()).isPresent()) { // a late report of a deleted instance must not resurrect it
            store.put(STATUS + status.id(), Json.bytes(status));
        }
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
