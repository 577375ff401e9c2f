package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged term frequencies (with valid page checksums, so only the content is hostile): every byte
 * of a small index's postings and dictionary altered, and the postings cut short, must either read
 * back as valid postings or fail with a {@link FormatException} naming the file, never another
 * exception or an allocation sized by the damage.
 */
class FrequencyCorruptionTest {
  @TempDir static Path tmp;
  static Path clean;

  /** wx in 300 docs (three blocks, L0 headers) with frequencies 1-3; wy in 50 (one bare block); wz once, 5 times. */
  @BeforeAll
  static void build() throws IOException {
    clean = tmp.resolve("clean");
    LocalIndexBuilder b = new LocalIndexBuilder(clean, tmp.resolve("work"), new IndexOptions(1, 10), BuildOptions.defaults());
    ShardBuilder s = b.newShard();
    for (long d = 0; d < 300; d++) {
      int words = 0;
      for (int k = 0; k <= d % 3; k++, words++) s.addTerm(d, Terms.word("wx"));
      if (d < 50) for (int k = 0; k < 1 + (d & 1); k++, words++) s.addTerm(d, Terms.word("wy"));
      if (d == 7) for (int k = 0; k < 5; k++, words++) s.addTerm(d, Terms.word("wz"));
      s.addDocument(new DocRecord(d, 0, d * 10, 10, words));
    }
    b.finish();
  }

  static int expectedFreq(String word, long d) {
    return switch (word) {
      case "wx" -> (int) (d % 3) + 1;
      case "wy" -> (int) (d & 1) + 1;
      default -> 5;
    };
  }

  @Test
  void cleanFrequenciesReadBack() throws IOException {
    try (IndexReader r = IndexReader.open(clean, ReaderOptions.defaults())) {
      for (String w : new String[] {"wx", "wy", "wz"}) {
        PostingsIterator it = r.postings(Terms.word(w));
        long n = 0;
        for (long d = it.nextDoc(); d != DocIdIterator.NO_MORE_DOCS; d = it.nextDoc(), n++) {
          assertEquals(expectedFreq(w, d), it.freq(), w + " in " + d);
        }
        assertEquals(w.equals("wx") ? 300 : w.equals("wy") ? 50 : 1, n);
      }
    }
  }

  /** Reads every posting and frequency; true if it read without error. */
  static boolean readAll(Path dir) throws IOException {
    try (IndexReader r = IndexReader.open(dir, new ReaderOptions(1 << 20))) {
      TermCursor c = r.termsWithPrefix(new byte[0]);
      while (c.next()) {
        PostingsIterator it = r.postings(c.term());
        while (it.nextDoc() != DocIdIterator.NO_MORE_DOCS) assertTrue(it.freq() >= 1);
      }
      r.search(Query.parse("wx OR wy OR wz"), 10, null, SortOrder.SCORE);
      return true;
    }
  }

  static Path copy(String name) throws IOException {
    Path d = Files.createDirectories(tmp.resolve(name));
    try (Stream<Path> s = Files.list(clean)) {
      for (Path p : (Iterable<Path>) s::iterator) Files.copy(p, d.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
    return d;
  }

  @Test
  void everyAlteredByteOfPostingsAndDictionaryFailsCleanly() throws IOException {
    for (String name : new String[] {"p00000.post", "p00000.dict"}) {
      byte[] logical = PagedFiles.logical(clean.resolve(name));
      int end = (int) PagedFiles.footerOffset(logical);
      int failed = 0;
      Path d = copy("flip-" + name);
      for (int at = IndexFormat.HEADER_BYTES; at < end; at++) {
        for (int x : new int[] {0x01, 0x80, 0xFF}) {
          byte[] b = logical.clone();
          b[at] ^= (byte) x;
          PagedFiles.writeLogical(d.resolve(name), b);
          try {
            readAll(d);
          } catch (FormatException e) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
            failed++;
          }
        }
      }
      assertTrue(failed > 0, name);
    }
  }

  @Test
  void postingsCutShortFailCleanly() throws IOException {
    byte[] logical = PagedFiles.logical(clean.resolve("p00000.post"));
    int end = (int) PagedFiles.footerOffset(logical);
    for (int cut = IndexFormat.HEADER_BYTES; cut < end; cut += 7) {
      Path d = copy("cut" + cut);
      byte[] shorter = PagedFiles.withFooter(Arrays.copyOf(trailerAt(logical, cut), cut + 16), new byte[0], IndexFormat.MAGIC_POSTINGS);
      PagedFiles.writeLogical(d.resolve("p00000.post"), shorter);
      CorruptionTest.rewriteManifestSize(d, "p00000.post", Files.size(clean.resolve("p00000.post")), Files.size(d.resolve("p00000.post")));
      FormatException e = assertThrows(FormatException.class, () -> readAll(d), "cut at " + cut);
      assertTrue(e.getMessage().contains("p00000.post"), e.getMessage());
    }
  }

  /** logical[0, cut) followed by a trailer whose footer offset is cut (withFooter reads it). */
  private static byte[] trailerAt(byte[] logical, int cut) {
    byte[] b = Arrays.copyOf(logical, cut + 16);
    for (int i = 0; i < 8; i++) b[cut + i] = (byte) ((long) cut >>> (56 - 8 * i));
    return b;
  }
}
