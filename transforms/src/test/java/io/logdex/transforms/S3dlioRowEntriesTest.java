package io.logdex.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.index.BuildOptions;
import io.logdex.format.index.IndexOptions;
import io.logdex.format.index.RunDescriptor;
import io.logdex.format.index.ShardBuilder;
import io.logdex.format.log.LogEntry;
import io.logdex.format.log.LogEntryCodec;
import io.logdex.io.oplog.BadRecordPolicy;
import io.logdex.io.oplog.OpLogIO;
import io.logdex.io.oplog.OpLogItem;
import io.logdex.io.oplog.OpLogRecord;
import io.logdex.io.oplog.S3dlioRow;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The row path against the tree path on random s3dlio TSV and JSONL/Tony files, valid and hostile,
 * and on the sample op-log: the same items (records, and bad records with their reasons), and for
 * every row the same entry bytes, commit, word count and terms (the run files the two shards write
 * are compared byte for byte).
 */
class S3dlioRowEntriesTest {
  private static final String[] NAMES = {
    "idx", "thread", "op", "client_id", "n_objects", "bytes", "endpoint", "file", "error", "start",
    "first_byte", "end", "duration_ns"
  };
  private static final String[] TEXTS = {
    "", "sai3-agent-47", "clieñt-ü", "a".repeat(130) + "_" + "B".repeat(3), "under_score-dash.dot/slash",
    "q\"uote", "back\\slash", "tab\\tescaped \\n", "unicodé 中文 😀 cafÉ", "ctl\u0001\u001f del\u007f bs\b ff\f cr\rmid",
    "x".repeat(300), "é".repeat(200), "MiXeD CaSe WORDS 123abc", "Timeout: \"Connection reset\" (os error 104)",
    "null", "true", "12"
  };
  private static final String[] INTS = {
    "0", "00", "007", "9999999999999999999", "18446744073709551615", "18446744073709551616",
    "00000000000000000000123", "0000000000000000001", "-1", "+1", "1.5", "1e3", "", " 1", "12a",
    "4294967295", "4294967296", "00004294967295", "9223372036854775807", "9223372036854775808"
  };
  private static final String[] TIMES = {
    "2025-10-09T10:14:07.151693311Z", "2025-10-09t10:14:07.151693311Z", "2025-10-09T10:14:07.151693311z",
    "2025-13-09T10:14:07.151693311Z", "2025-02-29T10:14:07.151693311Z", "2024-02-29T10:14:07.151693311Z",
    "2025-10-09T10:14:60.151693311Z", "2025-10-09T10:14:07Z", "2025-10-09T10:14:07.15169331Z",
    "2025-10-09T24:14:07.151693311Z", "", "2025-10-09T10:14:07.151693311+00:00", "0000-01-01T00:00:00.000000000Z"
  };
  private static final String[] OPS = {"GET", "PUT", "get", "GETX", "DELETE_PREFIX", "STAT", "", "LIST "};
  private static final byte[][] BAD_UTF8 = {
    {(byte) 0xff, 'x'}, {(byte) 0xc0, (byte) 0xaf}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
    {'t', (byte) 0xe4, (byte) 0xb8}, {(byte) 0x80}
  };

  @TempDir Path tmp;
  private int shards;

  @Test
  void rowsEncodeAndIndexAsTheirTrees() throws Exception {
    Random rnd = new Random(20261122);
    int rows = 0;
    for (int file = 0; file < 6; file++) {
      rows += compare(file, randomFile(rnd, file, 700));
    }
    assertTrue(rows > 1000, "too few rows took the fast path: " + rows);
  }

  @Test
  void plainRowsMatchExactly() throws Exception {
    String line = String.join("\t", "42", "10873903663032719337", "GET", "c", "1", "0", "s3://b", "k", "",
        "2025-10-09T10:14:07.151693311Z", "", "2025-10-09T10:14:07.151693312Z", "5");
    byte[] content = (String.join("\t", NAMES) + "\n" + line + "\n").getBytes(StandardCharsets.UTF_8);
    Path f = Files.write(tmp.resolve("one.tsv"), content);
    S3dlioRow row = rowsOf(f).get(0).s3dlioRow();
    assertNotNull(row);
    S3dlioRowEntries e = new S3dlioRowEntries();
    assertTrue(e.encode(row));
    assertEquals("{commit: 42, seq: 0, timestamp: \"2025-10-09T10:14:07.151693311Z\", diff: {idx: 42, "
        + "thread: 10873903663032719337, op: \"GET\", client_id: \"c\", n_objects: 1, bytes: 0, endpoint: \"s3://b\", "
        + "file: \"k\", error: null, start: \"2025-10-09T10:14:07.151693311Z\", first_byte: null, "
        + "end: \"2025-10-09T10:14:07.151693312Z\", duration_ns: 5}}",
        new String(e.wire(), 0, e.wireLength(), StandardCharsets.UTF_8));
  }

