package io.mcphub.client;

/** Receives a watched document's versions: the current one at once, then each new one, in order, each once. */
@FunctionalInterface
public interface ConfigListener {

    void onVersion(ConfigDocument document);

    /**
     * The watch cannot go on by itself (the token was revoked, the key's permission withdrawn); it has stopped.
     * Outages of the hub are not reported here: the watch reconnects and resumes on its own.
     */
    default void onError(ConfigClientException error) {}
}
