package io.logdex.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.logdex.format.token.Syntax;
import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.token.TokenizerOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The logdex tokenizer against Jackson's streaming JsonParser on the same bytes, one thread.
 *
 * <ul>
 *   <li>{@code jacksonTokens}: every token and its byte offset ({@code currentTokenLocation()}, the
 *       non-deprecated name of {@code getTokenLocation()}). Jackson knows no paths.
 *   <li>{@code logdexTokens}: every token with its offset; no paths.
 *   <li>{@code logdexPathView}: every token; for every node (scalar or BEGIN) its nodeOffset and its
 *       kinded path, read in place through {@code pathView()}.
 *   <li>{@code logdexAppendPath}: the same, with each path copied into a StringBuilder.
 * </ul>
 *
 * <p>The input is Kubernetes-style cluster state (pods with metadata, labels, containers, ports,
 * env, status), about 4 MB, compact or pretty-printed. Throughput in bytes per second is the
 * {@code bytes} counter (divide by 1e6 for MB/s); ops/s is documents per second.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar TokenizerBenchmark}, or through the
 * JMH runner of this module.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Threads(1)
@State(Scope.Thread)
public class TokenizerBenchmark {
  @Param({"compact", "pretty"})
  public String layout;

  @Param({"4000000"})
  public int size;

  /** The grammar: JSON inputs are read strictly, Tony (the default) leniently. */
  @Param({"TONY", "JSON"})
  public String syntax;

  private TokenizerOptions options;

  private byte[] doc;
  private final JsonFactory jackson = new JsonFactory();
  private final StringBuilder path = new StringBuilder(256);

