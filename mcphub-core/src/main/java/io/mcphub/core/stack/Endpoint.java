package io.mcphub.core.stack;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * How the gateway reaches a service: its transport, and where it listens (a port on each instance, or a fixed url
 * for a server the hub does not run). Each field that contradicts the transport or type is reported once, with
 * the reason that matters most.
 */
record Endpoint(Transport transport, String url, String path, Integer port) {

    private static final String TO_HTTP = " or set transport: streamable-http";

    boolean external() {
        return url != null;
    }

    static Endpoint read(SpecObject s, ServiceType type) {
        Optional<Transport> given = s.choice("transport", Transport.class, "transport");
        String url = url(s);
        Transport transport = type == ServiceType.HTTP ? null
                : given.orElse(s.has("url") ? Transport.STREAMABLE_HTTP : Transport.STDIO);
        Integer port = port(s);
        String path = path(s);
        boolean stdio = transport == Transport.STDIO;
        if (type == ServiceType.HTTP && s.has("transport")) {
            s.report("transport", "an http service is not an MCP server, so it has no transport; remove transport "
                    + "or set type: mcp");
        }
        if (stdio && s.has("url")) {
            s.report("url", "a stdio server is reached through its standard input and output, not a URL; remove url"
                    + TO_HTTP);
        }
        if (s.has("port")) {
            if (stdio) {
                s.report("port", "a stdio server does not listen on a port; remove port" + TO_HTTP);
            } else if (s.has("url")) {
                s.report("port", "the url already says where the server listens; remove port");
            }
        }
        if (s.has("path")) {
            if (type == ServiceType.HTTP) {
                s.report("path", "is the MCP endpoint of an MCP server, which an http service is not; remove path "
                        + "(health.path sets where its health is checked)");
            } else if (stdio) {
                s.report("path", "a stdio server has no HTTP endpoint; remove path" + TO_HTTP);
            } else if (s.has("url")) {
                s.report("path", "the url already includes the endpoint's path; remove path");
            }
        }
        boolean deployedOverHttp = transport != null && transport.overHttp() && url == null;
        return new Endpoint(transport, url, deployedOverHttp ? (path == null ? transport.defaultPath() : path) : null,
                port);
    }

    private static String url(SpecObject s) {
        return s.require("url", s.text("url"), Endpoint::isHttpUrl,
                url -> Quote.of(url) + " is not an http:// or https:// URL, e.g. https://mcp.example.com/mcp")
                .orElse(null);
    }

    private static boolean isHttpUrl(String url) {
        try {
            URI uri = new URI(url);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static Integer port(SpecObject s) {
        return s.require("port", s.whole("port"), port -> port >= 1 && port <= 65535,
                        port -> port + " is not a port; use 1 to 65535, or leave port out to get a free one")
                .map(Long::intValue).orElse(null);
    }

    private static String path(SpecObject s) {
        return s.require("path", s.text("path"), path -> path.startsWith("/"),
                path -> Quote.of(path) + " must start with '/', e.g. /" + path).orElse(null);
    }
}
