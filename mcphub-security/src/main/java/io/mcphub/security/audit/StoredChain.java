package io.mcphub.security.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.mcphub.core.Json;
import io.mcphub.store.KeyValue;
import io.mcphub.store.Store;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The chain as kept in the store: one key per event, {@code /mcphub/audit/events/%016d}, and a head key naming the
 * last sequence and hash. Readers walk it one block of {@value #BLOCK} keys at a time — a block is exactly the keys
 * sharing their first 13 digits, so one prefix range fetches it — which keeps memory flat however long the trail.
 */
final class StoredChain {

    static final String EVENTS = "/mcphub/audit/events/";
    static final String HEAD = "/mcphub/audit/head";
    static final int BLOCK = 1000;

    /** The last appended event as recorded by the head key, with the key's mod revision for compare-and-swap. */
    record Head(long sequence, String hash, long modRevision) {
        static final Head EMPTY = new Head(0, AuditChain.GENESIS, 0);

        byte[] value() {
            return Json.bytes(Map.of("sequence", sequence, "hash", hash));
        }
    }

    private StoredChain() {}

    static String eventKey(long sequence) {
        return EVENTS + String.format("%016d", sequence);
    }

    static Head head(Store store) {
        Optional<KeyValue> kv = store.get(HEAD);
        if (kv.isEmpty()) {
            return Head.EMPTY;
        }
        JsonNode node = Json.tree(kv.get().value());
        return new Head(node.path("sequence").asLong(), node.path("hash").asText(), kv.get().modRevision());
    }

    /** Stored events with sequence {@code from..to} inclusive, oldest first. */
    static Iterator<KeyValue> ascending(Store store, long from, long to) {
        return new Blocks(store, from, to, true);
    }

    /** Stored events with sequence {@code from..to} inclusive, newest first. */
    static Iterator<KeyValue> descending(Store store, long from, long to) {
        return new Blocks(store, from, to, false);
    }

    private static long sequenceOf(KeyValue kv) {
        try {
            return Long.parseLong(kv.key().substring(EVENTS.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static final class Blocks implements Iterator<KeyValue> {

        private final Store store;
        private final long from;
        private final long to;
        private final boolean ascending;
        private long nextBlock;
        private Iterator<KeyValue> current = Collections.emptyIterator();

        Blocks(Store store, long from, long to, boolean ascending) {
            this.store = store;
            this.from = Math.max(from, 0);
            this.to = to;
            this.ascending = ascending;
            this.nextBlock = (ascending ? this.from : to) / BLOCK;
        }

        @Override
        public boolean hasNext() {
            while (!current.hasNext() && from <= to && nextBlock >= from / BLOCK && nextBlock <= to / BLOCK) {
                current = fetch(nextBlock).iterator();
                nextBlock += ascending ? 1 : -1;
            }
            return current.hasNext();
        }

        @Override
        public KeyValue next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return current.next();
        }

        private List<KeyValue> fetch(long block) {
            List<KeyValue> kvs = new ArrayList<>();
            for (KeyValue kv : store.range(EVENTS + String.format("%013d", block)).kvs()) {
                long seq = sequenceOf(kv);
                if (seq >= from && seq <= to) {
                    kvs.add(kv);
                }
            }
            if (!ascending) {
                Collections.reverse(kvs);
            }
            return kvs;
        }
    }
}
