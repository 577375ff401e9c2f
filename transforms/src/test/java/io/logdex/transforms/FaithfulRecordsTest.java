package io.logdex.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.logdex.format.encode.Encoder;
import io.logdex.format.log.LogEntry;
import io.logdex.format.log.LogEntryCodec;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import io.logdex.io.oplog.BadRecordPolicy;
import io.logdex.io.oplog.OpLogIO;
import io.logdex.io.oplog.OpLogItem;
import io.logdex.io.oplog.OpLogRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Records are the input's values: a generated JSONL line goes through the op-log reader, its log
 * entry and that entry's stored wire bytes, and comes back as the same JSON, byte for byte (the
 * lines are written canonically, so equal values mean equal bytes): numbers by their lexeme (u64,
 * big integers, exponents, {@code -0}, {@code 1.0}), strings by their text, keys in their order.
 */
class FaithfulRecordsTest {
  private static Path dir;
  private static int files;

  @BeforeContainer
  static void makeDir() throws IOException {
    dir = Files.createTempDirectory("faithful");
  }

  @AfterContainer
  static void removeDir() throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Property(tries = 200)
  void genericRecordsComeBackAsWritten(@ForAll("records") Node record) throws Exception {
    String line = Encoder.toJsonString(record);
    OpLogRecord r = readOne(line, ".jsonl");
    assertEquals(OpLogRecord.Kind.GENERIC, r.kind());
    assertEquals(record, r.fields());
    LogEntry stored = fromWire(wire(r));
    assertEquals(line, Encoder.toJsonString(stored.diff()));
  }

