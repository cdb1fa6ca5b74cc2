package org.mnistablation.kernel.runtime;

/** Hands the object of a cell's last expression from JShell code to the kernel (both run in one JVM). */
public final class Results {

    /** Marks "no value" (a statement, a declaration, a void call). */
    public static final Object NONE = new Object();

    private static final ThreadLocal<Object> LAST = ThreadLocal.withInitial(() -> NONE);
    private static volatile Object shared = NONE;

    private Results() {
    }

    public static void put(Object value) {
        shared = value;
        LAST.set(value);
    }

    public static void clear() {
        shared = NONE;
    }

    public static Object take() {
        Object v = shared;
        shared = NONE;
        return v;
    }
}
