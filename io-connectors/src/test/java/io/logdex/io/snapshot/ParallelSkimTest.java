package io.logdex.io.snapshot;

import static io.logdex.io.snapshot.SnapshotFixtures.concat;
import static io.logdex.io.snapshot.SnapshotFixtures.replaceAt;
import static io.logdex.io.snapshot.SnapshotFixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.token.TokenizerOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.junit.jupiter.api.Test;

/**
 * The model for the parallel planner is the serial skim (itself checked against the tokenizer by
 * {@link SplitPlannerSkimTest}): with blocks as small as one byte, so that block starts fall in
 * every string, escape, \\uXXXX, number, word and key, and checkpoints at every comma, its points
 * serialize to the same bytes; on bad input it declines, so the serial planner reports the error.
 */
class ParallelSkimTest {
  /** Blocks and checkpoint intervals: every byte a block, then coarser. */
  private static final long[][] SHAPES = {{1, 1}, {2, 3}, {3, 1}, {5, 40}, {8, 8}, {13, 2},
      {64, 1}, {1000, 100}};
  private static final long[] CAPS = {1, 16, 300};
  private static final long[] GRANULARITIES = {1, 100, 1000};

  private Path dir;
  private int files;

  private SnapshotFile.Inspected file(String name, byte[] content) throws IOException {
    if (dir == null) dir = Files.createTempDirectory("parallel-skim");
    Path p = dir.resolve((files++) + "-" + name);
    Files.write(p, content);
    return SnapshotFile.inspect(FileSystems.matchSingleFileSpec(p.toString()), Compression.AUTO);
  }

  private static SnapshotSpec spec(long cap, long granularity, int buffer) {
    return SnapshotSpec.defaults().withMaxSubDocumentBytes(cap).withSplitGranularity(granularity)
        .withTokenizer(TokenizerOptions.defaults().withBufferSize(buffer));
  }

