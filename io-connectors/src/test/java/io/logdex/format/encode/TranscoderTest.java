package io.logdex.format.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import io.logdex.format.token.DocumentMode;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.token.TokenizerOptions;
import io.logdex.format.token.TonySamples;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TranscoderTest {
  private static final TokenizerOptions STREAM =
      TokenizerOptions.defaults().withDocuments(DocumentMode.STREAM);

  /** A sample input and the name its failures report. */
  record Sample(String name, byte[] bytes) {}

  /**
   * The public Tony wire samples (signadot/tony-format testdata, on the test classpath) and the
   * repo's generated samples in samples/data, found from the repository or the module directory.
   */
  static List<Sample> samples() throws IOException {
    List<Sample> samples = new ArrayList<>();
    for (Map.Entry<String, String> e : TonySamples.WIRE.entrySet()) {
      byte[] bytes = e.getValue().getBytes(StandardCharsets.UTF_8);
      samples.add(new Sample("tony-samples/wire/" + e.getKey(), bytes));
    }
    for (Path dir : List.of(Path.of("samples/data"), Path.of("../samples/data"))) {
      if (!Files.isDirectory(dir)) continue;
      List<Path> files;
      try (Stream<Path> s = Files.list(dir)) {
        files = s.filter(p -> p.toString().endsWith(".tony") || p.toString().endsWith(".json")
                || p.toString().endsWith(".jsonl"))
            .sorted()
            .toList();
      }
      for (Path p : files) samples.add(new Sample(p.toString(), Files.readAllBytes(p)));
    }
    return samples;
  }

  private static byte[] transcode(byte[] in, OutputFormat f) throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    Encoder e = new Encoder(bos, f);
    Transcoder.copy(Tokenizer.fromBytes(in, 0, in.length, "in", STREAM), e);
    e.flush();
    return bos.toByteArray();
  }

  private static List<Node> documents(byte[] in) {
    List<Node> out = new ArrayList<>();
    TreeParser.documents(Tokenizer.fromBytes(in, 0, in.length, "in", STREAM)).forEachRemaining(out::add);
    return out;
  }

  @Test
  void samplesReproduceTheirDocumentsCanonically() throws IOException {
    List<Sample> samples = samples();
    assertTrue(samples.size() >= 4, "samples found: " + samples.stream().map(Sample::name).toList());
    int wireSamples = 0;
    for (Sample sample : samples) {
      String file = sample.name();
      byte[] in = sample.bytes();
      List<Node> docs = documents(in);
      assertFalse(docs.isEmpty(), file);
      if (file.contains("tony-samples")) wireSamples++;

      byte[] wire = transcode(in, OutputFormat.WIRE);
      assertEquals(docs, documents(wire), file);
      assertEquals(docs.size(), count(wire, (byte) '\n'), "one line per document: " + file);
      assertArrayEquals(wire, transcode(wire, OutputFormat.WIRE), "canonical: " + file);
      // Token by token and tree by tree give the same bytes.
      ByteArrayOutputStream viaTrees = new ByteArrayOutputStream();
      for (Node d : docs) viaTrees.write(Encoder.encode(d, OutputFormat.WIRE));
      assertArrayEquals(viaTrees.toByteArray(), wire, file);

      for (OutputFormat f : new OutputFormat[] {OutputFormat.JSON, OutputFormat.JSON_PRETTY}) {
        byte[] json = transcode(in, f);
        List<Node> expected = new ArrayList<>();
        for (Node d : docs) expected.add(JsonView.of(d));
        assertEquals(expected, documents(json), file + " " + f);
        assertArrayEquals(json, transcode(json, f), "canonical: " + file + " " + f);
        if (f == OutputFormat.JSON) {
          for (String line : new String(json, StandardCharsets.UTF_8).split("\n")) StrictJson.check(line);
        }
      }
    }
    assertTrue(wireSamples >= 5, "tony-samples/wire: " + wireSamples);
  }

  @Test
  void blockTonyIsRefusedByName() throws IOException {
    List<byte[]> inputs = new ArrayList<>(List.of(
        "key: value\n".getBytes(StandardCharsets.UTF_8),
        "- a\n- b\n".getBytes(StandardCharsets.UTF_8)));
    for (String block : TonySamples.BLOCK.values()) inputs.add(block.getBytes(StandardCharsets.UTF_8));
    for (byte[] in : inputs) {
      FormatException e = assertThrows(FormatException.class, () -> transcode(in, OutputFormat.WIRE));
      assertTrue(e.getMessage().contains("block"), e.getMessage());
    }
  }

  @Test
  void tonySugarBecomesCanonical() throws IOException {
    String[][] cases = {
      {"{a b}", "{a: null, b: null}"},
      {"{a, b: 1,}", "{a: null, b: 1}"},
      {"[1 2 3,]", "[1, 2, 3]"},
      {"[!delete]", "[!delete null]"},
      {"{a: !t, b: !u}", "{a: !t null, b: !u null}"},
      {"!t", "!t null"},
      {"{'k': 'it\\'s \"q\"'} # comment", "{k: \"it's \\\"q\\\"\"}"},
      {"\"\\u0041\\/\\ud83d\\ude00\\u00e9\"", "\"A/😀é\""},
      {"{13: a, \"13\": b, 4294967296: c, -1: d, 1.5: e}",
          "{13: a, \"13\": b, \"4294967296\": c, \"-1\": d, \"1.5\": e}"},
      {"{url: s3://b/k, 'x y': a#b}", "{url: s3://b/k, \"x y\": a#b}"},
      {"[\n  1,\n  {\n    \"a\": []\n  }\n]", "[1, {a: []}]"},
      {"1 2\n\n[3]", "1\n2\n[3]"},
    };
    for (String[] c : cases) {
      byte[] out = transcode(c[0].getBytes(StandardCharsets.UTF_8), OutputFormat.WIRE);
      assertEquals(c[1] + "\n", new String(out, StandardCharsets.UTF_8), c[0]);
    }
    assertEquals("{\"a\":null,\"b\":\"x\"}\n",
        new String(transcode("{a, b: !t x}".getBytes(StandardCharsets.UTF_8), OutputFormat.JSON), StandardCharsets.UTF_8));
  }

  @Test
  void randomTreesConvertLikeTheTreeEncoder() throws IOException {
    RandomTrees trees = new RandomTrees(41);
    for (int round = 0; round < 500; round++) {
      Node x = trees.tree(5);
      byte[] wire = Encoder.encode(x, OutputFormat.WIRE);
      assertArrayEquals(wire, transcode(wire, OutputFormat.WIRE));
      byte[] pretty;
      try {
        pretty = Encoder.encode(x, OutputFormat.JSON_PRETTY);
      } catch (IllegalArgumentException sparseAndDigitKeys) {
        FormatException e = assertThrows(FormatException.class, () -> transcode(wire, OutputFormat.JSON));
        assertTrue(e.getMessage().contains("sparse"), e.getMessage());
        continue;
      }
      assertArrayEquals(pretty, transcode(wire, OutputFormat.JSON_PRETTY));
      assertArrayEquals(Encoder.encode(x, OutputFormat.JSON), transcode(pretty, OutputFormat.JSON));
    }
  }

  @Test
  void oversizedTokensFailWithTheTokenizersError() {
    byte[] in = ("[\"" + "x".repeat(5000) + "\"]").getBytes(StandardCharsets.UTF_8);
    Tokenizer t = Tokenizer.fromBytes(in, 0, in.length, "big", STREAM.withMaxTokenBytes(1000).withBufferSize(256));
    Encoder e = new Encoder(OutputStream.nullOutputStream(), OutputFormat.WIRE);
    FormatException f = assertThrows(FormatException.class, () -> Transcoder.copy(t, e));
    assertEquals(1, f.offset());
    assertTrue(f.getMessage().contains("maxTokenBytes"), f.getMessage());
  }

  @Test
  void encoderMisuseIsReportedAtTheInputPosition() throws IOException {
    Encoder e = new Encoder(OutputStream.nullOutputStream(), OutputFormat.WIRE);
    e.beginObject(); // the encoder now wants a key, but the input starts with a value
    byte[] in = "\n  [1]".getBytes(StandardCharsets.UTF_8);
    FormatException f = assertThrows(FormatException.class,
        () -> Transcoder.copy(Tokenizer.fromBytes(in, 0, in.length, "in", STREAM), e));
    assertEquals(3, f.offset());
    assertEquals(2, f.line());
    assertTrue(f.getCause() instanceof IllegalStateException);
  }

  @Test
  void copyValueCopiesOneSubDocument() throws IOException {
    byte[] in = "{a: !t [1, {b: 2}], c: 3}".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    Encoder e = new Encoder(bos, OutputFormat.JSON);
    // Read from the offset of a's value, as a reader seeking to an indexed sub-document does.
    Tokenizer t = Tokenizer.fromBytes(in, 4, in.length - 4, 4, "in", STREAM);
    Transcoder.copyValue(t, e);
    e.flush();
    assertEquals("[1,{\"b\":2}]\n", bos.toString(StandardCharsets.UTF_8));
    assertEquals(1, e.droppedTags());
    Tokenizer end = Tokenizer.fromBytes(in, 24, 1, "in", STREAM);
    assertThrows(FormatException.class, () -> Transcoder.copyValue(end, e));
  }

  /** A long input made on the fly: the transcoder must stream it, never holding it whole. */
  @Test
  void largeInputStreamsThrough() throws IOException {
    long elements = 300_000;
    InputStream in = new GeneratedArray(elements);
    ByteCounter out = new ByteCounter();
    Encoder e = new Encoder(out, OutputFormat.JSON);
    Tokenizer t = Tokenizer.fromStream(in, "generated", STREAM.withBufferSize(64 * 1024));
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long start = mx.getCurrentThreadCpuTime();
    assertEquals(1, Transcoder.copy(t, e));
    e.flush();
    double seconds = (mx.getCurrentThreadCpuTime() - start) / 1e9;
    // [{"i":0,"s":"é\n"}, ...] : every element re-encodes to the same JSON length.
    assertEquals(2 + elements * "{\"i\":0,\"s\":\"é\\n\"}".getBytes(StandardCharsets.UTF_8).length
        + (elements - 1) + digitsBeyondOne(elements) + 1, out.count());
    System.out.printf("transcoded %,d bytes of wire to JSON in %.2f s CPU (%.0f MB/s)%n",
        ((GeneratedArray) in).produced, seconds, ((GeneratedArray) in).produced / seconds / 1e6);
  }

  private static long digitsBeyondOne(long n) {
    long extra = 0;
    for (long i = 0; i < n; i++) extra += Long.toString(i).length() - 1;
    return extra;
  }

  /** {@code [{i: 0, s: "é\n"}, {i: 1, ...}, ...]} in Tony wire, produced as it is read. */
  private static final class GeneratedArray extends InputStream {
    private final long elements;
    private long next;
    private byte[] chunk = "[".getBytes(StandardCharsets.UTF_8);
    private int pos;
    long produced;

    GeneratedArray(long elements) {
      this.elements = elements;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos == chunk.length) {
        if (next > elements) return -1;
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < 1000 && next < elements; k++, next++) {
          sb.append(next == 0 ? "" : ", ").append("{i: ").append(next).append(", s: \"é\\n\"}");
        }
        if (next == elements) {
          sb.append(']');
          next++;
        }
        chunk = sb.toString().getBytes(StandardCharsets.UTF_8);
        pos = 0;
      }
      int n = Math.min(len, chunk.length - pos);
      System.arraycopy(chunk, pos, b, off, n);
      pos += n;
      produced += n;
      return n;
    }
  }

  private static int count(byte[] b, byte x) {
    int n = 0;
    for (byte c : b) if (c == x) n++;
    return n;
  }

  @Test
  void readsFromAStream() throws IOException {
    byte[] in = "{a: 1}\n{b: [x]}\n".getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    Encoder e = new Encoder(bos, OutputFormat.JSON);
    assertEquals(2, Transcoder.copy(Tokenizer.fromStream(new ByteArrayInputStream(in), "s", STREAM.withBufferSize(3)), e));
    e.flush();
    assertEquals("{\"a\":1}\n{\"b\":[\"x\"]}\n", bos.toString(StandardCharsets.UTF_8));
  }
}
