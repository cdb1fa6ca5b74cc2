package org.mnistablation.kernel;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Passes output through until a byte budget is spent, then writes one notice and drops the rest. */
final class BoundedPrintStream extends PrintStream {

    private long remaining;
    private boolean noticed;
    private final PrintStream target;

    BoundedPrintStream(PrintStream target, long limitBytes) {
        super(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        this.target = target;
        this.remaining = limitBytes;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) {
        if (remaining >= len) {
            target.write(buf, off, len);
            remaining -= len;
            return;
        }
        if (remaining > 0) {
            target.write(buf, off, (int) remaining);
            remaining = 0;
        }
        if (!noticed) {
            noticed = true;
            target.print("\n[output truncated: this cell printed more than the kernel keeps; "
                    + "print less or write to a file]\n");
        }
    }

    @Override
    public void flush() {
        target.flush();
    }
}
