package io.mcphub.gateway;

/**
 * Where the gateway reports every tool call. The hub writes them to its audit trail. Called on the thread that
 * finished the call, after the client was answered, so a slow audit sink does not slow calls down, but it should
 * not block for long either.
 */
@FunctionalInterface
public interface CallAudit {

    CallAudit NONE = event -> { };

    void record(CallEvent event);
}