  @Test
  void jsonLinesEncodeAndIndexAsTheirTrees() throws Exception {
    Random rnd = new Random(20261204);
    int rows = 0;
    for (int file = 0; file < 6; file++) {
      rows += compare("ops" + file + (file == 5 ? ".tony" : ".jsonl"), randomJsonFile(rnd, file, 700));
    }
    assertTrue(rows > 1000, "too few lines took the token path: " + rows);
  }

  @Test
  void sampleJsonLinesTakeTheTokenPath() throws Exception {
    byte[] sample = Files.readAllBytes(Builds.sample("ops.jsonl"));
    // All but line 49, whose error message holds escaped quotes: escapes take the tree path.
    assertEquals(249, compare("sample.jsonl", sample));
  }

  @Test
  void plainJsonLinesMatchExactly() throws Exception {
    String line = "{\"idx\":42,\"thread\":18446744073709551615,\"op\":\"GET\",\"client_id\":\"c\","
        + "\"n_objects\":1,\"bytes\":0,\"endpoint\":\"s3://b\",\"file\":\"k é\",\"error\":\"\","
        + "\"start\":\"2025-10-09T10:14:07.151693311Z\",\"first_byte\":null,"
        + "\"end\":\"2025-10-09T10:14:07.151693312Z\",\"duration_ns\":5}";
    Path f = Files.write(tmp.resolve("one.jsonl"), (line + "\n").getBytes(StandardCharsets.UTF_8));
    OpLogItem item = rowsOf(f).get(0);
    S3dlioRow row = item.s3dlioRow();
    assertNotNull(row);
    S3dlioRowEntries e = new S3dlioRowEntries();
    assertTrue(e.encode(row));
    // Values keep their input text: the u64 thread's 20 digits (as the tree path types them) and the
    // file's UTF-8.
    String wire = new String(e.wire(), 0, e.wireLength(), StandardCharsets.UTF_8);
    assertTrue(wire.startsWith("{commit: 42, seq: 0, timestamp: \"2025-10-09T10:14:07.151693311Z\", diff: {idx: 42, "), wire);
    assertTrue(wire.contains("18446744073709551615"), wire);
    assertTrue(wire.contains("file: \"k é\", error: null,"), wire);
    assertArrayEquals(LogEntryCodec.toWire(RecordEntries.toEntry(item.record(), 0)),
        Arrays.copyOf(e.wire(), e.wireLength()));
  }

  /** Reads the file both ways and checks every line; returns how many lines came as rows. */
  private int compare(int file, byte[] content) throws Exception {
    return compare("ops" + file + ".tsv", content);
  }

  /** As above, for a file of the given name (its extension chooses the format). */
  private int compare(String name, byte[] content) throws Exception {
    int file = shards;
    Path f = Files.write(tmp.resolve(name), content);
    List<OpLogItem> tree = itemsOf(f, false);
    List<OpLogItem> fast = itemsOf(f, true);
    assertEquals(tree.size(), fast.size());
    ShardBuilder treeShard = newShard();
    ShardBuilder fastShard = newShard();
    S3dlioRowEntries entries = new S3dlioRowEntries();
    int rows = 0;
    long docId = 0;
    for (int i = 0; i < tree.size(); i++) {
      OpLogItem t = tree.get(i);
      OpLogItem r = fast.get(i);
      assertNull(t.s3dlioRow());
      assertEquals(t.isBad(), r.isBad(), () -> "line at " + t.offset());
      if (t.isBad()) {
        assertEquals(t.bad(), r.bad());
        continue;
      }
      assertEquals(t.record(), r.record(), () -> "line at " + t.offset());
      S3dlioRow row = r.s3dlioRow();
      if (row == null) continue;
      rows++;
      assertEquals(t.offset(), r.offset());
      assertEquals(t.length(), r.length());
      LogEntry e;
      try {
        e = RecordEntries.toEntry(t.record(), 0);
      } catch (RecordEntries.Rejected x) {
        assertFalse(entries.encode(row), "the tree path rejects " + t + ": " + x.getMessage());
        continue;
      } catch (IllegalArgumentException leapSecond) {
        assertFalse(entries.encode(row), "the tree path fails on " + t);
        continue;
      }
      assertTrue(entries.encode(row), () -> "fast path gave up on " + t);
      assertEquals(e.commit(), entries.commit());
      byte[] wire = LogEntryCodec.toWire(e);
      assertArrayEquals(wire, Arrays.copyOf(entries.wire(), entries.wireLength()),
          () -> "entry of " + t + "\n" + new String(wire, StandardCharsets.UTF_8));
      long id = docId++;
      int treeWords = EntryTerms.index(treeShard, id, e, 17 * id);
      int fastWords = entries.index(fastShard, id);
      assertEquals(treeWords, fastWords, () -> "words of " + t);
    }
    assertArrayEquals(runs(treeShard), runs(fastShard), "terms of file " + file);
    return rows;
  }

