package io.mcphub.store.support;

import io.mcphub.store.Op;
import io.mcphub.store.StoreException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Rules on transactions that both stores enforce the same way. */
public final class TxnChecks {

    private TxnChecks() {}

    /**
     * etcd refuses a transaction that puts a key twice, or puts and deletes the same key ("duplicate key given in txn
     * request"); the embedded store applies the same rule so that code tested on one runs on the other.
     */
    public static void rejectDuplicateKeys(List<Op> ops) {
        Set<String> puts = new HashSet<>();
        Set<String> deletes = new HashSet<>();
        for (Op op : ops) {
            boolean clash = switch (op) {
                case Op.Put put -> !puts.add(put.key()) || deletes.contains(put.key());
                case Op.Delete delete -> deletes.add(delete.key()) && puts.contains(delete.key());
            };
            if (clash) {
                throw new StoreException("a transaction may not put a key twice, nor put and delete it: "
                        + key(op) + " (etcd refuses this too)");
            }
        }
    }

    private static String key(Op op) {
        return switch (op) {
            case Op.Put put -> put.key();
            case Op.Delete delete -> delete.key();
        };
    }
}
