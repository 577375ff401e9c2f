package io.logdex.cli;

import static io.logdex.cli.BuildCliTest.logdex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.index.TypedValues;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ranges, typed equality, --since/--until and stats against a brute-force model of a generated
 * s3dlio op-log (JSONL, nanosecond times, values repeated so that edges are hit exactly) and a
 * generated commit log (entry timestamps with 0 to 9 fraction digits and offsets): every
 * operator at its edges, NOT and OR with ranges and words, empty results, percentiles within 1%
 * of the exact nearest-rank ones, and syntax errors with their column and exit 2.
 */
class RangeStatsCliTest {
  @TempDir static Path tmp;
  static Path out;
  static final List<Map<String, Object>> ops = new ArrayList<>(); // idx = position
  static final List<Long> commitTimes = new ArrayList<>(); // commit c at c - 1
  static final String[] OPS = {"GET", "PUT", "HEAD", "DELETE", "LIST"};
  static final long BASE = TypedValues.time("2025-10-09T10:42:00Z");
  static final int OPS_N = 3000;
  static final int COMMITS = 400;

  @BeforeAll
  static void build() throws Exception {
    Random r = new Random(13);
    StringBuilder s3 = new StringBuilder();
    for (int i = 0; i < OPS_N; i++) {
      String op = OPS[r.nextInt(OPS.length)];
      long bytes = r.nextInt(4) == 0 ? 67108864 : 1000L * r.nextInt(100_000);
      long duration = r.nextInt(5) == 0 ? 5_000_000_000L : 1 + (long) Math.exp(r.nextDouble() * 22);
      long start = BASE + i * 50_000_000L + r.nextInt(1_000_000);
      Map<String, Object> m = new HashMap<>();
      m.put("idx", (long) i);
      m.put("op", op);
      m.put("bytes", bytes);
      m.put("duration_ns", duration);
      m.put("start", start);
      m.put("file", (r.nextBoolean() ? "dlio-unet3d/" : "dlio-resnet/") + i + ".npz");
      ops.add(m);
      s3.append("{\"idx\":").append(i).append(",\"thread\":10873903663032719337,\"op\":\"").append(op)
          .append("\",\"client_id\":\"agent-").append(i % 7).append("\",\"n_objects\":1,\"bytes\":").append(bytes)
          .append(",\"endpoint\":\"gs://b\",\"file\":\"").append(m.get("file")).append("\",\"error\":null,\"start\":\"")
          .append(nanos(start)).append("\",\"first_byte\":\"").append(nanos(start + 1000)).append("\",\"end\":\"")
          .append(nanos(start + duration)).append("\",\"duration_ns\":").append(duration).append("}\n");
    }
    StringBuilder log = new StringBuilder();
    for (int c = 1; c <= COMMITS; c++) {
      long t = BASE + c * 1_234_567_891L;
      commitTimes.add(t);
      log.append("{\"commit\":").append(c).append(",\"seq\":0,\"timestamp\":\"").append(spelled(t, c))
          .append("\",\"diff\":{\"word\":\"w").append(c % 3).append("\"}}\n");
    }
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.writeString(in.resolve("a-ops.jsonl"), s3.toString(), StandardCharsets.UTF_8);
    Files.writeString(in.resolve("b-commits.jsonl"), log.toString(), StandardCharsets.UTF_8);
    out = tmp.resolve("out");
    // Small chunks: the op-log spans several chunks, so typed.cols joins several column runs.
    BuildCliTest.Run b = logdex("build", "--oplogs=" + in + "/*.jsonl", "--output=" + out, "--chunkBytes=200000");
    assertEquals(0, b.code(), b.err());
  }

  /** The s3dlio form: nine fraction digits, Z. */
  static String nanos(long t) {
    String s = TypedValues.formatTime(t - t % 1_000_000_000L); // whole seconds, "...SSZ"
    return s.substring(0, s.length() - 1) + String.format(".%09dZ", t % 1_000_000_000L);
  }

  /** t spelled with (c % 10) fraction digits (exact, since t's digits past them are zero or cut) in UTC or +02:00. */
  static String spelled(long t, int c) {
    int digits = c % 10;
    String n = nanos(t);
    String frac = digits == 0 ? "" : "." + n.substring(20, 20 + digits);
    String secs = n.substring(0, 19);
    if (c % 2 == 0) return secs + frac + "Z";
    // The same instant two hours ahead.
    String shifted = nanos(t + 7_200_000_000_000L).substring(0, 19);
    return shifted + frac + "+02:00";
  }

