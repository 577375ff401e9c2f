package io.logdex.io.snapshot;

import static io.logdex.io.snapshot.SnapshotFixtures.concat;
import static io.logdex.io.snapshot.SnapshotFixtures.replaceAt;
import static io.logdex.io.snapshot.SnapshotFixtures.utf8;
import static io.logdex.io.snapshot.SnapshotFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import io.logdex.format.token.DocumentMode;
import io.logdex.format.token.TokenizerOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model for the skimming planner: on every input its points, with every tokenizer state and
 * open-container record they carry, serialize to the same bytes as those of the plan read with the
 * tokenizer throughout; on bad input it declines, and the plan (dead letter or error) is the
 * tokenizer's.
 */
class SplitPlannerSkimTest {
  @TempDir Path dir;
  private int files;

  private static final long[] CAPS = {1, 8, 16, 48, 300, 1 << 16};
  private static final long[] GRANULARITIES = {1, 7, 100, 1000};

  private static SnapshotSpec spec(long cap, long granularity, int buffer, boolean stream) {
    TokenizerOptions t = TokenizerOptions.defaults().withBufferSize(buffer)
        .withDocuments(stream ? DocumentMode.STREAM : DocumentMode.SINGLE);
    return SnapshotSpec.defaults().withMaxSubDocumentBytes(cap).withSplitGranularity(granularity)
        .withTokenizer(t);
  }

  private SnapshotFile.Inspected file(String name, byte[] content) throws IOException {
    Path p = write(dir, (files++) + "-" + name, content);
    return SnapshotFile.inspect(FileSystems.matchSingleFileSpec(p.toString()), Compression.AUTO);
  }

