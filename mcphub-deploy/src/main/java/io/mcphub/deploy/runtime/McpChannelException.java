package io.mcphub.deploy.runtime;

/** The MCP server cannot take or finish a request: no process is up, or it ended while the request was open. */
public class McpChannelException extends RuntimeException {
    public McpChannelException(String message) {
        super(message);
    }

    public McpChannelException(String message, Throwable cause) {
        super(message, cause);
    }
}