  /** Bytes tokenized; JMH reports it per second. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Throughput {
    public long bytes;

    @Setup(Level.Iteration)
    public void reset() {
      bytes = 0;
    }
  }

  @Setup
  public void setUp() throws IOException {
    byte[] compact = clusterState(size, 42);
    doc = layout.equals("pretty") ? prettyPrint(compact) : compact;
    options = TokenizerOptions.defaults().withSyntax(Syntax.valueOf(syntax));
  }

  @Benchmark
  public long jacksonTokens(Throughput t) throws IOException {
    long acc = 0;
    try (JsonParser p = jackson.createParser(doc)) {
      for (JsonToken k; (k = p.nextToken()) != null; ) {
        acc += p.currentTokenLocation().getByteOffset() + k.ordinal();
      }
    }
    t.bytes += doc.length;
    return acc;
  }

  @Benchmark
  public long logdexTokens(Throughput t) throws IOException {
    long acc = 0;
    Tokenizer tok = Tokenizer.fromBytes(doc, 0, doc.length, "bench", options);
    for (TokenKind k; (k = tok.next()) != TokenKind.END_OF_INPUT; ) {
      acc += tok.offset() + k.ordinal();
    }
    t.bytes += doc.length;
    return acc;
  }

  @Benchmark
  public long logdexPathView(Throughput t) throws IOException {
    long acc = 0;
    Tokenizer tok = Tokenizer.fromBytes(doc, 0, doc.length, "bench", options);
    for (TokenKind k; (k = tok.next()) != TokenKind.END_OF_INPUT; ) {
      if (k.startsValue()) {
        CharSequence p = tok.pathView();
        acc += tok.nodeOffset() + p.length() + (p.length() > 0 ? p.charAt(p.length() - 1) : 0);
      } else {
        acc += tok.offset();
      }
    }
    t.bytes += doc.length;
    return acc;
  }

  @Benchmark
  public long logdexAppendPath(Throughput t) throws IOException {
    long acc = 0;
    Tokenizer tok = Tokenizer.fromBytes(doc, 0, doc.length, "bench", options);
    StringBuilder sb = path;
    for (TokenKind k; (k = tok.next()) != TokenKind.END_OF_INPUT; ) {
      if (k.startsValue()) {
        sb.setLength(0);
        tok.appendPath(sb);
        acc += tok.nodeOffset() + sb.length();
      } else {
        acc += tok.offset();
      }
    }
    t.bytes += doc.length;
    return acc;
  }

  /** Deterministic Kubernetes-like cluster state: {"kind":"List","items":[pod, ...]}. */
  static byte[] clusterState(int targetBytes, long seed) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder(targetBytes + 4096);
    sb.append("{\"apiVersion\":\"v1\",\"kind\":\"List\",\"items\":[");
    for (int i = 0; sb.length() < targetBytes; i++) {
      if (i > 0) sb.append(',');
      sb.append("{\"metadata\":{\"name\":\"web-").append(Integer.toHexString(r.nextInt()))
          .append('-').append(i).append("\",\"namespace\":\"ns-").append(r.nextInt(20))
          .append("\",\"uid\":\"").append(new UUID(r.nextLong(), r.nextLong()))
          .append("\",\"resourceVersion\":\"").append(r.nextInt(1_000_000))
          .append("\",\"creationTimestamp\":\"2025-10-0").append(1 + r.nextInt(9))
          .append("T10:").append(10 + r.nextInt(50)).append(":00Z\",\"labels\":{\"app\":\"web\","
              + "\"tier\":\"").append(r.nextBoolean() ? "frontend" : "backend")
          .append("\",\"pod-template-hash\":\"").append(Integer.toHexString(r.nextInt()))
          .append("\"},\"annotations\":{\"kubernetes.io/psp\":\"restricted\","
              + "\"prometheus.io/scrape\":").append(r.nextBoolean()).append("}},");
      sb.append("\"spec\":{\"nodeName\":\"node-").append(r.nextInt(100))
          .append("\",\"restartPolicy\":\"Always\",\"containers\":[");
      for (int c = 0, n = 1 + r.nextInt(3); c < n; c++) {
        if (c > 0) sb.append(',');
        sb.append("{\"name\":\"c").append(c)
            .append("\",\"image\":\"registry.example.com/team/app:1.").append(r.nextInt(30))
            .append('.').append(r.nextInt(10)).append("\",\"ports\":[{\"containerPort\":")
            .append(8000 + r.nextInt(1000)).append(",\"protocol\":\"TCP\"}],\"resources\":"
                + "{\"limits\":{\"cpu\":\"").append(100 + r.nextInt(900))
            .append("m\",\"memory\":\"").append(64 << r.nextInt(5))
            .append("Mi\"},\"requests\":{\"cpu\":0.").append(1 + r.nextInt(9))
            .append("}},\"env\":[{\"name\":\"LOG_LEVEL\",\"value\":\"info\"},{\"name\":"
                + "\"REPLICAS\",\"value\":\"").append(r.nextInt(10))
            .append("\"}],\"args\":[\"--port\",\"").append(8000 + r.nextInt(1000))
            .append("\",\"--verbose\"]}");
      }
      sb.append("]},\"status\":{\"phase\":\"Running\",\"podIP\":\"10.").append(r.nextInt(255))
          .append('.').append(r.nextInt(255)).append('.').append(r.nextInt(255))
          .append("\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\",\"lastProbeTime\""
              + ":null},{\"type\":\"Initialized\",\"status\":\"True\",\"lastProbeTime\":null}],"
              + "\"restartCount\":").append(r.nextInt(5)).append(",\"cpuUsage\":")
          .append(r.nextDouble() * 10).append("}}");
    }
    sb.append("]}");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The same document indented as kubectl prints it (Jackson's default pretty printer). */
  static byte[] prettyPrint(byte[] json) throws IOException {
    JsonFactory f = new JsonFactory();
    ByteArrayOutputStream out = new ByteArrayOutputStream(json.length * 2);
    try (JsonParser p = f.createParser(json); JsonGenerator g = f.createGenerator(out)) {
      g.useDefaultPrettyPrinter();
      p.nextToken();
      g.copyCurrentStructure(p);
    }
    return out.toByteArray();
  }
}
