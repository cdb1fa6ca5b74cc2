package org.mnistablation.image;

/** A custom digit image cannot be used; the message names the file and says why. */
public final class DigitImageException extends RuntimeException {

    public DigitImageException(String message) {
        super(message);
    }

    public DigitImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