  /** The instant an entry's spelled time stands for (its digits past the spelling are dropped). */
  static long commitTime(int c) {
    return TypedValues.time(spelled(commitTimes.get(c - 1), c));
  }

  static long count(String... args) {
    List<String> a = new ArrayList<>(List.of("search", "--index=" + out, "--count"));
    a.addAll(Arrays.asList(args));
    BuildCliTest.Run r = logdex(a.toArray(new String[0]));
    assertTrue(r.code() == ExitCode.OK || r.code() == ExitCode.NOT_FOUND, a + ": " + r.err());
    return Long.parseLong(r.out().trim());
  }

  static long model(Predicate<Map<String, Object>> p) {
    return ops.stream().filter(p).count();
  }

  static long num(Map<String, Object> m, String f) {
    return (Long) m.get(f);
  }

  /** The idx of every op-log hit of the query. */
  static TreeSet<Long> hits(String query) throws Exception {
    BuildCliTest.Run r = logdex("search", "--index=" + out, "--limit=100000", query);
    assertTrue(r.code() == ExitCode.OK || r.code() == ExitCode.NOT_FOUND, query + ": " + r.err());
    TreeSet<Long> s = new TreeSet<>();
    for (String line : r.lines()) {
      Node d = TreeParser.parse(line).get("record").get("diff");
      if (d.get("idx") != null) s.add(Long.parseLong(d.get("idx").text()));
    }
    return s;
  }

  static TreeSet<Long> modelIdx(Predicate<Map<String, Object>> p) {
    TreeSet<Long> s = new TreeSet<>();
    for (Map<String, Object> m : ops) if (p.test(m)) s.add(num(m, "idx"));
    return s;
  }

  @Test
  void comparisonsAtTheirEdges() throws Exception {
    long e = 67108864;
    assertEquals(model(m -> num(m, "bytes") >= e), count("bytes:>=" + e));
    assertEquals(model(m -> num(m, "bytes") > e), count("bytes:>" + e));
    assertEquals(model(m -> num(m, "bytes") < e), count("bytes:<" + e));
    assertEquals(model(m -> num(m, "bytes") <= e), count("bytes:<=" + e));
    assertEquals(model(m -> num(m, "bytes") == e), count("bytes:" + e), "equality is a one-point range");
    assertTrue(model(m -> num(m, "bytes") == e) > 100);
    assertEquals(modelIdx(m -> num(m, "bytes") > 50_000_000 - 1 && num(m, "bytes") < e), hits("bytes:>=50000000 bytes:<67108864"));
  }

  @Test
  void bracketsInclusiveExclusiveAndMixed() throws Exception {
    long lo = 1_000_000;
    long hi = 5_000_000_000L;
    assertEquals(model(m -> num(m, "duration_ns") >= lo && num(m, "duration_ns") <= hi), count("duration_ns:[1000000 TO 5000000000]"));
    assertEquals(model(m -> num(m, "duration_ns") > lo && num(m, "duration_ns") < hi), count("duration_ns:{1000000 TO 5000000000}"));
    assertEquals(model(m -> num(m, "duration_ns") >= lo && num(m, "duration_ns") < hi), count("duration_ns:[1000000 TO 5000000000}"));
    assertEquals(model(m -> num(m, "duration_ns") > lo && num(m, "duration_ns") <= hi), count("duration_ns:{1000000 TO 5000000000]"));
    assertEquals(model(m -> num(m, "duration_ns") >= hi), count("duration_ns:[5000000000 TO *]"));
    assertEquals(model(m -> num(m, "idx") >= 100 && num(m, "idx") <= 200), count("idx:[100 TO 200]"));
    assertEquals(101, count("idx:[100 TO 200] -word:w0 -word:w1 -word:w2"));
    // commit is an s3dlio row's idx and a log entry's own commit: both kinds are in the range.
    assertEquals(201 + 201, count("commit:[100 TO 300]"));
    assertEquals(201, count("commit:[100 TO 300] word:*"));
    assertEquals(0, count("idx:[200 TO 100]"));
    assertEquals(0, count("idx:{5 TO 6}"));
    assertEquals(1, count("idx:[5 TO 6}"));
    assertEquals(0, count("bytes:>9223372036854775807"));
    assertEquals(0, count("nosuchfield:>1"));
  }

