package io.mcphub.core.error;

/** The kinds of problem the API reports, each with its HTTP status and RFC 9457 type URI. */
public enum ProblemType {
    BAD_REQUEST(400, "Bad request"),
    UNAUTHORIZED(401, "Unauthorized"),
    FORBIDDEN(403, "Forbidden"),
    NOT_FOUND(404, "Not found"),
    CONFLICT(409, "Version conflict"),
    GONE(410, "Gone"),
    TOO_LARGE(413, "Request too large"),
    INVALID_DOCUMENT(422, "Invalid document"),
    SCHEMA_VIOLATION(422, "Schema violation"),
    TOO_MANY_REQUESTS(429, "Too many requests"),
    NODE_UNREACHABLE(502, "Node unreachable"),
    UNAVAILABLE(503, "Store unavailable"),
    NOT_READY(504, "Not ready in time"),
    INTERNAL(500, "Internal error");

    private final int status;
    private final String title;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** A URN rather than a URL: stable, and no promise of a web page behind it. */
    public String uri() {
        return "urn:mcphub:problem:" + name().toLowerCase().replace('_', '-');
    }
}
