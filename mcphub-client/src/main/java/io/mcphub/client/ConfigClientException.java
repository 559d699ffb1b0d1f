package io.mcphub.client;

/** A request the hub refused or could not answer, with a sentence that says what to do. */
public class ConfigClientException extends RuntimeException {

    private final int status;

    public ConfigClientException(int status, String message) {
        super(message);
        this.status = status;
    }

    public ConfigClientException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
    }

    /** The HTTP status the hub answered, 0 when it could not be reached. */
    public int status() {
        return status;
    }
}
