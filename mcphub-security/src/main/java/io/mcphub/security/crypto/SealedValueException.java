package io.mcphub.security.crypto;

/** A sealed value could not be opened: wrong master key, wrong context, or tampering. */
public class SealedValueException extends RuntimeException {

    public SealedValueException(String message) {
        super(message);
    }
}
