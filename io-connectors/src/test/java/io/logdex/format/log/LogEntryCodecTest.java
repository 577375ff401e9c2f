package io.logdex.format.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.logdex.format.FormatException;
import io.logdex.format.encode.Encoder;
import io.logdex.format.encode.JsonView;
import io.logdex.format.encode.OutputFormat;
import io.logdex.format.encode.RandomTrees;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import io.logdex.format.tree.TreeParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Round trips of the wire and JSON forms. Bad input is in LogEntryCodecRejectsTest. */
class LogEntryCodecTest {
  private static final long[] EDGES = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, 1L << 32};

  static LogEntry randomEntry(RandomTrees trees) {
    Random r = trees.random();
    long commit = r.nextBoolean() ? EDGES[r.nextInt(EDGES.length)] : r.nextLong();
    long seq = r.nextBoolean() ? r.nextInt(10) : r.nextLong();
    String ts = LogEntryTest.VALID[r.nextInt(LogEntryTest.VALID.length)];
    return new LogEntry(commit, seq, ts, trees.tree(5));
  }

  @Test
  void exactWireForm() throws IOException {
    Node diff = TreeParser.parse("{users: {alice: !insert {name: \"Alice\"}}, n: !arraydiff {0: !delete 1}}");
    LogEntry e = new LogEntry(1, 0, "2025-10-09T10:00:00.123Z", diff);
    String wire = "{commit: 1, seq: 0, timestamp: \"2025-10-09T10:00:00.123Z\", diff: {users: {alice:"
        + " !insert {name: \"Alice\"}}, n: !arraydiff {0: !delete 1}}}";
    assertEquals(wire, new String(LogEntryCodec.toWire(e), StandardCharsets.UTF_8));
    assertEquals(e.toString(), wire);
    LogEntry j = new LogEntry(-5, 9, "2025-10-09T10:00:00Z", TreeParser.parse("{\"a\": null, \"b\": [1.5]}"));
    assertEquals("{\"commit\":-5,\"seq\":9,\"timestamp\":\"2025-10-09T10:00:00Z\",\"diff\":{\"a\":null,\"b\":[1.5]}}",
        new String(LogEntryCodec.toJson(j), StandardCharsets.UTF_8));
  }

  @Test
  void wireRoundTripIsByteIdentical() throws IOException {
    RandomTrees trees = new RandomTrees(21);
    for (int round = 0; round < 1500; round++) {
      LogEntry e = randomEntry(trees);
      byte[] w = LogEntryCodec.toWire(e);
      assertTrue(w.length > 0 && w[w.length - 1] == '}');
      LogEntry back = LogEntryCodec.fromWire(w, 0, w.length);
      assertEquals(e, back);
      assertArrayEquals(w, LogEntryCodec.toWire(back));
      assertEquals(e, LogEntryCodec.fromStream(new ByteArrayInputStream(w), "s"));
      // The same bytes inside a larger array, as a log reader hands them over.
      byte[] framed = new byte[w.length + 7];
      System.arraycopy(w, 0, framed, 3, w.length);
      assertEquals(e, LogEntryCodec.fromWire(framed, 3, w.length, "log", 1000));
    }
  }

  @Test
  void jsonRoundTripIsByteIdentical() throws IOException {
    RandomTrees trees = new RandomTrees(22);
    int done = 0;
    for (int round = 0; round < 1500; round++) {
      LogEntry tony = randomEntry(trees);
      Node diff;
      try {
        diff = JsonView.of(tony.diff());
      } catch (IllegalArgumentException sparseAndFieldCollide) {
        continue;
      }
      LogEntry e = new LogEntry(tony.commit(), tony.seq(), tony.timestamp(), diff);
      byte[] j = LogEntryCodec.toJson(e);
      LogEntry back = LogEntryCodec.fromJson(j, 0, j.length);
      assertEquals(e, back);
      assertArrayEquals(j, LogEntryCodec.toJson(back));
      assertEquals(e, LogEntryCodec.fromJsonStream(new ByteArrayInputStream(j), "s"));
      // JSON is Tony, so the wire reader takes it too, and both forms describe one entry.
      assertEquals(e, LogEntryCodec.fromWire(j, 0, j.length));
      byte[] w = LogEntryCodec.toWire(e);
      assertEquals(e, LogEntryCodec.fromWire(w, 0, w.length));
      // The wire form's bare keys are Tony, not JSON: the JSON reader is strict.
      assertThrows(FormatException.class, () -> LogEntryCodec.fromJson(w, 0, w.length));
      done++;
    }
    assertTrue(done > 1000, "done " + done);
  }

  @Test
  void jsonRefusesWhatItCannotCarry() {
    String ts = "2025-10-09T10:00:00Z";
    Node[] diffs = {
      Node.objectBuilder().put("a", Node.integer(1).withTag("!insert")).build(),
      Node.array(Node.literal("active")),
      Node.objectBuilder().put(NodeKey.sparse(3), Node.TRUE).build(),
      Node.NULL.withTag("!delete"),
    };
    for (Node d : diffs) {
      LogEntry e = new LogEntry(1, 2, ts, d);
      assertThrows(IllegalArgumentException.class, () -> LogEntryCodec.toJson(e), d.toString());
      byte[] w = LogEntryCodec.toWire(e);
      assertThrows(FormatException.class, () -> LogEntryCodec.fromJson(w, 0, w.length), d.toString());
    }
  }

  @Test
  void fieldsMayComeInAnyOrderAndCanonicaliseOnWrite() throws IOException {
    String in = "# a comment\n{diff: {a b}, 'timestamp': '2025-10-09T10:00:00Z', seq: 2, commit: 1,}";
    byte[] b = in.getBytes(StandardCharsets.UTF_8);
    LogEntry e = LogEntryCodec.fromWire(b, 0, b.length);
    assertEquals("{commit: 1, seq: 2, timestamp: \"2025-10-09T10:00:00Z\", diff: {a: null, b: null}}",
        new String(LogEntryCodec.toWire(e), StandardCharsets.UTF_8));
  }

  /** samples/data (the generated commit log) from the repository root or a module directory. */
  private static Path sampleData(String name) {
    for (String dir : new String[] {"samples/data", "../samples/data"}) {
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p)) return p;
    }
    return null;
  }

  @Test
  void generatedCommitLogsDecodeAndReencode() throws IOException {
    Path tony = sampleData("commits.tony");
    Path jsonl = sampleData("commits.jsonl");
    assumeTrue(tony != null && jsonl != null, "samples/data not found from " + Path.of("").toAbsolutePath());
    List<String> tonyLines = Files.readAllLines(tony);
    List<String> jsonLines = Files.readAllLines(jsonl);
    assertEquals(tonyLines.size(), jsonLines.size());
    for (int i = 0; i < tonyLines.size(); i++) {
      byte[] line = tonyLines.get(i).getBytes(StandardCharsets.UTF_8);
      LogEntry e = LogEntryCodec.fromWire(line, 0, line.length, tony.toString(), 0);
      assertEquals(TreeParser.parse(line), TreeParser.parse(LogEntryCodec.toWire(e)));
      byte[] w = LogEntryCodec.toWire(e);
      assertArrayEquals(w, LogEntryCodec.toWire(LogEntryCodec.fromWire(w, 0, w.length)));
      // The JSONL twin is already canonical compact JSON: it must come back byte for byte.
      byte[] j = jsonLines.get(i).getBytes(StandardCharsets.UTF_8);
      LogEntry fromJson = LogEntryCodec.fromJson(j, 0, j.length, jsonl.toString(), 0);
      assertArrayEquals(j, LogEntryCodec.toJson(fromJson), jsonLines.get(i));
      assertEquals(e.commit(), fromJson.commit());
      assertEquals(e.seq(), fromJson.seq());
      assertEquals(e.timestamp(), fromJson.timestamp());
    }
  }

  @Test
  void writeStreamsEntriesThroughAnEncoder() throws IOException {
    RandomTrees trees = new RandomTrees(23);
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    Encoder enc = new Encoder(bos, OutputFormat.WIRE);
    LogEntry[] entries = new LogEntry[20];
    for (int i = 0; i < entries.length; i++) {
      entries[i] = randomEntry(trees);
      LogEntryCodec.write(entries[i], enc);
    }
    enc.flush();
    byte[] all = bos.toByteArray();
    int start = 0, i = 0;
    for (int p = 0; p < all.length; p++) {
      if (all[p] != '\n') continue;
      assertArrayEquals(LogEntryCodec.toWire(entries[i]), java.util.Arrays.copyOfRange(all, start, p));
      assertEquals(entries[i++], LogEntryCodec.fromWire(all, start, p - start));
      start = p + 1;
    }
    assertEquals(entries.length, i);
  }
}
