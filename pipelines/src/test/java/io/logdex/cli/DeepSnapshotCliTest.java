package io.logdex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.index.IndexFormat;
import io.logdex.format.index.IndexReader;
import io.logdex.format.index.TermCursor;
import io.logdex.transforms.BuildOutput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots nested tens of thousands deep: they build, every level reads back with {@code get} and
 * {@code read-at} (past the path-term cap through the nearest indexed ancestor), and the index's
 * path terms stop at the cap, so the term bytes written do not grow as the depth doubles.
 */
class DeepSnapshotCliTest {
  private static final int DEPTH = 20_000;
  @TempDir static Path tmp;
  static Path objects;
  static Path arrays;

  /** {"a":{"a":...{"a":"leaf"}...}} and [[...["leaf"]...]], depth levels of containers. */
  static String objectChain(int depth) {
    return "{\"a\":".repeat(depth) + "\"leaf\"" + "}".repeat(depth);
  }

  static String arrayChain(int depth) {
    return "[".repeat(depth) + "\"leaf\"" + "]".repeat(depth);
  }

  static Path build(String name, String json, String... extra) throws Exception {
    Path in = tmp.resolve(name + ".json");
    Files.writeString(in, json, StandardCharsets.UTF_8);
    Path out = tmp.resolve(name);
    String[] args = {"build", "--snapshots=" + in + "@0", "--output=" + out, "--maxSubDocumentBytes=8192"};
    String[] all = new String[args.length + extra.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    BuildCliTest.Run r = BuildCliTest.logdex(all);
    assertEquals(0, r.code(), r.err());
    return out;
  }

  @BeforeAll
  static void buildBoth() throws Exception {
    objects = build("objects", objectChain(DEPTH));
    arrays = build("arrays", arrayChain(DEPTH));
  }

  static String objectPath(int depth) {
    return depth == 0 ? "" : "a" + ".a".repeat(depth - 1);
  }

  static String arrayPath(int depth) {
    return "[0]".repeat(depth);
  }

  @Test
  void getReturnsTheBytesAtEveryDepth() {
    // Within the cap (a term of its own), just past it, in a container record and a sub-document,
    // and the deepest value of all.
    for (int d : new int[] {0, 1, 2000, 2048, 2049, 3000, 10_000, DEPTH - 5, DEPTH}) {
      BuildCliTest.Run r = BuildCliTest.logdex("get", "--index=" + objects, objectPath(d));
      assertEquals(ExitCode.OK, r.code(), d + ": " + r.err());
      assertEquals(objectChain(DEPTH - d), r.out().strip(), "objects at depth " + d);
      r = BuildCliTest.logdex("get", "--index=" + arrays, arrayPath(d));
      assertEquals(ExitCode.OK, r.code(), d + ": " + r.err());
      assertEquals(arrayChain(DEPTH - d), r.out().strip(), "arrays at depth " + d);
    }
  }

  @Test
  void deepPathsThatDoNotExistAreNotFoundInOneLine() {
    for (String p : new String[] {objectPath(DEPTH) + ".a", objectPath(5000) + ".b", objectPath(5000) + "[0]"}) {
      BuildCliTest.Run r = BuildCliTest.logdex("get", "--index=" + objects, p);
      assertEquals(ExitCode.NOT_FOUND, r.code(), r.err());
      assertEquals(1, r.err().strip().split("\n").length, r.err());
      assertTrue(r.err().length() < 400, r.err());
    }
    BuildCliTest.Run r = BuildCliTest.logdex("get", "--index=" + arrays, arrayPath(DEPTH - 1) + "[1]");
    assertEquals(ExitCode.NOT_FOUND, r.code(), r.err());
  }

  @Test
  void readAtPastTheCapReadsTheSnapshot() {
    BuildCliTest.Run r = BuildCliTest.logdex("read-at", "--index=" + objects, "--commit=0", objectPath(DEPTH - 3));
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertEquals(objectChain(3), r.out().strip());
    r = BuildCliTest.logdex("read-at", "--index=" + objects, "--commit=0", objectPath(DEPTH) + ".x");
    assertEquals(ExitCode.NOT_FOUND, r.code(), r.err());
  }

  @Test
  void pathTermsStopAtTheCap() throws Exception {
    try (BuildOutput o = BuildOutput.open(objects)) {
      PathTerms t = PathTerms.of(o.index());
      // "a" + 2047 × ".a" is 4095 bytes; one more level would be 4097.
      assertEquals(2048 + 1, t.count, "the root and 2048 levels");
      assertEquals(1 + 4095, t.longest);
    }
    try (BuildOutput o = BuildOutput.open(arrays)) {
      PathTerms t = PathTerms.of(o.index());
      assertEquals(IndexFormat.MAX_PATH_BYTES / 3 + 1, t.count); // [0] is 3 bytes
      assertTrue(t.longest <= 1 + IndexFormat.MAX_PATH_BYTES);
    }
  }

  /**
   * Linearity without a clock: doubling the depth doubles the nodes, but the path-term bytes the
   * index holds stay the same (every level past the cap writes none), and the postings grow by
   * the nodes added (one record per container record, no more).
   */
  @Test
  void termBytesDoNotGrowWithDepth() throws Exception {
    Path half = build("half", objectChain(DEPTH / 2));
    try (BuildOutput small = BuildOutput.open(half); BuildOutput big = BuildOutput.open(objects)) {
      PathTerms a = PathTerms.of(small.index());
      PathTerms b = PathTerms.of(big.index());
      assertEquals(a.bytes, b.bytes);
      assertEquals(a.count, b.count);
      long docsA = small.index().manifest().docs();
      long docsB = big.index().manifest().docs();
      // Each level past the sub-document is one container record: docs grow with the levels added.
      assertTrue(docsB - docsA <= DEPTH / 2 + 1 && docsB - docsA >= DEPTH / 2 - 8192 / 5,
          docsA + " -> " + docsB);
    }
  }

  @Test
  void deeplyNestedQueryIsOneLineError() {
    String q = "(".repeat(10_000) + "leaf" + ")".repeat(10_000);
    BuildCliTest.Run r = BuildCliTest.logdex("search", "--index=" + objects, q);
    assertEquals(ExitCode.USAGE, r.code(), r.err());
    assertEquals(1, r.err().strip().split("\n").length, r.err());
    assertTrue(r.err().contains("column 257"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }

  /** Count, total bytes and longest of an index's path terms. */
  record PathTerms(long count, long bytes, int longest) {
    static PathTerms of(IndexReader index) throws Exception {
      TermCursor c = index.pathsWithPrefix("");
      long count = 0;
      long bytes = 0;
      int longest = 0;
      while (c.next()) {
        int n = c.term().length;
        count++;
        bytes += n;
        longest = Math.max(longest, n);
      }
      return new PathTerms(count, bytes, longest);
    }
  }
}
