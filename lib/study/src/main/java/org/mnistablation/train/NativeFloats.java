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

    private NativeFloats(FloatPointer pointer, FloatBuffer buffer, int length) {
        this.pointer = pointer;
        this.buffer = buffer;
        this.length = length;
    }

    /** Elements {@code [offset, offset + length)} of a dense float array. */
    static NativeFloats view(INDArray array, long offset, int length) {
        if (array.dataType() != DataType.FLOAT || array.isView() || array.length() != array.data().length()) {
            throw new IllegalArgumentException("need a dense, non-view float array, got " + array.shapeInfoToString());
        }
        if (offset < 0 || offset + length > array.length()) {
            throw new IllegalArgumentException("slice [" + offset + ", " + (offset + length) + ") outside an array of "
                    + array.length());
        }
        FloatPointer base = new FloatPointer(array.data().addressPointer());
        FloatPointer slice = new FloatPointer(base);
        slice.capacity(offset + length);
        slice.limit(offset + length);
        slice.position(offset);
        FloatBuffer buffer = slice.asBuffer();
        if (buffer.capacity() != length) {
            throw new IllegalStateException("native view has " + buffer.capacity() + " floats, expected " + length);
        }
        return new NativeFloats(slice, buffer, length);
    }

    /** Elements {@code [offset, offset + length)} of this slice, as a slice of its own. */
    NativeFloats slice(int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > this.length) {
            throw new IllegalArgumentException("slice [" + offset + ", " + (offset + length) + ") outside " + this.length);
        }
        long start = pointer.position() + offset;
        FloatPointer p = new FloatPointer(pointer);
        p.capacity(start + length);
        p.limit(start + length);
        p.position(start);
        return new NativeFloats(p, p.asBuffer(), length);
    }

    /** A whole array as one slice. */
    static NativeFloats of(INDArray array) {
        return view(array, 0, (int) array.length());
    }

    /** A new zero-filled float array of {@code length} elements (closed by the caller). */
    static INDArray allocate(long length) {
        return Nd4j.create(DataType.FLOAT, length);
    }
}
