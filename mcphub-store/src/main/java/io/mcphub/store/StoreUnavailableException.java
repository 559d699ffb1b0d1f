package io.mcphub.store;

/**
 * The backend could not be reached in time (etcd down or partitioned, for instance). Unlike other store failures this
 * one is transient: the same call may succeed once the backend is back.
 */
public class StoreUnavailableException extends StoreException {

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
