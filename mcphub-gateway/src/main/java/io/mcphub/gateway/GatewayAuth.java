package io.mcphub.gateway;

/** Turns the bearer token of a request into a caller. Every gateway request is authenticated, each on its own. */
@FunctionalInterface
public interface GatewayAuth {

    /**
     * @throws Refused when the token is unknown, expired, revoked or malformed; its message goes to the client
     *                 (so it must not carry the token or other secrets)
     */
    Caller authenticate(String bearerToken) throws Refused;

    /** A token the gateway must not accept; the client gets 401 with the message. */
    final class Refused extends Exception {
        public Refused(String message) {
            super(message);
        }
    }
}
