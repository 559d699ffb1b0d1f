package io.mcphub.gateway;

import javax.net.ssl.SSLContext;

/**
 * The TLS the gateway uses towards an instance: the hub's client certificate and trust in exactly that node's
 * agent certificate. Asked once per node (the result is kept, with the HTTP client built on it).
 */
@FunctionalInterface
public interface DownstreamTls {

    /** Plain HTTP only, for tests and single-machine setups where bridges listen on loopback. */
    DownstreamTls NONE = node -> null;

    /** The context for instances on {@code node}; null for plain HTTP. */
    SSLContext forNode(String node);
}
