package org.mnistablation.train;

import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A run of floats in native memory owned by an ND4J array, seen two ways: as a {@link FloatPointer} for OpenBLAS and
 * as a {@link FloatBuffer} for element-wise loops in Java. Both are views: writing through either changes the array.
 */
final class NativeFloats {

    final FloatPointer pointer;
    final FloatBuffer buffer;
    final int length;
    /**
     * The array whose memory this views, held so that the memory lives as long as any view of it: a pointer does not
     * keep its array reachable, and ND4J frees an array's memory once the array is collected. StepTimer dropped its
     * networks after building their engines, and the steps then wrote into freed memory ("corrupted double-linked
     * list" in Task 08's kernel, C2 crashing on the corrupted heap).
     */
    private final INDArray owner;

    private NativeFloats(FloatPointer pointer, FloatBuffer buffer, int length, INDArray owner) {
        this.pointer = pointer;
        this.buffer = buffer;
        this.length = length;
        this.owner = owner;
    }

    /** A whole dense, non-view float array. */
    static NativeFloats of(INDArray array) {
        if (array.dataType() != DataType.FLOAT || array.isView() || array.length() != array.data().length()) {
            throw new IllegalArgumentException("need a dense, non-view float array, got " + array.shapeInfoToString());
        }
        FloatPointer whole = new FloatPointer(array.data().addressPointer());
        whole.position(0);
        return slice(whole, 0, (int) array.length(), array);
    }

    /** Elements {@code [offset, offset + length)} of a dense float array. */
    static NativeFloats view(INDArray array, long offset, int length) {
        return of(array).slice((int) offset, length);
    }

    /** Elements {@code [offset, offset + length)} of this slice, as a slice of its own. */
    NativeFloats slice(int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > this.length) {
            throw new IllegalArgumentException("slice [" + offset + ", " + (offset + length) + ") outside " + this.length);
        }
        return slice(pointer, pointer.position() + offset, length, owner);
    }

    /** A pointer and buffer over {@code length} floats from element {@code start} of {@code base}'s memory. */
    private static NativeFloats slice(FloatPointer base, long start, int length, INDArray owner) {
        FloatPointer p = new FloatPointer(base);
        p.capacity(start + length);
        p.limit(start + length);
        p.position(start);
        FloatBuffer buffer = p.asBuffer();
        if (buffer.capacity() != length) {
            throw new IllegalStateException("native view has " + buffer.capacity() + " floats, expected " + length);
        }
        return new NativeFloats(p, buffer, length, owner);
    }

    /** A new zero-filled float array of {@code length} elements (closed by the caller). */
    static INDArray allocate(long length) {
        return Nd4j.create(DataType.FLOAT, length);
    }
}
