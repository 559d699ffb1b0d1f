package io.mcphub.security.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mcphub.security.audit.AuditVerifier.Verification;
import io.mcphub.store.KeyValue;
import java.util.Iterator;

/**
 * Checks a run of events, file lines or stored values alike, and names the first that breaks the chain. Checks go in
 * the order that gives the most precise answer: readable, in sequence, hash matches content, linked to the previous
 * event. An event whose content was changed and its hash recomputed passes its own check but breaks the link, so the
 * link failure is blamed on the previous event.
 */
final class ChainWalker {

    /** One event's text and where it came from: a file line ({@code line > 0}) or a store key. */
    record Entry(int line, String key, String text, boolean cutShort) {

        static Entry line(int line, String text, boolean cutShort) {
            return new Entry(line, null, text, cutShort);
        }

        static Entry stored(KeyValue kv) {
            return new Entry(0, kv.key(), kv.valueAsString(), false);
        }

        String place() {
            return line > 0 ? "line " + line : "key " + key;
        }

        String place(long sequence) {
            return line > 0 ? "line " + line + " (event " + sequence + ")" : "event " + sequence;
        }

        String where() {
            return line > 0 ? "on line " + line : "under key " + key;
        }
    }

    /** Whether the run must start at event 1 (the store); a file may start later, after rotation. */
    private final boolean fromGenesis;
    private long events;
    private long firstSequence;
    private long lastSequence;
    private String lastHash;
    private Entry lastEntry;

    ChainWalker(boolean fromGenesis) {
        this.fromGenesis = fromGenesis;
    }

    Verification walk(Iterator<Entry> entries) {
        while (entries.hasNext()) {
            Verification failure = check(entries.next(), entries);
            if (failure != null) {
                return failure;
            }
        }
        return Verification.passed(events, firstSequence);
    }

    long lastSequence() {
        return lastSequence;
    }

    String lastHash() {
        return lastHash;
    }

    Verification fail(long sequence, int line, String reason) {
        return Verification.failed(events, sequence, line, reason, firstSequence);
    }

    private Verification check(Entry e, Iterator<Entry> rest) {
        long expected = events > 0 ? lastSequence + 1 : fromGenesis ? 1 : -1;
        ObjectNode doc = AuditChain.parse(e.text());
        if (doc == null) {
            return fail(expected, e.line(), e.place() + ": not valid JSON"
                    + (e.cutShort() ? " — the line is cut short (the file does not end with a newline)" : ""));
        }
        long seq = AuditChain.sequence(doc);
        String hash = AuditChain.hash(doc);
        String previous = AuditChain.previousHash(doc);
        if (seq < 0 || hash == null || previous == null) {
            return fail(expected, e.line(), e.place() + ": not an audit event (event.sequence, event.hash or "
                    + "mcphub.audit.previous_hash is missing or malformed)");
        }
        if (expected > 0 && seq != expected) {
            return fail(expected, e.line(), e.place() + ": expected event " + expected + " but found " + seq + " — "
                    + gap(expected, seq, rest));
        }
        if (!AuditChain.contentHash(doc).equals(hash)) {
            return fail(seq, e.line(), e.place(seq) + ": hash does not match its content — the event was altered");
        }
        if (events > 0 && !previous.equals(lastHash)) {
            return fail(lastSequence, lastEntry.line(), lastEntry.place(lastSequence) + ": the next event ("
                    + e.place(seq) + ") does not chain to its hash — event " + lastSequence
                    + " was altered and re-hashed, or replaced");
        }
        if (seq == 1 && !previous.equals(AuditChain.GENESIS)) {
            return fail(seq, e.line(), e.place(seq) + ": the first event must chain to 64 zeros — the event was "
                    + "altered and re-hashed");
        }
        if (events++ == 0) {
            firstSequence = seq;
        }
        lastSequence = seq;
        lastHash = hash;
        lastEntry = e;
        return null;
    }

    /** Tells a missing event from a moved one by looking for it further on (only when the chain is already broken). */
    private static String gap(long expected, long found, Iterator<Entry> rest) {
        if (found < expected) {
            return "event " + found + " appears twice: an event was inserted or repeated";
        }
        while (rest.hasNext()) {
            Entry later = rest.next();
            ObjectNode doc = AuditChain.parse(later.text());
            if (doc != null && AuditChain.sequence(doc) == expected) {
                return "event " + expected + " is out of order (it is " + later.where() + ")";
            }
        }
        return found == expected + 1 ? "event " + expected + " is missing"
                : "events " + expected + " to " + (found - 1) + " are missing";
    }
}
