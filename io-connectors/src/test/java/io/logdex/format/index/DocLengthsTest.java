package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.logdex.format.FormatException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs.len against a model: every document's word count comes back exactly, whether its block's
 * docIds are consecutive or not, for lengths from 0 to 2^31 - 1 (PFOR exceptions), looked up in
 * ascending order (the cursor's next-block path), at random (the block index) and for docIds the
 * table lacks, which a match must not be (IndexFuzzTest damages the file).
 */
class DocLengthsTest {
  @TempDir Path tmp;

  @Test
  void lengthsRoundTripExactly() throws IOException {
    Random r = new Random(3);
    TreeMap<Long, Integer> model = new TreeMap<>();
    long doc = 0;
    for (int i = 0; i < 5000; i++) {
      doc += r.nextInt(4) == 0 ? 1 + r.nextInt(r.nextBoolean() ? 3 : 1 << 20) : 1; // runs with gaps
      int len = r.nextInt(50) == 0 ? r.nextInt(Integer.MAX_VALUE) : r.nextInt(8) == 0 ? 0 : 20 + r.nextInt(12);
      if (i == 77) len = Integer.MAX_VALUE;
      model.put(doc, len);
    }
    Path dir = tmp.resolve("d");
    java.nio.file.Files.createDirectories(dir);
    DocTableWriter w = new DocTableWriter(dir);
    DocEntry e = new DocEntry();
    for (var m : model.entrySet()) {
      e.docId = m.getKey();
      e.wordCount = m.getValue();
      e.commit = DocRecord.ABSENT;
      e.seq = DocRecord.ABSENT;
      w.add(e);
    }
    DocTableSummary s = w.finish();
    try (PagedFile f = PagedFile.open(dir.resolve(IndexFormat.DOC_LENGTHS_FILE), IndexFormat.MAGIC_LENGTHS, new PageCache(1 << 20), 0)) {
      DocLengths lengths = DocLengths.open(f);
      assertEquals(model.size(), lengths.docs);
      assertEquals(s.totalWords(), lengths.totalWords);
      assertEquals(model.values().stream().mapToInt(Integer::intValue).min().getAsInt(), lengths.minLength);
      DocLengths.Cursor c = lengths.new Cursor();
      for (var m : model.entrySet()) {
        long d = m.getKey();
        if (!model.containsKey(d - 1)) assertEquals(-1, c.length(d - 1), "absent doc " + (d - 1));
        assertEquals(m.getValue(), c.length(d), "doc " + d);
      }
      List<Long> keys = new ArrayList<>(model.keySet());
      DocLengths.Cursor any = lengths.new Cursor();
      for (int i = 0; i < 3000; i++) {
        long d = keys.get(r.nextInt(keys.size()));
        assertEquals(model.get(d), any.length(d));
        long absent = d + 1 + r.nextInt(3);
        if (!model.containsKey(absent)) assertEquals(-1, any.length(absent));
      }
      assertEquals(-1, any.length(-5));
      assertEquals(-1, any.length(model.lastKey() + 1));
      assertThrows(FormatException.class, () -> lengths.new Cursor().ofMatch(model.lastKey() + 1));
    }
  }
}
