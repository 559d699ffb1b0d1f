package io.mcphub.hub.cluster;

import io.mcphub.core.Json;
import io.mcphub.core.error.ProblemException;
import io.mcphub.core.error.ProblemType;
import io.mcphub.core.text.Suggestions;
import io.mcphub.store.KeyValue;
import io.mcphub.store.Store;
import io.mcphub.store.StoreException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Joined nodes and their liveness. Liveness is a key attached to a store lease that each heartbeat renews, as
 * Nomad and Kubernetes node leases do: if a node stops heartbeating for {@link #LEASE_TTL}, the store itself deletes
 * the key, every hub replica sees the node go down through its watch, and the reconciler moves its instances.
 */
public final class Nodes {

    public static final String PREFIX = "/mcphub/nodes/";
    public static final String ALIVE = "/mcphub/alive/";
    public static final Duration LEASE_TTL = Duration.ofSeconds(15);

    private final Store store;

    public Nodes(Store store) {
        this.store = store;
    }

    public void register(NodeRecord node) {
        store.put(PREFIX + node.name(), Json.bytes(node));
        heartbeat(node.name());
    }

    /**
     * Renews the lease of the node's liveness key, or grants a new one if it expired (the node had been marked
     * down). The lease is found through the key itself, so any hub replica can take any heartbeat.
     */
    public void heartbeat(String name) {
        Optional<KeyValue> alive = store.get(ALIVE + name);
        if (alive.isPresent() && alive.get().lease() != 0) {
            try {
                store.keepAlive(alive.get().lease());
                return;
            } catch (StoreException expiredMeanwhile) {
                // grant a fresh lease below
            }
        }
        store.put(ALIVE + name, new byte[] {1}, store.grantLease(LEASE_TTL));
    }

    public void update(NodeRecord node) {
        store.put(PREFIX + node.name(), Json.bytes(node));
    }

    public Optional<NodeRecord> find(String name) {
        return store.get(PREFIX + name).map(kv -> Json.read(kv.value(), NodeRecord.class));
    }

    public NodeRecord require(String name) {
        return find(name).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "no node \"" + name + "\""
                + Suggestions.hint(name, list().stream().map(NodeRecord::name).toList()) + "; list nodes with 'mcphub node list'"));
    }

    public List<NodeRecord> list() {
        return store.range(PREFIX).kvs().stream().map(kv -> Json.read(kv.value(), NodeRecord.class)).toList();
    }

    public boolean isUp(String name) {
        return store.get(ALIVE + name).isPresent();
    }

    /** Names of the nodes whose lease is alive. */
    public List<String> up() {
        return store.range(ALIVE).kvs().stream().map(KeyValue::key).map(k -> k.substring(ALIVE.length())).toList();
    }

    public void remove(String name) {
        store.get(ALIVE + name).filter(kv -> kv.lease() != 0).ifPresent(kv -> store.revokeLease(kv.lease()));
        store.delete(PREFIX + name);
    }
}