  private byte[] randomFile(Random rnd, int file, int lines) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < NAMES.length; i++) order.add(i);
    if (file > 0) Collections.shuffle(order, rnd);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    List<byte[]> header = new ArrayList<>();
    for (int c : order) {
      String n = NAMES[c];
      header.add((file % 2 == 1 && rnd.nextBoolean() ? n.toUpperCase(Locale.ROOT) : n).getBytes(StandardCharsets.UTF_8));
    }
    writeLine(out, header);
    for (int i = 0; i < lines; i++) {
      byte[][] cells = new byte[NAMES.length][];
      for (int c = 0; c < NAMES.length; c++) cells[c] = utf8(valid(rnd, c, i));
      for (int k = rnd.nextInt(3); k > 0; k--) {
        int c = rnd.nextInt(NAMES.length);
        cells[c] = hostile(rnd, c);
      }
      List<byte[]> row = new ArrayList<>();
      for (int c : order) row.add(cells[c]);
      int shape = rnd.nextInt(60);
      if (shape == 0) row.remove(row.size() - 1);
      else if (shape == 1) row.add(utf8("extra"));
      writeLine(out, row);
      if (shape == 2) out.writeBytes(utf8("\n# comment\n"));
      if (shape == 3) out.writeBytes(utf8("   \n"));
    }
    return out.toByteArray();
  }

  private static String valid(Random rnd, int column, int i) {
    switch (NAMES[column]) {
      case "idx":
        return Integer.toString(i);
      case "thread":
        return Long.toUnsignedString(rnd.nextLong());
      case "op":
        return OPS[rnd.nextInt(2)];
      case "n_objects":
        return Integer.toString(1 + rnd.nextInt(3));
      case "bytes":
      case "duration_ns":
        return Long.toString(rnd.nextInt(Integer.MAX_VALUE));
      case "error":
        return rnd.nextBoolean() ? "" : "NoSuchKey: the key does not exist";
      case "start":
      case "end":
        return TIMES[0];
      case "first_byte":
        return rnd.nextBoolean() ? "" : TIMES[0];
      default:
        return "bucket/obj-" + rnd.nextInt(1000);
    }
  }

  /**
   * s3dlio JSON lines as the generator writes them (thread a u64 number), keys shuffled in some
   * files, with hostile values, keys and shapes mixed in. File 5 is read as Tony.
   */
  private byte[] randomJsonFile(Random rnd, int file, int lines) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < NAMES.length; i++) order.add(i);
    if (file > 1) Collections.shuffle(order, rnd);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < lines; i++) {
      byte[][] values = new byte[NAMES.length][];
      for (int c = 0; c < NAMES.length; c++) values[c] = utf8(validJson(rnd, c, i));
      for (int k = rnd.nextInt(3); k > 0; k--) {
        int c = rnd.nextInt(NAMES.length);
        values[c] = hostileJson(rnd, c);
      }
      List<Integer> keys = new ArrayList<>(order);
      int shape = rnd.nextInt(40);
      if (shape == 0) keys.remove(rnd.nextInt(keys.size()));
      if (shape == 1) keys.add(keys.get(rnd.nextInt(keys.size()))); // a duplicate key
      out.write(shape == 2 ? '[' : '{');
      for (int k = 0; k < keys.size(); k++) {
        if (k > 0) out.write(',');
        int c = keys.get(k);
        String name = shape == 3 && k == 0 ? NAMES[c].toUpperCase(Locale.ROOT) : NAMES[c];
        out.writeBytes(utf8((shape == 4 && k == 0 ? " " : "") + "\"" + name + "\":"));
        out.writeBytes(values[c]);
      }
      if (shape == 5) out.writeBytes(utf8(",\"extra\":1"));
      out.write(shape == 2 ? ']' : '}');
      if (shape == 6) out.writeBytes(utf8(" {}"));
      out.write('\n');
      if (shape == 7) out.writeBytes(utf8("\n# comment\n"));
    }
    return out.toByteArray();
  }

  private static String validJson(Random rnd, int column, int i) {
    switch (NAMES[column]) {
      case "idx":
      case "n_objects":
      case "bytes":
      case "duration_ns":
        return valid(rnd, column, i);
      case "thread":
        return Long.toUnsignedString(rnd.nextLong()); // a number, as s3dlio writes it
      case "error":
        return rnd.nextInt(3) == 0 ? "null" : quoted(valid(rnd, column, i));
      case "first_byte":
        return rnd.nextInt(3) == 0 ? "null" : quoted(valid(rnd, column, i));
      default:
        return quoted(valid(rnd, column, i));
    }
  }

  private static byte[] hostileJson(Random rnd, int column) {
    switch (rnd.nextInt(10)) {
      case 0:
        return BAD_UTF8[rnd.nextInt(BAD_UTF8.length)]; // bare bytes: a syntax error
      case 1: {
        byte[] bad = BAD_UTF8[rnd.nextInt(BAD_UTF8.length)];
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write('"');
        b.writeBytes(bad);
        b.write('"');
        return b.toByteArray();
      }
      case 2:
        return utf8(new String[] {"null", "true", "1.5", "-3", "1e3", "{}", "[1]", "{\"a\":1}", "!tag \"x\"",
            "007", "\"\\u00e9t\\u00e9\"", "\"tab\\there\"", "18446744073709551616", "4294967296",
            "123456789012345678901", "\"12\"", "0", "\"\"",
            // raw control chars in a string: strict JSON rejects them, so no row cell holds one
            // (the row path copies JSONL cells without escaping)
            "\"raw\ttab\"", "\"raw\u0001\""}[rnd.nextInt(20)]);
      default:
        byte[] tsv = hostile(rnd, column);
        boolean number = tsv.length > 0 && tsv.length <= 22 && new String(tsv, StandardCharsets.UTF_8).matches("[0-9]+");
        return number && rnd.nextBoolean() ? tsv : quotedBytes(tsv);
    }
  }

  private static String quoted(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** s as a JSON string: quotes, backslashes and control characters escaped, other bytes as they are. */
  private static byte[] quotedBytes(byte[] s) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.write('"');
    for (byte c : s) {
      if (c == '"' || c == '\\') {
        b.write('\\');
        b.write(c);
      } else if (c >= 0 && c < 0x20) {
        b.writeBytes(utf8(String.format(Locale.ROOT, "\\u%04x", c)));
      } else {
        b.write(c);
      }
    }
    b.write('"');
    return b.toByteArray();
  }

  private static byte[] hostile(Random rnd, int column) {
    if (rnd.nextInt(12) == 0) return BAD_UTF8[rnd.nextInt(BAD_UTF8.length)];
    switch (NAMES[column]) {
      case "idx":
      case "n_objects":
      case "bytes":
      case "duration_ns":
        return utf8(INTS[rnd.nextInt(INTS.length)]);
      case "start":
      case "end":
      case "first_byte":
        return utf8(TIMES[rnd.nextInt(TIMES.length)]);
      case "op":
        return utf8(OPS[rnd.nextInt(OPS.length)]);
      default:
        return utf8(TEXTS[rnd.nextInt(TEXTS.length)]);
    }
  }

  private static void writeLine(ByteArrayOutputStream out, List<byte[]> cells) {
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) out.write('\t');
      out.writeBytes(cells.get(i));
    }
    out.write('\n');
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<OpLogItem> rowsOf(Path f) throws Exception {
    return itemsOf(f, true);
  }

  private static List<OpLogItem> itemsOf(Path f, boolean rows) throws Exception {
    PipelineOptions options = PipelineOptionsFactory.create();
    List<OpLogItem> items = new ArrayList<>();
    for (BoundedSource<OpLogItem> s : OpLogIO.read().from(f.toString())
        .withBadRecords(BadRecordPolicy.SKIP).asSource().split(1L << 40, options)) {
      try (BoundedSource.BoundedReader<OpLogItem> r =
          rows ? S3dlioRow.reader(s, options) : s.createReader(options)) {
        for (boolean more = r.start(); more; more = r.advance()) items.add(r.getCurrent());
      }
    }
    return items;
  }

  private ShardBuilder newShard() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("s" + shards++));
    return new ShardBuilder(dir, "s", new IndexOptions(2, 8), BuildOptions.defaults());
  }

  private static byte[] runs(ShardBuilder shard) throws Exception {
    List<RunDescriptor> runs = new ArrayList<>(shard.finish());
    shard.close();
    runs.sort(Comparator.comparing(RunDescriptor::path));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (RunDescriptor d : runs) {
      out.writeBytes(utf8(Path.of(d.path()).getFileName().toString()));
      out.writeBytes(Files.readAllBytes(Path.of(d.path())));
    }
    return out.toByteArray();
  }
}
