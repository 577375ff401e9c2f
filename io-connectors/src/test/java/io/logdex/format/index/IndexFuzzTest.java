package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.logdex.testing.FuzzRules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A small valid index with one file damaged per input, read through every reader (docs/TESTING.md):
 * term dictionary, postings and payloads, doc table, document lengths and manifest. The input chooses the file and
 * how to damage it: raw bytes (page checksums catch it), the logical content behind valid page
 * checksums (so only the readers' own checks stand between hostile counts and lengths and an
 * allocation or a wrong read), or bytes near the footer, where the counts live; the manifest is
 * edited as text, with or without a refreshed checksum.
 *
 * <p>Properties: only FormatExceptions naming the index directory; an unchanged index reads
 * cleanly; nothing allocates what a damaged count claims (dev/fuzz runs in a 256 MiB heap).
 */
class IndexFuzzTest {
  private static final String[] FILES = {
    "p00000.dict", "p00001.dict", "p00000.post", "p00001.post", "p00000.pay", "docs.table",
    "manifest.json", "docs.len"
  };

  private static IndexFixture fixture;
  private static Path live;
  private static Map<String, byte[]> original;

  @FuzzTest(maxDuration = "5m")
  void damage(FuzzedDataProvider data) throws IOException {
    setUp();
    String name = FILES[data.consumeInt(0, FILES.length - 1)];
    byte[] clean = original.get(name);
    byte[] damaged = damage(name, clean, data);
    Path file = live.resolve(name);
    Files.write(file, damaged);
    try {
      String dir = live.toString();
      boolean read = FuzzRules.readOrReject(dir, () -> readEverything(live));
      boolean verified = FuzzRules.readOrReject(dir, () -> {
        try (IndexReader r = IndexReader.open(live, ReaderOptions.defaults())) {
          r.verify();
        }
      });
      if (Arrays.equals(clean, damaged)) assertTrue(read && verified, "a clean index is refused");
    } finally {
      Files.write(file, clean);
    }
  }

  private static byte[] damage(String name, byte[] clean, FuzzedDataProvider data)
      throws IOException {
    int mode = data.consumeInt(0, 2);
    if (name.equals("manifest.json")) {
      byte[] b = edit(clean, data, false);
      if (mode == 0) return b;
      return CorruptionTest.refreshCrc(new String(b, StandardCharsets.UTF_8))
          .getBytes(StandardCharsets.UTF_8);
    }
    if (mode == 0) {
      byte[] b = edit(clean, data, false);
      // Now and then a file of another length, which the manifest's sizes must catch.
      return data.consumeInt(0, 15) == 0 ? Arrays.copyOf(b, data.consumeInt(0, b.length + 64)) : b;
    }
    Path tmp = Files.createTempFile(live.getParent(), "logical", ".tmp");
    try {
      Files.write(tmp, clean);
      byte[] logical = edit(PagedFiles.logical(tmp), data, mode == 2);
      PagedFiles.writeLogical(tmp, logical);
      return Files.readAllBytes(tmp);
    } finally {
      Files.delete(tmp);
    }
  }

  /** Up to 16 bytes set to chosen values; near the end (footer and trailer) if asked. */
  private static byte[] edit(byte[] clean, FuzzedDataProvider data, boolean nearEnd) {
    byte[] b = clean.clone();
    if (b.length == 0) return b;
    int edits = data.consumeInt(1, 16);
    for (int i = 0; i < edits && data.remainingBytes() > 0; i++) {
      int at = nearEnd
          ? b.length - 1 - data.consumeInt(0, Math.min(b.length - 1, 255))
          : data.consumeInt(0, b.length - 1);
      b[at] = data.consumeByte();
    }
    return b;
  }

  /** Every read path: terms, postings, frequencies and payloads, a negated query, ranked searches, doc records, all docs. */
  static void readEverything(Path dir) throws IOException {
    try (IndexReader r = IndexReader.open(dir, new ReaderOptions(1 << 20))) {
      long[] buf = new long[8];
      TermCursor c = r.termsWithPrefix(new byte[0]);
      for (int terms = 0; terms < 10_000 && c.next(); terms++) {
        r.docFreq(c.term());
        PostingsIterator it = c.postings();
        while (it.nextDoc() != DocIdIterator.NO_MORE_DOCS) {
          it.payload(buf);
          it.freq();
        }
      }
      r.count(Query.parse("-common"));
      r.search(Query.parse("w1 OR w2 OR common"), 5, null, SortOrder.SCORE);
      r.search(Query.parse("common op:GET w1"), 5, null, SortOrder.SCORE);
      r.search(Query.parse("common -op:PUT"), 5, null, SortOrder.TIME);
      r.search(Query.parse("common op:GET"), 5);
      r.search(Query.parse("w1 OR w2 -op:PUT"), 5);
      TermCursor paths = r.pathsWithPrefix("");
      for (int n = 0; n < 1000 && paths.next(); n++) paths.docFreq();
      for (DocRecord d : fixture.records) r.docRecord(d.docId());
      DocRecordIterator all = r.allDocs();
      for (int n = 0; n <= fixture.records.size() && all.next() != null; n++) {}
      r.stats();
    }
  }

  private static synchronized void setUp() throws IOException {
    if (live != null) return;
    Path shm = Path.of("/dev/shm");
    Path root = Files.isDirectory(shm) && Files.isWritable(shm)
        ? Files.createTempDirectory(shm, "logdex-index-fuzz")
        : Files.createTempDirectory("logdex-index-fuzz");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
    fixture = IndexFixture.generate(7, 300);
    Path dir = root.resolve("index");
    fixture.build(dir, root.resolve("work"), new IndexOptions(2, 10),
        new BuildOptions(256 * 1024, 4), 2, 1);
    original = new LinkedHashMap<>();
    for (String n : FILES) original.put(n, Files.readAllBytes(dir.resolve(n)));
    live = dir;
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }
}
