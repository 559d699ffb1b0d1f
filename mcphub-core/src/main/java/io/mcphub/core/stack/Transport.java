package io.mcphub.core.stack;

/** How the gateway speaks MCP to a server. */
public enum Transport implements Spelled {
    STDIO(null),
    STREAMABLE_HTTP("/mcp"),
    SSE("/sse");

    private final String defaultPath;

    Transport(String defaultPath) {
        this.defaultPath = defaultPath;
    }

    /** Where the server's MCP endpoint is by convention; null for stdio, which has none. */
    public String defaultPath() {
        return defaultPath;
    }

    public boolean overHttp() {
        return this != STDIO;
    }
}
