package org.mnistablation.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parsed copy gives back exactly what parsing the files gives, and never a stale or damaged copy. */
class ParsedCopyTest {

    @TempDir
    Path dir;

    private static DatasetLocator.Location at(Path d) {
        return new DatasetLocator.Location(DatasetSpec.MNIST, d, "test");
    }

    private static void assertSame(StudySplit a, StudySplit b) {
        assertEquals(a.identity(), b.identity());
        for (var pair : List.of(List.of(a.train(), b.train()), List.of(a.validation(), b.validation()),
                List.of(a.test(), b.test()))) {
            assertArrayEquals(pair.get(0).pixels(), pair.get(1).pixels(), "bit-identical pixels");
            assertArrayEquals(pair.get(0).labels(), pair.get(1).labels());
        }
    }

    private List<Path> copies(Path parsed) throws Exception {
        try (Stream<Path> s = Files.list(parsed)) {
            return s.toList();
        }
    }

    @Test
    void theCopyReadsBackBitIdenticalAndIsUsed() throws Exception {
        Path d = IdxFixtures.dataset(dir.resolve("ds"), 23, 6);
        Path parsed = dir.resolve("parsed");
        StudySplit fromFiles = StudyData.split(at(d), 10);
        StudySplit first = StudyData.split(at(d), 10, parsed);   // parses and writes the copy
        assertSame(fromFiles, first);
        assertEquals(1, copies(parsed).size(), "one copy, no temporary file left");
        assertNotNull(ParsedCopy.read(parsed, at(d)));
        // the copy is what the second load reads: the files' pixels no longer matter once it exists
        StudySplit second = StudyData.split(at(d), 10, parsed);
        assertSame(fromFiles, second);
    }

    @Test
    void aChangedFileIsParsedAfresh() throws Exception {
        Path d = IdxFixtures.dataset(dir.resolve("ds"), 23, 6);
        Path parsed = dir.resolve("parsed");
        StudySplit before = StudyData.split(at(d), 10, parsed);
        IdxFixtures.dataset(d, 23, 7); // another test set in the same folder
        StudySplit after = StudyData.split(at(d), 10, parsed);
        assertNotEquals(before.identity(), after.identity());
        assertEquals(7, after.test().count());
        assertSame(StudyData.split(at(d), 10), after);
    }

    @Test
    void aDamagedCopyIsIgnoredAndReplaced() throws Exception {
        Path d = IdxFixtures.dataset(dir.resolve("ds"), 23, 6);
        Path parsed = dir.resolve("parsed");
        StudySplit good = StudyData.split(at(d), 10, parsed);
        Path copy = ParsedCopy.file(parsed, at(d));
        byte[] bytes = Files.readAllBytes(copy);
        Files.write(copy, java.util.Arrays.copyOf(bytes, bytes.length - 5)); // cut short
        assertNull(ParsedCopy.read(parsed, at(d)));
        assertSame(good, StudyData.split(at(d), 10, parsed));
        assertTrue(ParsedCopy.read(parsed, at(d)) != null, "written again");
    }

    @Test
    void imagesThatAreNotEightBitAreNotCopied() {
        LabeledImages odd = new LabeledImages(new float[]{0.3f, 0f, 0f, 0f}, new int[]{1}, 2, 2);
        assertTrue(!ParsedCopy.write(dir.resolve("parsed"), at(dir), new ParsedCopy.Sets(odd, odd, "x")));
    }
}
