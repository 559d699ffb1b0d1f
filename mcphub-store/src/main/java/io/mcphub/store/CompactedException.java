package io.mcphub.store;

/**
 * A watch asked for a revision older than the store keeps. Like Kubernetes' 410 Gone: the caller should re-read the
 * current state (at {@link #currentRevision()} or later) and watch from there.
 */
public class CompactedException extends StoreException {

    private final long requestedRevision;
    private final long compactRevision;

    public CompactedException(long requestedRevision, long compactRevision) {
        super("revision " + requestedRevision + " has been compacted (oldest kept is " + (compactRevision + 1)
                + "); read the current state and watch from its revision");
        this.requestedRevision = requestedRevision;
        this.compactRevision = compactRevision;
    }

    public long requestedRevision() {
        return requestedRevision;
    }

    /** Every revision up to and including this one is gone. */
    public long compactRevision() {
        return compactRevision;
    }
}