  private static byte[] serialized(List<SplitPoint> points) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(b)) {
      o.writeObject(points.toArray(new SplitPoint[0]));
    }
    return b.toByteArray();
  }

  /**
   * The parallel plan equals the serial skim's for every shape, cap and granularity (and exists
   * for valid input); returns the jumps the walks made.
   */
  private long assertAgrees(String name, byte[] content, long[][] shapes, long[] caps,
      long[] granularities) throws IOException {
    SnapshotFile.Inspected f = file(name, content);
    long jumps = 0;
    for (long cap : caps) {
      for (long g : granularities) {
        SnapshotSpec spec = spec(cap, g, 64 * 1024);
        List<SplitPoint> expected = SplitPlanner.skim(f.file(), null, spec, new long[1]);
        assertNotNull(expected, name);
        for (long[] shape : shapes) {
          String what = name + " cap " + cap + " granularity " + g + " shape "
              + Arrays.toString(shape);
          ParallelSkim.Stats stats = new ParallelSkim.Stats();
          List<SplitPoint> planned = ParallelSkim.plan(f.file(), spec, new long[1],
              new ParallelSkim.Shape(3, shape[0], shape[1], 1), stats);
          assertNotNull(planned, "declined " + what);
          assertEquals(expected.toString(), planned.toString(), what);
          assertArrayEquals(serialized(expected), serialized(planned), what);
          jumps += stats.jumps.get();
        }
      }
    }
    return jumps;
  }

  private long assertAgrees(String name, String content) throws IOException {
    return assertAgrees(name, utf8(content), SHAPES, CAPS, GRANULARITIES);
  }

  @Test
  void adversarialDocuments() throws Exception {
    for (int seed = 0; seed < 6; seed++) {
      SnapshotFixtures.Docs docs = new SnapshotFixtures.Docs(seed, false, 2 + seed % 5, 6);
      long jumps = assertAgrees("doc" + seed + ".json", docs.document(2000));
      assertTrue(jumps > 0, "no jumps in doc" + seed);
    }
  }

  @Test
  void stringsThatLookLikeStructure() throws Exception {
    StringBuilder sb = new StringBuilder("{\"list\":[");
    String[] texts = {"\\\"]}", "\\\\", "\\\\\\\"", "[{", "\\u005d\\u007D", "é日😀", "\\ud83d\\ude00",
        "a\\/b", "\\b\\f\\n\\r\\t", "", "}}}]]]", "\\\"\\\"\\\"", "\\\\\\\\\\\\\\\\\\\\\\\\", ",:,\\\":"};
    for (int i = 0; i < 200; i++) {
      if (i > 0) sb.append(i % 5 == 0 ? " ,\n\t" : ",");
      String t = texts[i % texts.length];
      if (i % 3 == 0) sb.append("{\"k").append(t).append("\":\"").append(t).append("\"}");
      else sb.append('"').append(t).append(t.repeat(i % 7)).append('"');
    }
    sb.append("],\"").append("\\\"key\\\\").append("\":{\"é\":[\"x\"]}}");
    assertTrue(assertAgrees("strings.json", sb.toString()) > 0);
  }

  @Test
  void numbersWordsAndLines() throws Exception {
    StringBuilder sb = new StringBuilder("\n[\r\n");
    for (int i = 0; i < 300; i++) {
      if (i > 0) sb.append(i % 4 == 0 ? "\n,\n" : ",");
      switch (i % 7) {
        case 0 -> sb.append(-123456789L * i);
        case 1 -> sb.append("-0.5e+").append(i);
        case 2 -> sb.append("1E-7");
        case 3 -> sb.append(i % 2 == 0 ? "true" : "false");
        case 4 -> sb.append("null");
        case 5 -> sb.append("{\"n").append(i).append("\" :\n").append(i).append(" }");
        default -> sb.append("[ ").append(i).append(" , [] , {} ]");
      }
    }
    sb.append("\n]\n");
    assertTrue(assertAgrees("scalars.json", sb.toString()) > 0);
  }

  @Test
  void deepNesting() throws Exception {
    StringBuilder sb = new StringBuilder();
    int levels = 150;
    for (int i = 0; i < levels; i++) sb.append("{\"k").append(i % 10).append("\":[1,");
    sb.append("\"bottom\"");
    for (int i = 0; i < levels; i++) sb.append(",2]}");
    assertAgrees("deep.json", sb.toString());
    assertAgrees("arrays.json", "[".repeat(500) + "0" + ",1]".repeat(500));
  }

  @Test
  void keysEscapedAndLongStrings() throws Exception {
    StringBuilder sb = new StringBuilder("{\"a\":[");
    for (int i = 0; i < 60; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"k\\\"").append(i % 3).append("\":\"")
          .append("s\\\"é".repeat(i % 13 * 3)).append("\"}");
    }
    sb.append("]}");
    assertTrue(assertAgrees("long.json", sb.toString()) > 0);
  }

  /** Through plan(): a file over the parallel threshold plans the same on 2 threads as on 1. */
  @Test
  void planUsesThreadsAboveTheThreshold() throws Exception {
    StringBuilder sb = new StringBuilder("{\"items\":[");
    for (int i = 0; sb.length() < ParallelSkim.MIN_BYTES + 1000; i++) {
      if (i > 0) sb.append(i % 10 == 0 ? ",\n" : ",");
      sb.append("{\"id\":").append(i).append(",\"name\":\"item \\\"").append(i)
          .append("\\\" [x]\",\"tags\":[\"a\",\"b,c\"],\"v\":-1.5e3}");
    }
    sb.append("],\"end\":true}");
    SnapshotFile.Inspected f = file("big.json", utf8(sb.toString()));
    SnapshotSpec spec = SnapshotSpec.defaults().withSplitGranularity(256 * 1024);
    List<SplitPoint> serial = SplitPlanner.plan(f.file(), null, spec.withPlanThreads(1));
    List<SplitPoint> parallel = SplitPlanner.plan(f.file(), null, spec.withPlanThreads(2));
    assertTrue(serial.size() > 30, "points: " + serial.size());
    assertArrayEquals(serialized(serial), serialized(parallel));
    ParallelSkim.Stats stats = new ParallelSkim.Stats();
    assertNotNull(ParallelSkim.plan(f.file(), spec, new long[1],
        ParallelSkim.Shape.of(f.file().uncompressedSize(), 2, spec.splitGranularity), stats));
    assertTrue(stats.jumps.get() > 10, "jumps: " + stats.jumps.get());
  }

  /** A byte order mark is the tokenizer's to skip: the parallel planner declines. */
  @Test
  void byteOrderMarkDeclines() throws Exception {
    byte[] doc = utf8("[" + "{\"a\":1},".repeat(100) + "{}]");
    byte[] bom = new byte[doc.length + 3];
    bom[0] = (byte) 0xef;
    bom[1] = (byte) 0xbb;
    bom[2] = (byte) 0xbf;
    System.arraycopy(doc, 0, bom, 3, doc.length);
    SnapshotFile.Inspected f = file("bom.json", bom);
    assertNull(ParallelSkim.plan(f.file(), spec(16, 10, 64), new long[1],
        new ParallelSkim.Shape(2, 7, 1, 1), new ParallelSkim.Stats()));
  }

  /** Bad input anywhere, at any block size: the parallel planner declines, as the skim does. */
  @Test
  void badInputDeclines() throws Exception {
    SnapshotFixtures.Docs docs = new SnapshotFixtures.Docs(31, false, 3, 5);
    byte[] good = utf8(docs.document(1500));
    int mid = good.length / 2;
    int quote = mid;
    while (good[quote] != '"') quote++;
    byte[][] bad = {
      Arrays.copyOf(good, quote + 3),
      Arrays.copyOf(good, good.length * 2 / 3),
      replaceAt(good, quote + 1, new byte[] {(byte) 0xc3, (byte) 0x28}),
      replaceAt(good, quote + 1, new byte[] {'\\', 'x'}),
      replaceAt(good, quote + 1, new byte[] {0x01}),
      replaceAt(good, quote + 1, new byte[] {'\n'}),
      concat(good, utf8(" {}")),
      concat(Arrays.copyOf(good, good.length - 1), utf8(",]")),
      concat(Arrays.copyOf(good, good.length - 1), utf8(",\"k\":01]")),
      concat(Arrays.copyOf(good, good.length - 1), utf8(",\"k\":tru]")),
      utf8("[1,2,3," + "4,".repeat(100) + "'single']"),
      utf8("[" + "{\"a\":1},".repeat(50) + "{\"a\" 1}]"),
      utf8("[" + "{\"a\":1},".repeat(50) + "{\"a\":1]]"),
      utf8("{\"a\":[" + "1,".repeat(50) + "1],\"b\":2,}"),
    };
    for (int i = 0; i < bad.length; i++) {
      SnapshotFile.Inspected f = file("bad" + i + ".json", bad[i]);
      SnapshotSpec spec = spec(16, 10, 64 * 1024).withBadInput(BadInputPolicy.SKIP);
      assertNull(SplitPlanner.skim(f.file(), null, spec, new long[1]), "bad" + i);
      for (long[] shape : SHAPES) {
        assertNull(ParallelSkim.plan(f.file(), spec, new long[1],
            new ParallelSkim.Shape(2, shape[0], shape[1], 1), new ParallelSkim.Stats()),
            "bad" + i + " " + Arrays.toString(shape));
      }
    }
  }

  /** Random documents, block sizes and intervals. */
  @Property(tries = 40)
  void randomDocuments(@ForAll long seed, @ForAll @IntRange(min = 1, max = 97) int block,
      @ForAll @IntRange(min = 1, max = 300) int interval,
      @ForAll @IntRange(min = 1, max = 500) int granularity) throws Exception {
    SnapshotFixtures.Docs docs = new SnapshotFixtures.Docs(seed, false, 1 + (int) (seed & 3), 6);
    assertAgrees("random.json", utf8(docs.document(1200)), new long[][] {{block, interval}},
        new long[] {16}, new long[] {granularity});
  }
}
