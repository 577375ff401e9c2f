package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link IndexReader#allDocs()} against the fixture's model, and on a damaged doc table. */
class DocRecordIteratorTest {
  @TempDir Path tmp;

  private IndexFixture build(long seed, int docs, String name) throws IOException {
    IndexFixture f = IndexFixture.generate(seed, docs);
    f.build(tmp.resolve(name), tmp.resolve(name + "-work"), new IndexOptions(3, 10), new BuildOptions(64 * 1024, 3), 4, seed);
    return f;
  }

  @Test
  void everyRecordInDocIdOrderForRandomCorpora() throws IOException {
    Random rnd = new Random(5);
    for (int round = 0; round < 6; round++) {
      int n = round == 0 ? 1 : 1 + rnd.nextInt(round < 3 ? 300 : 6000);
      IndexFixture f = build(rnd.nextLong(), n, "r" + round);
      // A cache of two pages: iteration must not depend on pages staying resident.
      try (IndexReader r = IndexReader.open(tmp.resolve("r" + round), new ReaderOptions(2 * IndexFormat.PAGE_BYTES))) {
        List<DocRecord> got = new ArrayList<>();
        DocRecordIterator it = r.allDocs();
        for (DocRecord d = it.next(); d != null; d = it.next()) got.add(d);
        assertEquals(new ArrayList<>(f.docs.values()), got, "round " + round + ", " + n + " docs");
        assertNull(it.next(), "stays exhausted");
      }
    }
  }

  @Test
  void iteratorsAreIndependentOfEachOtherAndOfLookups() throws IOException {
    IndexFixture f = build(17, 4000, "i");
    List<DocRecord> want = new ArrayList<>(f.docs.values());
    try (IndexReader r = IndexReader.open(tmp.resolve("i"), new ReaderOptions(3 * IndexFormat.PAGE_BYTES))) {
      DocRecordIterator a = r.allDocs();
      DocRecordIterator b = r.allDocs();
      Random rnd = new Random(9);
      int ia = 0;
      int ib = 0;
      while (ia < want.size() || ib < want.size()) {
        if (rnd.nextBoolean() && ia < want.size()) {
          assertEquals(want.get(ia++), a.next());
        } else if (ib < want.size()) {
          assertEquals(want.get(ib++), b.next());
        }
        DocRecord probe = want.get(rnd.nextInt(want.size()));
        assertEquals(probe, r.docRecord(probe.docId()));
      }
      assertNull(a.next());
      assertNull(b.next());
    }
  }

  @Test
  void aDamagedDocTablePageIsAnErrorNamingTheFileNotAShortIteration() throws IOException {
    build(23, 6000, "d");
    Path table = tmp.resolve("d").resolve(IndexFormat.DOC_TABLE_FILE);
    assertTrue(Files.size(table) > 3L * IndexFormat.PAGE_BYTES, "the table must span pages: " + Files.size(table));
    // The second page holds only doc blocks (the header is on the first, the footer and block
    // index at the end), so the reader opens and the damage is met by the iteration.
    CorruptionTest.flip(table, IndexFormat.PAGE_BYTES + 100);
    try (IndexReader r = IndexReader.open(tmp.resolve("d"), new ReaderOptions(1 << 20))) {
      DocRecordIterator it = r.allDocs();
      FormatException e = assertThrows(FormatException.class, () -> {
        while (it.next() != null) {
          // drain
        }
      });
      assertTrue(e.getMessage().contains(IndexFormat.DOC_TABLE_FILE), e.getMessage());
    }
  }
}