  @Property(tries = 200)
  void s3dlioRecordsKeepEveryColumnsLexeme(@ForAll("s3dlio") List<String> cells) throws Exception {
    String[] names = RecordEntriesNames.S3DLIO;
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < names.length; i++) {
      if (i > 0) json.append(',');
      json.append('"').append(names[i]).append("\":");
      json.append(RecordEntriesNames.isNumber(i) ? cells.get(i) : "\"" + cells.get(i) + "\"");
    }
    String line = json.append('}').toString();
    OpLogRecord fromJson = readOne(line, ".jsonl");
    OpLogRecord fromTsv = readOne(String.join("\t", names) + "\n" + String.join("\t", cells), ".tsv");
    assertEquals(OpLogRecord.Kind.S3DLIO, fromJson.kind());
    assertEquals(fromJson.fields(), fromTsv.fields(), "TSV and JSONL give one record");
    LogEntry stored = fromWire(wire(fromJson));
    assertEquals(line, Encoder.toJsonString(stored.diff()));
    assertEquals(Long.parseLong(cells.get(0)), stored.commit());
  }

  private static LogEntry fromWire(byte[] b) throws IOException {
    return LogEntryCodec.fromWire(b, 0, b.length);
  }

  private static byte[] wire(OpLogRecord r) throws RecordEntries.Rejected {
    return LogEntryCodec.toWire(RecordEntries.toEntry(r, 0));
  }

  private static OpLogRecord readOne(String content, String extension) throws Exception {
    Path f = Files.writeString(dir.resolve("r" + files++ + extension), content + "\n",
        StandardCharsets.UTF_8);
    PipelineOptions options = PipelineOptionsFactory.create();
    List<OpLogItem> items = new ArrayList<>();
    for (BoundedSource<OpLogItem> s : OpLogIO.read().from(f.toString())
        .withBadRecords(BadRecordPolicy.SKIP).asSource().split(1L << 40, options)) {
      try (BoundedSource.BoundedReader<OpLogItem> r = s.createReader(options)) {
        for (boolean more = r.start(); more; more = r.advance()) items.add(r.getCurrent());
      }
    }
    assertEquals(1, items.size());
    assertFalse(items.get(0).isBad(), () -> items.get(0).bad().reason() + " in " + content);
    return items.get(0).record();
  }

  // ---- generators ----

  @Provide
  Arbitrary<Node> records() {
    return objects(2);
  }

  private Arbitrary<Node> objects(int depth) {
    Arbitrary<Node> value = depth == 0 ? scalars() : Arbitraries.oneOf(scalars(), scalars(),
        objects(depth - 1), values(depth - 1).list().ofMaxSize(4).map(Node::array));
    return Combinators.combine(texts().list().uniqueElements().ofMaxSize(6), value.list().ofSize(6))
        .as((keys, values) -> {
          List<NodeKey> k = new ArrayList<>();
          for (String key : keys) k.add(NodeKey.field(key));
          return Node.object(k, values.subList(0, k.size()));
        });
  }

  private Arbitrary<Node> values(int depth) {
    return depth == 0 ? scalars() : Arbitraries.oneOf(scalars(), objects(depth));
  }

  private Arbitrary<Node> scalars() {
    return Arbitraries.oneOf(integers().map(Node::integer), floats().map(Node::floating),
        texts().map(Node::string), Arbitraries.of(Node.TRUE, Node.FALSE, Node.NULL));
  }

  /** JSON integers of any size: 0, -0, u64 ids, and longer than any machine type. */
  private static Arbitrary<String> integers() {
    Arbitrary<String> magnitude = Arbitraries.oneOf(Arbitraries.just("0"),
        Arbitraries.longs().map(Long::toUnsignedString),
        Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(40)
            .filter(s -> s.charAt(0) != '0'));
    return Combinators.combine(Arbitraries.of("", "-"), magnitude).as(String::concat);
  }

  /** JSON numbers with a fraction or an exponent, as written: 1.0, -0.0, 1E+400, 2.50e-07. */
  private static Arbitrary<String> floats() {
    Arbitrary<String> fraction = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(6)
        .map(d -> "." + d).injectNull(0.3);
    Arbitrary<String> exponent = Combinators.combine(Arbitraries.of("e", "E"),
        Arbitraries.of("", "+", "-"), Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(3))
        .as((e, s, d) -> e + s + d).injectNull(0.4);
    return Combinators.combine(integers(), fraction, exponent)
        .as((i, f, e) -> f == null && e == null ? i + ".0" : i + (f == null ? "" : f) + (e == null ? "" : e));
  }

  /** Text of any code points but unpaired surrogates, escapes and control characters included. */
  private static Arbitrary<String> texts() {
    return Arbitraries.strings().ofMaxLength(12).withCharRange('\u0000', '\ud7ff')
        .withCharRange('\ue000', '\uffff').withChars("\"\\/\u2028")
        .map(s -> s + (s.length() % 3 == 0 ? "\ud83d\ude00" : ""));
  }

  @Provide
  Arbitrary<List<String>> s3dlio() {
    Arbitrary<String> u64 = Arbitraries.longs().map(Long::toUnsignedString);
    Arbitrary<String> i63 = Arbitraries.longs().between(0, Long.MAX_VALUE).map(v -> Long.toString(v));
    Arbitrary<String> u32 = Arbitraries.longs().between(0, 0xFFFF_FFFFL).map(v -> Long.toString(v));
    Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(20)
        .withCharRange('a', 'z').withCharRange('\u00e0', '\u00ff').withChars("-_./:0123456789 ");
    Arbitrary<String> time = Arbitraries.longs().between(0, 4_000_000_000L).map(s ->
        java.time.Instant.ofEpochSecond(s).toString().replace("Z", ".123456789Z"));
    Arbitrary<String> op = Arbitraries.of("GET", "PUT", "HEAD", "DELETE", "LIST", "STAT");
    // idx thread op client_id n_objects bytes endpoint file error start first_byte end duration_ns
    return Combinators.combine(List.of(i63, u64, op, text, u32, u64, text, text, text, time, time,
        time, u64)).as(cells -> cells);
  }

  /** The s3dlio columns in file order, and which of them are numbers. */
  private static final class RecordEntriesNames {
    static final String[] S3DLIO = {"idx", "thread", "op", "client_id", "n_objects", "bytes",
        "endpoint", "file", "error", "start", "first_byte", "end", "duration_ns"};

    static boolean isNumber(int i) {
      return i == 0 || i == 1 || i == 4 || i == 5 || i == 12;
    }
  }
}
