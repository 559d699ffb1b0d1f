package io.mcphub.deploy.ssh;

/** An SSH step that failed, with a message that says what to do about it, and why it failed for callers to map. */
public final class SshException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Reason {
        /** Nothing answered, or not in time: a wrong host or port, a firewall, sshd not running. */
        UNREACHABLE,
        /** The host presented a key that was not pinned and the caller did not accept new keys. */
        HOST_KEY_UNKNOWN,
        /** The host presented a key other than the pinned one. */
        HOST_KEY_MISMATCH,
        /** The host refused the client's key. */
        AUTH_REFUSED,
        /** A command, an upload or a forward failed on a working connection. */
        FAILED
    }

    private final Reason reason;

    public SshException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public SshException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
