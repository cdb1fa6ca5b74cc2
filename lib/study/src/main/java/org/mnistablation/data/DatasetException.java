package org.mnistablation.data;

/** A data file is missing, damaged or not what the study expects; the message says what to do. */
public final class DatasetException extends RuntimeException {

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