  @Test
  void timesWithNanosecondsAndAnyFraction() throws Exception {
    long t1 = (Long) ops.get(700).get("start");
    long t2 = (Long) ops.get(1500).get("start");
    String a = nanos(t1);
    String b = nanos(t2);
    assertEquals(801, count("start:[" + a + " TO " + b + "]"));
    assertEquals(799, count("start:{" + a + " TO " + b + "}"));
    assertEquals(800, count("start:[" + a + " TO " + b + "}"));
    assertEquals(1, count("start:" + a), "a start is found by its exact nanoseconds");
    assertEquals(0, count("start:" + nanos(t1 + 1)));
    // 10:42:00 plus 0.5 s: records 0..9 start before it (50 ms apart, up to 1 ms late).
    assertEquals(model(m -> num(m, "start") <= BASE + 500_000_000L), count("start:[2025-10-09T10:42:00Z TO 2025-10-09T10:42:00.5Z]"));
    assertEquals(model(m -> num(m, "start") < BASE + 60_000_000_000L), count("start:<2025-10-09T12:43:00+02:00"));
    // Commit-log entries: their timestamps, spelled with 0 to 9 digits and two offsets.
    for (int c : new int[] {1, 2, 9, 10, 123, 399}) {
      String at = spelled(commitTimes.get(c - 1), c);
      assertEquals(1, count("timestamp:" + at + " word:*"), at);
      long exact = commitTime(c);
      long after = 0;
      for (int k = 1; k <= COMMITS; k++) if (commitTime(k) >= exact) after++;
      assertEquals(after, count("timestamp:>=" + at + " word:*"), at);
    }
  }

  @Test
  void notOrWordsAndPrefixesWithRanges() throws Exception {
    assertEquals(modelIdx(m -> m.get("op").equals("GET") && num(m, "bytes") <= 67108864),
        hits("op:get -bytes:>67108864"));
    assertEquals(modelIdx(m -> (num(m, "bytes") == 67108864 || num(m, "duration_ns") < 1000) && !m.get("op").equals("PUT")),
        hits("(bytes:67108864 OR duration_ns:<1000) -op:PUT"));
    assertEquals(modelIdx(m -> ((String) m.get("file")).startsWith("dlio-unet3d") && num(m, "idx") < 300),
        hits("file:dlio-unet3d* idx:<300"));
    assertEquals(modelIdx(m -> ((String) m.get("file")).contains("resnet") && num(m, "duration_ns") >= 5_000_000_000L),
        hits("resnet duration_ns:>=5000000000"));
    assertEquals(new TreeSet<Long>(), hits("op:get -idx:[0 TO *]"));
  }

  @Test
  void sinceAndUntilOnTheRecordsOwnTime() throws Exception {
    long t1 = (Long) ops.get(1000).get("start");
    long t2 = (Long) ops.get(2000).get("start");
    long commits = 0;
    for (int c = 1; c <= COMMITS; c++) if (commitTime(c) >= t1 && commitTime(c) < t2) commits++;
    assertEquals(1000 + commits, count("--since=" + nanos(t1), "--until=" + nanos(t2)));
    assertEquals(model(m -> num(m, "start") >= t1 && m.get("op").equals("HEAD")), count("--since=" + nanos(t1), "op:head"));
    BuildCliTest.Run bad = logdex("search", "--index=" + out, "--since=yesterday", "op:get");
    assertEquals(ExitCode.USAGE, bad.code());
    assertTrue(bad.err().contains("--since takes an RFC 3339 time"), bad.err());
  }

  @Test
  void statsMatchExactFiguresWithinOnePercent() throws Exception {
    long t1 = (Long) ops.get(500).get("start");
    checkStats(m -> true, "stats", "--index=" + out, "--field=duration_ns", "--by=op", "--json");
    checkStats(m -> num(m, "bytes") < 67108864 && num(m, "start") >= t1, "stats", "--index=" + out,
        "--field=duration_ns", "--by=op", "--json", "--since=" + nanos(t1), "bytes:<67108864");
    BuildCliTest.Run all = logdex("stats", "--index=" + out, "--field=bytes", "--json", "op:put");
    assertEquals(0, all.code(), all.err());
    Node row = TreeParser.parse(all.lines().get(0));
    assertEquals(Node.Kind.NULL, row.get("group").kind());
    assertEquals(model(m -> m.get("op").equals("PUT")), Long.parseLong(row.get("count").text()));
    BuildCliTest.Run hist = logdex("stats", "--index=" + out, "--field=duration_ns", "--histogram=1m", "--json");
    assertEquals(0, hist.code(), hist.err());
    long minutes = 0;
    long total = 0;
    for (String line : hist.lines()) {
      Node h = TreeParser.parse(line);
      assertTrue(h.get("time").text().endsWith(":00Z"), line);
      total += Long.parseLong(h.get("count").text());
      minutes++;
    }
    assertEquals(OPS_N, total, "commit-log entries have no duration_ns");
    assertEquals(3, minutes, "3000 records 50 ms apart span 10:42 to 10:44");
    BuildCliTest.Run table = logdex("stats", "--index=" + out, "--field=duration_ns", "--by=op");
    assertEquals("group\tcount\tsum\tmin\tmax\tp50\tp90\tp99\tp999", table.lines().get(0));
    assertEquals(1 + OPS.length, table.lines().size());
    assertEquals(ExitCode.USAGE, logdex("stats", "--index=" + out, "--field=op").code());
  }

