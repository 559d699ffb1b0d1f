package io.mcphub.gateway.downstream;

/**
 * A request could not be completed by an instance. {@link Kind} tells the router whether another instance may try.
 */
public final class DownstreamException extends RuntimeException {

    public enum Kind {
        /** Nothing reached the server (connection refused, session gone, instance not ready): any request may retry. */
        UNREACHABLE,
        /** The connection broke after the request was sent: only requests without side effects may retry. */
        LOST,
        /** The instance answered, but not as MCP says (an HTTP error, a body that is no JSON-RPC): no retry. */
        PROTOCOL
    }

    private final Kind kind;

    public DownstreamException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public DownstreamException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}
