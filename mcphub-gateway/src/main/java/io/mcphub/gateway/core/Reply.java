package io.mcphub.gateway.core;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Where the answers to one batch of client requests go: the POST that carried them (Streamable HTTP), or the
 * session's event stream (the legacy HTTP+SSE transport, which answers nothing on the POST itself).
 */
interface Reply {

    /** The answer to one of the requests. */
    void respond(ObjectNode response);

    /**
     * A server message about one of the requests (progress, a server request, a log message while it runs);
     * false when it cannot travel with the answer and must go to the session's stream instead.
     */
    boolean offerRelated(ObjectNode message);

    /** A request forwarded downstream; cancelled if the client goes away before it is answered. */
    void track(Pending pending);
}
