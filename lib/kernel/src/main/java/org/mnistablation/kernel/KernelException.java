package org.mnistablation.kernel;

/** An error in a cell, reported to Jupyter with this message only (no kernel stack trace). */
final class KernelException extends Exception {

    KernelException(String message) {
        super(message);
    }
}
