package io.mcphub.gateway.core;

import java.util.List;

/**
 * The MCP protocol versions the gateway speaks to clients. As the spec's lifecycle says: the server answers the
 * version the client asked for if it supports it, else its latest, and the client decides whether to go on.
 * 2024-11-05 is here for clients of the legacy HTTP+SSE transport; its messages differ from 2025-03-26 only in
 * what the gateway passes through.
 */
final class Versions {

    static final String LATEST = "2025-11-25";
    static final List<String> SUPPORTED = List.of(LATEST, "2025-06-18", "2025-03-26", "2024-11-05");
    /** What a request without {@code Mcp-Protocol-Version} is taken to speak, as the transport spec says. */
    static final String ASSUMED = "2025-03-26";

    private Versions() {}

    static String negotiate(String requested) {
        return SUPPORTED.contains(requested) ? requested : LATEST;
    }

    static boolean supported(String version) {
        return SUPPORTED.contains(version);
    }
}
