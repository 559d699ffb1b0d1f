package io.mcphub.store;

/** Any failure of the store; the message says what happened and what the operator can do. */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