  private static byte[] serialized(List<SplitPoint> points) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ObjectOutputStream o = new ObjectOutputStream(b)) {
      o.writeObject(points.toArray(new SplitPoint[0]));
    }
    return b.toByteArray();
  }

  /** Skims to the tokenizer's points under every cap and granularity; returns the most points. */
  private int assertSkimAgrees(String name, byte[] content, boolean stream) throws IOException {
    SnapshotFile.Inspected f = file(name, content);
    int most = 0;
    for (long cap : CAPS) {
      for (long g : GRANULARITIES) {
        for (int buffer : new int[] {7, 64 * 1024}) {
          SnapshotSpec spec = spec(cap, g, buffer, stream);
          List<SplitPoint> expected = SplitPlanner.tokenize(f.file(), f.table(), spec, new long[1]);
          List<SplitPoint> skimmed = SplitPlanner.skim(f.file(), f.table(), spec, new long[1]);
          String what = name + " cap " + cap + " granularity " + g + " buffer " + buffer;
          assertNotNull(skimmed, "the skim declined " + what);
          assertEquals(expected.toString(), skimmed.toString(), what);
          assertArrayEquals(serialized(expected), serialized(skimmed), what);
          most = Math.max(most, expected.size());
        }
      }
    }
    return most;
  }

  @Test
  void adversarialDocuments() throws Exception {
    for (int seed = 0; seed < 12; seed++) {
      SnapshotFixtures.Docs docs = new SnapshotFixtures.Docs(seed, false, 2 + seed % 5, 6);
      int points = assertSkimAgrees("doc" + seed + ".json", utf8(docs.document(3000)), false);
      assertTrue(points > 10, "points: " + points);
    }
  }

  @Test
  void streamsOfDocuments() throws Exception {
    for (int seed = 0; seed < 6; seed++) {
      SnapshotFixtures.Docs docs = new SnapshotFixtures.Docs(100 + seed, false, 3, 4);
      assertSkimAgrees("stream" + seed + ".jsonl", utf8(docs.stream(40)), true);
    }
    // Documents glued together and split across lines.
    assertSkimAgrees("glued.jsonl", utf8("{}{}[1,2]\"a\"\"b\" 1 2\n3\r\n[[]]true null {\"a\":[]}"),
        true);
    // A word glued to the next document is JSON (in a stream) that the skim leaves to the
    // tokenizer: it declines, and the plan is the tokenizer's.
    String glued = "[1] ".repeat(50) + "null{\"a\":[]}" + " [2]".repeat(50);
    SnapshotFile.Inspected f = file("word.jsonl", utf8(glued));
    for (long g : new long[] {1, 10_000}) {
      SnapshotSpec spec = spec(1, g, 64 * 1024, true);
      if (g > glued.length()) assertNull(SplitPlanner.skim(f.file(), f.table(), spec, new long[1]));
      List<SplitPoint> planned = SplitPlanner.plan(f.file(), f.table(), spec);
      assertArrayEquals(serialized(SplitPlanner.tokenize(f.file(), f.table(), spec, new long[1])),
          serialized(planned));
    }
  }

  @Test
  void stringsThatLookLikeStructure() throws Exception {
    StringBuilder sb = new StringBuilder("{\"list\":[");
    String[] texts = {"\\\"]}", "\\\\", "\\\\\\\"", "[{", "\\u005d\\u007D", "é日😀", "\\ud83d\\ude00",
        "a\\/b", "\\b\\f\\n\\r\\t", "", "}}}]]]", "\\\"\\\"\\\""};
    for (int i = 0; i < 300; i++) {
      if (i > 0) sb.append(i % 5 == 0 ? " ,\n\t" : ",");
      String t = texts[i % texts.length];
      if (i % 3 == 0) sb.append("{\"k").append(t).append("\":\"").append(t).append("\"}");
      else sb.append('"').append(t).append(t.repeat(i % 7)).append('"');
    }
    sb.append("],\"").append("\\\"key\\\\").append("\":{\"é\":[\"x\"]}}");
    assertSkimAgrees("strings.json", utf8(sb.toString()), false);
  }

  @Test
  void deepNesting() throws Exception {
    StringBuilder sb = new StringBuilder();
    int levels = 400;
    for (int i = 0; i < levels; i++) sb.append("{\"k").append(i % 10).append("\":[1,");
    sb.append("\"bottom\"");
    for (int i = 0; i < levels; i++) sb.append(",2]}");
    assertSkimAgrees("deep.json", utf8(sb.toString()), false);
    String arrays = "[".repeat(2000) + "0" + "]".repeat(2000);
    assertSkimAgrees("arrays.json", utf8(arrays), false);
  }

  @Test
  void hugeArraysOfScalars() throws Exception {
    StringBuilder sb = new StringBuilder("[");
    Random r = new Random(5);
    for (int i = 0; i < 20_000; i++) {
      if (i > 0) sb.append(',');
      switch (i % 6) {
        case 0 -> sb.append(r.nextInt());
        case 1 -> sb.append("-0.5e+").append(r.nextInt(30));
        case 2 -> sb.append("\"s").append(i).append('"');
        case 3 -> sb.append(r.nextBoolean() ? "true" : "false");
        case 4 -> sb.append("null");
        default -> sb.append("1E-7");
      }
    }
    sb.append(']');
    SnapshotFile.Inspected f = file("scalars.json", utf8(sb.toString()));
    for (long g : new long[] {1, 997, 4096}) {
      SnapshotSpec spec = spec(16, g, 64 * 1024, false);
      List<SplitPoint> skimmed = SplitPlanner.skim(f.file(), f.table(), spec, new long[1]);
      assertNotNull(skimmed);
      assertArrayEquals(serialized(SplitPlanner.tokenize(f.file(), f.table(), spec, new long[1])),
          serialized(skimmed));
    }
  }

  @Test
  void elementsExactlyAtTheCapAndGranularity() throws Exception {
    // Elements of 15, 16 and 17 bytes; caps and granularities land on their edges.
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < 200; i++) {
      sb.append(i == 0 ? "" : ",").append("{\"v\":\"").append("x".repeat(7 + i % 3)).append("\"}");
    }
    sb.append(']');
    SnapshotFile.Inspected f = file("edges.json", utf8(sb.toString()));
    for (long cap = 14; cap <= 18; cap++) {
      for (long g = 15; g <= 18; g++) {
        SnapshotSpec spec = spec(cap, g, 64 * 1024, false);
        List<SplitPoint> skimmed = SplitPlanner.skim(f.file(), f.table(), spec, new long[1]);
        assertNotNull(skimmed);
        assertArrayEquals(
            serialized(SplitPlanner.tokenize(f.file(), f.table(), spec, new long[1])),
            serialized(skimmed), "cap " + cap + " granularity " + g);
      }
    }
  }

  @Test
  void multiFrameZstd() throws Exception {
    SnapshotFixtures.Docs docs = new SnapshotFixtures.Docs(21, false, 4, 5);
    byte[] plain = utf8(docs.document(20_000));
    SnapshotFile.Inspected f = file("framed.json.zst", SnapshotFixtures.zstdFrames(plain, 100));
    assertNotNull(f.table());
    for (long cap : new long[] {16, 64}) {
      for (long g : new long[] {1, 500}) {
        SnapshotSpec spec = spec(cap, g, 13, false);
        List<SplitPoint> expected = SplitPlanner.tokenize(f.file(), f.table(), spec, new long[1]);
        List<SplitPoint> skimmed = SplitPlanner.skim(f.file(), f.table(), spec, new long[1]);
        assertNotNull(skimmed);
        assertArrayEquals(serialized(expected), serialized(skimmed));
        assertTrue(expected.size() > 20, "points: " + expected.size());
      }
    }
  }

  @Test
  void byteOrderMarkAndLongTokens() throws Exception {
    SnapshotFixtures.Docs docs = new SnapshotFixtures.Docs(41, false, 3, 5);
    byte[] doc = utf8(docs.document(3000));
    byte[] bom = {(byte) 0xef, (byte) 0xbb, (byte) 0xbf};
    assertSkimAgrees("bom.json", concat(bom, doc), false);
    // Strings far over maxTokenBytes are scanned, not kept: valid, and skimmed alike.
    StringBuilder sb = new StringBuilder("{\"a\":[");
    for (int i = 0; i < 60; i++) {
      sb.append(i == 0 ? "" : ",").append("\"").append("s\\\"é".repeat(i % 13 * 3)).append('"');
    }
    sb.append("]}");
    SnapshotFile.Inspected f = file("long.json", utf8(sb.toString()));
    for (long g : new long[] {1, 50, 400}) {
      SnapshotSpec spec = spec(16, g, 7, false).withTokenizer(TokenizerOptions.defaults()
          .withBufferSize(7).withMaxTokenBytes(20));
      List<SplitPoint> skimmed = SplitPlanner.skim(f.file(), f.table(), spec, new long[1]);
      assertNotNull(skimmed);
      assertArrayEquals(serialized(SplitPlanner.tokenize(f.file(), f.table(), spec, new long[1])),
          serialized(skimmed));
    }
    // A key over maxTokenBytes is an error: the skim declines and the plan is the tokenizer's.
    String longKey = "[" + "{\"k\":1},".repeat(40) + "{\"" + "k".repeat(30) + "\":1}]";
    SnapshotFile.Inspected k = file("longkey.json", utf8(longKey));
    SnapshotSpec spec = spec(16, 1000, 64, false).withBadInput(BadInputPolicy.SKIP)
        .withTokenizer(TokenizerOptions.defaults().withMaxTokenBytes(20));
    assertNull(SplitPlanner.skim(k.file(), k.table(), spec, new long[1]));
    List<SplitPoint> planned = SplitPlanner.plan(k.file(), k.table(), spec);
    assertEquals(SplitPoint.Kind.ERROR, planned.get(planned.size() - 1).kind);
    assertArrayEquals(serialized(SplitPlanner.tokenize(k.file(), k.table(), spec, new long[1])),
        serialized(planned));
  }

  /** Bad input: the skim declines, and plan() gives the tokenizer's dead letter or error. */
  @Test
  void badInputIsLeftToTheTokenizer() throws Exception {
    SnapshotFixtures.Docs docs = new SnapshotFixtures.Docs(31, false, 3, 5);
    byte[] good = utf8(docs.document(4000));
    int quote = indexOf(good, (byte) '"', good.length / 2);
    byte[][] bad = {
      Arrays.copyOf(good, quote + 3), // cut in the middle of a string
      Arrays.copyOf(good, good.length * 2 / 3), // cut anywhere
      replaceAt(good, quote + 1, new byte[] {(byte) 0xc3, (byte) 0x28}), // invalid UTF-8
      replaceAt(good, quote + 1, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}), // surrogate
      replaceAt(good, quote + 1, new byte[] {'\\', 'x'}), // bad escape
      replaceAt(good, quote + 1, new byte[] {0x01}), // raw control character
      concat(good, utf8(" {}")), // a second document in a single-document file
      concat(Arrays.copyOf(good, good.length - 1), utf8(",]")), // trailing comma
      concat(Arrays.copyOf(good, good.length - 1), utf8(",\"k\":01]")), // leading zero
      concat(Arrays.copyOf(good, good.length - 1), utf8(",\"k\":tru]")), // not a word
      utf8("[1,2,3," + "4,".repeat(100) + "'single']"),
    };
    for (int i = 0; i < bad.length; i++) {
      SnapshotFile.Inspected f = file("bad" + i + ".json", bad[i]);
      for (long g : new long[] {1, 100}) {
        SnapshotSpec skip = spec(16, g, 64 * 1024, false).withBadInput(BadInputPolicy.SKIP);
        assertNull(SplitPlanner.skim(f.file(), f.table(), skip, new long[1]), "bad" + i);
        List<SplitPoint> planned = SplitPlanner.plan(f.file(), f.table(), skip);
        assertEquals(SplitPoint.Kind.ERROR, planned.get(planned.size() - 1).kind, "bad" + i);
        assertArrayEquals(
            serialized(SplitPlanner.tokenize(f.file(), f.table(), skip, new long[1])),
            serialized(planned), "bad" + i);
        SnapshotSpec fail = spec(16, g, 64 * 1024, false).withBadInput(BadInputPolicy.FAIL);
        FormatException viaPlan = assertThrows(FormatException.class,
            () -> SplitPlanner.plan(f.file(), f.table(), fail));
        FormatException viaTokenizer = assertThrows(FormatException.class,
            () -> SplitPlanner.tokenize(f.file(), f.table(), fail, new long[1]));
        assertEquals(viaTokenizer.getMessage(), viaPlan.getMessage());
      }
    }
  }

  private static int indexOf(byte[] b, byte c, int from) {
    for (int i = from; i < b.length; i++) if (b[i] == c) return i;
    throw new AssertionError("no " + (char) c);
  }
}
