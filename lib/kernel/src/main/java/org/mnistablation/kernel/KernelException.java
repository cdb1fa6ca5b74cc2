package org.mnistablation.kernel;

/**
 * An error in a cell. It carries no stack trace of its own: basekernel turns an exception's stack into the
 * Jupyter traceback, and the kernel's internals would only hide the message a student needs.
 */
final class KernelException extends Exception {

    KernelException(String message) {
        super(message, null, false, false);
    }
}
