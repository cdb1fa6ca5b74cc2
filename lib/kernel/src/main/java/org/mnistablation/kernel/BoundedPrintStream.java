package org.mnistablation.kernel;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The stream a cell's System.out/err write to: passes output on whole lines at a time (so a saved notebook holds a
 * few stream entries, not one per print call) until a byte budget is spent, then writes one notice and drops the
 * rest. {@link #flush()} passes on a partial last line.
 */
final class BoundedPrintStream extends PrintStream {

    private final PrintStream target;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long remaining;
    private boolean noticed;

    BoundedPrintStream(PrintStream target, long limitBytes) {
        super(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        this.target = target;
        this.remaining = limitBytes;
    }

    @Override
    public synchronized void write(int b) {
        write(new byte[]{(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) {
        pending.write(buf, off, len);
        byte[] all = pending.toByteArray();
        int lastNewline = -1;
        for (int i = all.length - 1; i >= 0; i--) {
            if (all[i] == '\n') {
                lastNewline = i;
                break;
            }
        }
        if (lastNewline >= 0 || all.length > 64 * 1024) {
            int upTo = lastNewline >= 0 ? lastNewline + 1 : all.length;
            pending.reset();
            pending.write(all, upTo, all.length - upTo);
            emit(all, upTo);
        }
    }

    private void emit(byte[] buf, int len) {
        if (len == 0) {
            return;
        }
        if (remaining >= len) {
            target.write(buf, 0, len);
            remaining -= len;
        } else {
            if (remaining > 0) {
                target.write(buf, 0, (int) remaining);
                remaining = 0;
            }
            if (!noticed) {
                noticed = true;
                target.print("\n[output truncated: this cell printed more than the kernel keeps ("
                        + JavaKernel.OUTPUT_LIMIT + " bytes); print less or write to a file]\n");
            }
        }
        target.flush();
    }

    @Override
    public synchronized void flush() {
        byte[] rest = pending.toByteArray();
        pending.reset();
        emit(rest, rest.length);
    }
}
