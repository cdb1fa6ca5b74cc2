package org.mnistablation.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.mnistablation.data.LabeledImages;

/** The images' non-zero pixels are listed once per pixel array, and the list is that of the array it is asked for. */
class SparseImagesTest {

    @Test
    void aPixelArrayIsListedOnceAndAnotherArrayGetsItsOwnList() {
        LabeledImages a = Synthetic.images(20, 1);
        LabeledImages b = Synthetic.images(20, 2);
        SparseImages first = SparseImages.listed(a.pixels(), a.count(), a.pixelsPerImage());
        assertSame(first, SparseImages.listed(a.pixels(), a.count(), a.pixelsPerImage()), "the same array: kept");
        SparseImages fresh = SparseImages.of(a.pixels(), a.count(), a.pixelsPerImage());
        assertArrayEquals(fresh.start(), first.start());
        assertArrayEquals(fresh.index(), first.index());
        assertArrayEquals(fresh.value(), first.value());

        SparseImages other = SparseImages.listed(b.pixels(), b.count(), b.pixelsPerImage());
        assertNotSame(first, other);
        assertArrayEquals(SparseImages.of(b.pixels(), b.count(), b.pixelsPerImage()).value(), other.value());

        float[] copy = a.pixels().clone(); // equal values, another array: listed apart
        assertNotSame(first, SparseImages.listed(copy, a.count(), a.pixelsPerImage()));
        SparseImages fewer = SparseImages.listed(a.pixels(), 10, a.pixelsPerImage()); // fewer images: not the kept list
        assertArrayEquals(SparseImages.of(a.pixels(), 10, a.pixelsPerImage()).start(), fewer.start());
    }
}
