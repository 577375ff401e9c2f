package io.logdex.io.oplog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.tree.Node;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.junit.jupiter.api.Test;

class RecordDecodingTest {
  private static final String TS = "2025-10-09T10:00:00.123456789Z";

  static MatchResult.Metadata meta(String name) {
    return MatchResult.Metadata.builder()
        .setResourceId(FileSystems.matchNewResource("/tmp/" + name, false))
        .setSizeBytes(0)
        .setIsReadSeekEfficient(true)
        .setLastModifiedMillis(0)
        .build();
  }

  private static LineDecoder delimited(OpLogFormat f, String header) throws Exception {
    List<String> cells = new ArrayList<>();
    new DelimitedLine(f == OpLogFormat.CSV).split(utf8(header), 0, utf8(header).length, cells);
    return new LineDecoder(
        new FileFacts(meta("x"), Compression.UNCOMPRESSED, f, Header.of(cells), 0), 1 << 20);
  }

  private static LineDecoder jsonl() {
    return new LineDecoder(
        new FileFacts(meta("x.jsonl"), Compression.UNCOMPRESSED, OpLogFormat.JSONL, null, -1),
        1 << 20);
  }

  private static LineDecoder tony() {
    return new LineDecoder(
        new FileFacts(meta("x.tony"), Compression.UNCOMPRESSED, OpLogFormat.TONY, null, -1),
        1 << 20);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static OpLogItem decode(LineDecoder d, String line) {
    byte[] b = utf8(line);
    return d.decode(b, 0, b.length, 100, 7, b.length + 1);
  }

  private static String row(String... cols) {
    return String.join("\t", cols);
  }

  private static String[] good() {
    return new String[] {"0", "12345678901234567890", "GET", "", "1", "1024", "s3://bucket",
        "bucket/obj-1", "", TS, "", TS, "1234567"};
  }

  private static OpLogItem tsv(String[] cols) throws Exception {
    return decode(delimited(OpLogFormat.TSV, OpLogFixtures.S3DLIO_HEADER), row(cols));
  }

  private static String reason(OpLogItem item) {
    assertTrue(item.isBad(), "expected a bad record, got " + item);
    return item.bad().reason();
  }

  @Test
  void s3dlioRowIsTyped() throws Exception {
    OpLogItem item = tsv(good());
    assertFalse(item.isBad(), () -> item.bad().reason());
    OpLogRecord r = item.record();
    assertEquals(OpLogRecord.Kind.S3DLIO, r.kind());
    assertEquals(100, r.offset());
    assertEquals(7, r.line());
    Node f = r.fields();
    assertEquals(13, f.size());
    assertEquals("idx", f.key(0).field());
    assertEquals(Node.integer(0), f.get("idx"));
    assertEquals(Node.integer("12345678901234567890"), f.get("thread"), "a u64 id stays a number");
    assertEquals(Node.string("GET"), f.get("op"));
    assertEquals(Node.string(""), f.get("client_id"), "an empty client_id stays empty");
    assertEquals(Node.integer(1024), f.get("bytes"));
    assertEquals(Node.NULL, f.get("error"));
    assertEquals(Node.NULL, f.get("first_byte"));
    assertEquals(Node.string(TS), f.get("start"));
    assertEquals(Node.integer(1234567), f.get("duration_ns"));
  }

  @Test
  void headerMatchesCaseInsensitivelyInAnyOrder() throws Exception {
    List<String> names = new ArrayList<>(Arrays.asList(OpLogFixtures.S3DLIO_HEADER.split("\t")));
    java.util.Collections.reverse(names);
    String header = String.join("\t", names).toUpperCase();
    List<String> values = new ArrayList<>(Arrays.asList(good()));
    java.util.Collections.reverse(values);
    OpLogItem item = decode(delimited(OpLogFormat.TSV, header), String.join("\t", values));
    assertEquals(OpLogRecord.Kind.S3DLIO, item.record().kind());
    assertEquals("duration_ns", item.record().fields().key(0).field());
    assertEquals(Node.integer(1234567), item.record().fields().get("duration_ns"));
  }

  @Test
  void everyOpTheWriterEmitsIsAccepted() throws Exception {
    for (String op : OpLogFixtures.OPS) {
      String[] c = good();
      c[2] = op;
      assertEquals(Node.string(op), tsv(c).record().fields().get("op"));
    }
    for (String op : new String[] {"get", "COPY", "", "GET "}) {
      String[] c = good();
      c[2] = op;
      assertTrue(reason(tsv(c)).contains("unknown op"), op);
    }
  }

  @Test
  void badTimestampsAreReportedNeverReplaced() throws Exception {
    String[] bad = {
      "2025-10-09T10:00:00.123456Z", "2025-10-09T10:00:00.123456789", "2025-10-09 10:00:00.123456789Z",
      "2025-02-30T10:00:00.123456789Z", "2025-10-09T24:00:00.123456789Z", "2025-13-09T10:00:00.123456789Z",
      "2025-10-09T10:00:00.123456789+00:00", "now", ""
    };
    for (String ts : bad) {
      for (int col : new int[] {9, 11}) {
        String[] c = good();
        c[col] = ts;
        OpLogItem item = tsv(c);
        String why = reason(item);
        assertTrue(why.contains(col == 9 ? "start" : "end"), why);
        assertTrue(why.contains("RFC 3339"), why);
        assertEquals(100, item.bad().offset());
      }
    }
    String[] c = good();
    c[10] = "yesterday";
    assertTrue(reason(tsv(c)).contains("first_byte"));
    c[10] = "2024-02-29T23:59:60.000000000Z"; // leap day and leap second
    assertFalse(tsv(c).isBad());
  }

  @Test
  void badNumbersAreReported() throws Exception {
    Object[][] cases = {
      {0, "-1"}, {0, "1.5"}, {0, "18446744073709551616"}, {0, ""}, {0, "1e3"}, {5, "0x10"},
      {4, "4294967296"}, {12, " 5"}
    };
    for (Object[] k : cases) {
      String[] c = good();
      c[(int) k[0]] = (String) k[1];
      reason(tsv(c));
    }
    String[] c = good();
    c[0] = "18446744073709551615";
    c[4] = "4294967295";
    c[1] = "18446744073709551615";
    Node f = tsv(c).record().fields();
    assertEquals("18446744073709551615", f.get("idx").text());
    assertEquals("4294967295", f.get("n_objects").text());
    assertEquals(Node.integer("18446744073709551615"), f.get("thread"));
    // Numbers are kept as written, so one that is not JSON's own spelling is refused, not changed.
    c[5] = "007";
    assertTrue(reason(tsv(c)).contains("leading zero"));
    c[5] = "0";
    assertEquals("0", tsv(c).record().fields().get("bytes").text());
    c[1] = "18446744073709551616";
    assertTrue(reason(tsv(c)).contains("thread"));
  }

  @Test
  void wrongColumnCountIsBad() throws Exception {
    String[] c = good();
    assertTrue(reason(tsv(Arrays.copyOf(c, 12))).contains("expected 13"));
    String[] more = Arrays.copyOf(c, 14);
    more[13] = "x";
    assertTrue(reason(tsv(more)).contains("found 14"));
  }

  @Test
  void s3dlioJsonlIsTypedLikeTsv() {
    OpLogItem item =
        decode(jsonl(), "{\"idx\":0,\"op\":\"GET\",\"bytes\":1024,\"endpoint\":\"s3://bucket\","
            + "\"file\":\"bucket/obj-1\",\"start\":\"" + TS + "\",\"duration_ns\":1234567,"
            + "\"error\":null,\"thread\":42,\"first_byte\":\"\"}");
    OpLogRecord r = item.record();
    assertEquals(OpLogRecord.Kind.S3DLIO, r.kind());
    assertEquals(Node.integer(1024), r.fields().get("bytes"));
    assertEquals(Node.NULL, r.fields().get("error"));
    assertEquals(Node.NULL, r.fields().get("first_byte"));
    assertEquals(Node.integer("42"), r.fields().get("thread"));
    assertNull(r.fields().get("end"), "absent columns are not invented");
    assertTrue(reason(decode(jsonl(), "{\"op\":\"GET\",\"bytes\":\"1024\"}")).contains("bytes"));
    assertTrue(reason(decode(jsonl(), "{\"op\":\"GET\",\"thread\":\"42\"}")).contains("thread"));
    assertTrue(reason(decode(jsonl(), "{\"op\":\"GET\",\"thread\":-1}")).contains("thread"));
    assertTrue(reason(decode(jsonl(), "{\"op\":\"GET\",\"bytes\":1.0}")).contains("bytes"));
    assertTrue(reason(decode(jsonl(), "{\"op\":\"GET\",\"file\":7}")).contains("file"));
    assertTrue(reason(decode(jsonl(), "{\"op\":\"GET\",\"start\":\"bad\"}")).contains("start"));
    assertTrue(reason(decode(jsonl(), "{\"op\":\"GET\",\"OP\":\"PUT\"}")).contains("twice"));
  }

  @Test
  void logEntriesInJsonAndTony() {
    OpLogItem json =
        decode(jsonl(), "{\"commit\":12,\"seq\":0,\"timestamp\":\"2025-01-01T00:00:00Z\","
            + "\"diff\":{\"a\":{\"b\":1}}}");
    assertEquals(OpLogRecord.Kind.LOG_ENTRY, json.record().kind());
    String tonyLine = "{commit: 12, seq: 1, timestamp: '2025-01-01T00:00:00.5+02:00', "
        + "diff: {a: !insert 1, list: !arraydiff {0: !delete x}}}";
    OpLogItem tony = decode(tony(), tonyLine);
    assertEquals(OpLogRecord.Kind.LOG_ENTRY, tony.record().kind());
    assertEquals("!insert", tony.record().fields().get("diff").get("a").tag());
    // The same line in a JSONL file is not JSON: a bad record naming where it broke.
    assertTrue(reason(decode(jsonl(), tonyLine)).contains("(offset 101, line 7, column 2)"));
    assertTrue(reason(decode(tony(), "{commit: x, seq: 1, timestamp: '2025-01-01T00:00:00Z', diff: {}}"))
        .contains("commit"));
    assertTrue(reason(decode(tony(), "{commit: 1, seq: 1, timestamp: 'soon', diff: {}}"))
        .contains("timestamp"));
    // Three of the four keys is simply a generic object.
    assertEquals(OpLogRecord.Kind.GENERIC,
        decode(tony(), "{commit: 1, seq: 1, diff: {}}").record().kind());
  }

  @Test
  void genericObjectsAndBadLines() {
    OpLogItem g = decode(jsonl(), "{\"user\":\"é\",\"n\":[1,2]}");
    assertEquals(OpLogRecord.Kind.GENERIC, g.record().kind());
    assertEquals(Node.string("é"), g.record().fields().get("user"));
    assertTrue(reason(decode(jsonl(), "[1,2]")).contains("not an object"));
    String syntax = reason(decode(jsonl(), "{\"a\": [1, 2,"));
    assertTrue(syntax.contains("(offset 113, line 7, column 14)") || syntax.contains("ended"), syntax);
    assertTrue(reason(decode(jsonl(), "{\"a\":1} {\"b\":2}")).length() > 0);
    // Valid Tony ({a: nope, nope: null}), so not bad in a Tony file; in JSONL it is.
    assertFalse(decode(tony(), "{\"a\": nope nope}").isBad());
    assertEquals("at \"a\": not JSON: 'nope' (strings must be double-quoted; the only bare words"
        + " are true, false and null) (offset 106, line 7, column 7)",
        reason(decode(jsonl(), "{\"a\": nope nope}")));
    OpLogItem bad = decode(jsonl(), "{\"a\": ]}");
    assertTrue(bad.isBad());
    assertEquals("{\"a\": ]}", bad.bad().rawText());
    assertEquals(7, bad.bad().line());
  }

  @Test
  void blankCommentAndHeaderLinesHoldNoRecord() throws Exception {
    LineDecoder d = delimited(OpLogFormat.TSV, "a\tb");
    for (String s : new String[] {"", "   ", "\t\t", "# idx\tthread", "  # indented comment"}) {
      assertNull(decode(d, s), s);
    }
    byte[] h = utf8("a\tb");
    assertNull(d.decode(h, 0, h.length, 0, 1, 4), "the header line itself");
    assertEquals(Node.string("x"), decode(d, "x\ty").record().fields().get("a"));
  }

  @Test
  void csvQuotingWithinALine() throws Exception {
    LineDecoder d = delimited(OpLogFormat.CSV, "name,note,n");
    OpLogRecord r = decode(d, "\"a,b\",\"say \"\"hi\"\"\",").record();
    assertEquals(OpLogRecord.Kind.GENERIC, r.kind());
    assertEquals(Node.string("a,b"), r.fields().get("name"));
    assertEquals(Node.string("say \"hi\""), r.fields().get("note"));
    assertEquals(Node.string(""), r.fields().get("n"));
    assertTrue(reason(decode(d, "\"starts a record,that continues")).contains("multi-line"));
    assertTrue(reason(decode(d, "\"x\"y,1,2")).contains("after its closing quote"));
    assertTrue(reason(decode(d, "a\"b,1,2")).contains("not quoted"));
    // s3dlio in CSV form is s3dlio too.
    LineDecoder s = delimited(OpLogFormat.CSV, OpLogFixtures.S3DLIO_HEADER.replace('\t', ','));
    assertEquals(OpLogRecord.Kind.S3DLIO, decode(s, String.join(",", good())).record().kind());
  }

  @Test
  void invalidUtf8IsBadNotReplaced() throws Exception {
    LineDecoder d = delimited(OpLogFormat.TSV, "a\tb");
    byte[] b = {'x', '\t', (byte) 0xC3, (byte) 0x28};
    OpLogItem item = d.decode(b, 0, b.length, 5, -1, 5);
    assertTrue(reason(item).contains("UTF-8"));
  }

  @Test
  void unusableHeaderMakesRowsBad() throws Exception {
    LineDecoder d = delimited(OpLogFormat.TSV, "a\ta");
    assertTrue(reason(decode(d, "1\t2")).contains("twice"));
  }

  @Test
  void randomS3dlioRowsRoundTripTheirText() throws Exception {
    Random rnd = new Random(9);
    LineDecoder d = delimited(OpLogFormat.TSV, OpLogFixtures.S3DLIO_HEADER);
    for (int i = 0; i < 2000; i++) {
      String line = OpLogFixtures.s3dlioRow(rnd, i);
      OpLogItem item = decode(d, line);
      assertFalse(item.isBad(), () -> line + ": " + item.bad().reason());
      String[] cols = line.split("\t", -1);
      Node f = item.record().fields();
      for (int c = 0; c < cols.length; c++) {
        Node v = f.child(c);
        assertEquals(cols[c].isEmpty() && (c == 8 || c == 10) ? "null" : cols[c], v.text());
      }
    }
  }
}
