package io.mcphub.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;

/**
 * One {@code tools/call} through the gateway, whatever became of it.
 *
 * @param actor the caller's name
 * @param session the caller's gateway session
 * @param service the service named, or null when the tool name matched none
 * @param tool the tool as the service knows it (not namespaced); as the client sent it when it matched none
 * @param instance the instance that answered (or failed); null when the call never left the gateway
 * @param duration from the request's arrival to its answer
 * @param error what went wrong, for every outcome but {@link Outcome#OK}; never the arguments
 * @param arguments null unless the gateway is set to audit arguments, and then with secret-looking values masked
 */
public record CallEvent(Instant at, String actor, String session, String service, String tool, String instance,
                        Duration duration, Outcome outcome, String error, JsonNode arguments) {

    public enum Outcome {
        /** The tool answered. */
        OK,
        /** The tool answered with {@code isError: true}. */
        TOOL_ERROR,
        /** The caller may not call the tool. */
        DENIED,
        /** The {@link RateLimiter} said no. */
        RATE_LIMITED,
        /** No such tool for this caller, or malformed parameters. */
        INVALID,
        /** The instance answered with a JSON-RPC error, could not be reached or went away mid-call. */
        FAILED,
        /** No answer within the call timeout; the request was cancelled downstream. */
        TIMEOUT,
        /** The client cancelled the call or went away; the request was cancelled downstream. */
        CANCELLED
    }
}