  private void checkStats(Predicate<Map<String, Object>> filter, String... args) throws Exception {
    BuildCliTest.Run r = logdex(args);
    assertEquals(0, r.code(), r.err());
    assertEquals(OPS.length, r.lines().size(), r.out());
    for (String line : r.lines()) {
      Node o = TreeParser.parse(line);
      String op = o.get("group").text();
      long[] v = ops.stream().filter(filter).filter(m -> m.get("op").equals(op))
          .mapToLong(m -> num(m, "duration_ns")).sorted().toArray();
      assertEquals(v.length, Long.parseLong(o.get("count").text()), line);
      assertEquals(Arrays.stream(v).sum(), Long.parseLong(o.get("sum").text()), line);
      assertEquals(v[0], Long.parseLong(o.get("min").text()), line);
      assertEquals(v[v.length - 1], Long.parseLong(o.get("max").text()), line);
      double[] qs = {0.5, 0.9, 0.99, 0.999};
      String[] names = {"p50", "p90", "p99", "p999"};
      for (int i = 0; i < qs.length; i++) {
        long exact = v[(int) Math.ceil(qs[i] * v.length) - 1];
        long got = Long.parseLong(o.get(names[i]).text());
        assertTrue(Math.abs(got - exact) <= exact * 0.01, names[i] + " " + got + " vs exact " + exact + ": " + line);
      }
    }
  }

  @Test
  void logDumpJsonIsOneObjectPerRecord() throws Exception {
    Path log;
    try (var s = Files.walk(out)) {
      log = s.filter(p -> p.toString().endsWith(".log")).sorted().reduce((x, y) -> y).orElseThrow();
    }
    BuildCliTest.Run plain = logdex("log", "dump", log.toString(), "--limit=3");
    BuildCliTest.Run json = logdex("log", "dump", log.toString(), "--limit=3", "--json");
    assertEquals(0, json.code(), json.err());
    assertEquals(3, json.lines().size());
    for (int i = 0; i < 3; i++) {
      Node o = TreeParser.parse(json.lines().get(i));
      String[] cells = plain.lines().get(i).split("\t", 2);
      assertEquals(cells[0], o.get("position").text());
      assertEquals(TreeParser.parse(cells[1]), o.get("entry"));
    }
  }

  @Test
  void syntaxErrorsNameTheColumnAndExit2() {
    String[][] cases = {
      {"bytes:>", "query column 8: '>' needs an integer or an RFC 3339 time"},
      {"op:get bytes:[1 TO ]", "query column 20: a range needs an upper bound"},
      {"bytes:[1 TO 2", "query column 7: '[' is never closed"},
      {"bytes:[x TO 2]", "query column 8: 'x' is neither a 64-bit integer nor an RFC 3339 time"},
      {"bytes:[1 TO 2025-10-09T10:42:00Z]", "query column 13: both bounds of a range must be integers, or both RFC 3339 times"},
      {"bytes:[1 2]", "query column 10: a range is written [a TO b]"},
      {"bytes:[* TO *]", "query column 8: a range needs at least one bound"},
      {"start:>2025-13-01T00:00:00Z", "query column 8: '2025-13-01T00:00:00Z' is neither"},
    };
    for (String[] c : cases) {
      BuildCliTest.Run r = logdex("search", "--index=" + out, c[0]);
      assertEquals(ExitCode.USAGE, r.code(), c[0]);
      assertTrue(r.err().contains(c[1]), c[0] + " -> " + r.err());
      assertEquals(1, r.err().strip().split("\n").length, r.err());
    }
  }
}
