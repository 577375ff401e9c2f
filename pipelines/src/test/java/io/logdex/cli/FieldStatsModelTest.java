package io.logdex.cli;

import static io.logdex.cli.BuildCliTest.logdex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.index.Query;
import io.logdex.format.index.TypedValues;
import io.logdex.transforms.BuildOutput;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link FieldStats} against an exact model, cut into 1 to 40 slices: an op-log of many chunks (so
 * many column blocks from many column runs) with 40 groups spelled in two cases, records without
 * the group or the field, a commit log without the field in between, negative and zero values,
 * and values whose sum overflows a long. Every slicing gives the same rows; counts, sums, minima,
 * maxima and group names are exact, percentiles within 1% of the nearest-rank ones.
 */
class FieldStatsModelTest {
  @TempDir static Path tmp;
  static BuildOutput index;
  static final List<Rec> recs = new ArrayList<>();
  static final int N = 8000;
  static final int GROUPS = 40;
  static final long BASE = TypedValues.time("2025-10-09T10:42:00Z");

  /** One op-log record as the model sees it; op or duration null when the record lacks it. */
  record Rec(String op, Long duration, long bytes, long start, String client) {} // start: the record's "timestamp"

  @BeforeAll
  static void build() throws Exception {
    Random r = new Random(29);
    StringBuilder s3 = new StringBuilder();
    for (int i = 0; i < N; i++) {
      int g = r.nextInt(GROUPS);
      String op = r.nextInt(20) == 0 ? null : (r.nextInt(3) == 0 ? "Op" : "OP") + g;
      Long duration = switch (r.nextInt(40)) {
        case 0 -> null;
        case 1 -> 0L;
        case 2, 3, 4 -> -1 - (long) Math.exp(r.nextDouble() * 30);
        case 5 -> (1L << 61) + r.nextInt(1 << 30); // a few of these overflow a long sum
        default -> 1 + (long) Math.exp(r.nextDouble() * 24);
      };
      long bytes = 1000L * r.nextInt(1000);
      long start = BASE + i * 40_000_000L + r.nextInt(1_000_000);
      String client = "c" + r.nextInt(5);
      recs.add(new Rec(op, duration, bytes, start, client));
      s3.append("{\"idx\":").append(i);
      if (op != null) s3.append(",\"op\":\"").append(op).append('"');
      s3.append(",\"client\":\"").append(client).append("\",\"bytes\":").append(bytes)
          .append(",\"timestamp\":\"").append(RangeStatsCliTest.nanos(start)).append('"');
      if (duration != null) s3.append(",\"duration_ns\":").append(duration);
      s3.append("}\n");
    }
    StringBuilder log = new StringBuilder();
    for (int c = 1; c <= 300; c++) {
      log.append("{\"commit\":").append(c).append(",\"seq\":0,\"timestamp\":\"2025-10-09T10:42:0").append(c % 10)
          .append("Z\",\"diff\":{\"op\":\"OP").append(c % 3).append("\"}}\n");
    }
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.writeString(in.resolve("a-ops.jsonl"), s3.toString(), StandardCharsets.UTF_8);
    Files.writeString(in.resolve("b-commits.jsonl"), log.toString(), StandardCharsets.UTF_8);
    Path out = tmp.resolve("out");
    BuildCliTest.Run b = logdex("build", "--oplogs=" + in + "/*.jsonl", "--output=" + out, "--chunkBytes=100000");
    assertEquals(0, b.code(), b.err());
    index = BuildOutput.open(out);
  }

  /** Rows as stats prints them, keyed "bucket group" (exact figures and quantiles). */
  static TreeMap<String, String> rows(int slices, Query q, long width) throws Exception {
    FieldStats s = new FieldStats(slices);
    s.run(index, "duration_ns", q, "op", width);
    TreeMap<String, String> out = new TreeMap<>();
    for (Map.Entry<FieldStats.Key, Percentiles> e : s.rows.entrySet()) {
      Percentiles p = e.getValue();
      long[] qs = p.quantiles(new double[] {0.5, 0.9, 0.99, 0.999});
      out.put(e.getKey().bucket() + " " + s.groupName(e.getKey()),
          p.count + " " + p.sum() + " " + p.min + " " + p.max + " " + qs[0] + " " + qs[1] + " " + qs[2] + " " + qs[3]);
    }
    return out;
  }

  /** The same rows computed from the records: values per (bucket, group), sorted. */
  static TreeMap<String, long[]> model(Predicate<Rec> filter, long width) {
    Map<String, List<Long>> values = new HashMap<>();
    Map<String, String> label = new HashMap<>(); // lowercased op -> first record's spelling
    Map<String, String> keys = new HashMap<>();
    for (Rec rec : recs) {
      if (rec.op() == null || rec.duration() == null || !filter.test(rec)) continue;
      String term = rec.op().toLowerCase(java.util.Locale.ROOT);
      label.putIfAbsent(term, rec.op());
      long bucket = width == 0 ? Long.MIN_VALUE : Math.floorDiv(rec.start(), width) * width;
      String key = bucket + " " + term;
      keys.put(key, bucket + " ");
      values.computeIfAbsent(key, k -> new ArrayList<>()).add(rec.duration());
    }
    TreeMap<String, long[]> out = new TreeMap<>();
    for (Map.Entry<String, List<Long>> e : values.entrySet()) {
      String term = e.getKey().substring(e.getKey().indexOf(' ') + 1);
      out.put(keys.get(e.getKey()) + label.get(term), e.getValue().stream().mapToLong(Long::longValue).sorted().toArray());
    }
    return out;
  }

  static void check(TreeMap<String, long[]> model, TreeMap<String, String> got) {
    assertEquals(model.keySet(), got.keySet());
    for (Map.Entry<String, long[]> e : model.entrySet()) {
      long[] v = e.getValue();
      String[] f = got.get(e.getKey()).split(" ");
      String row = e.getKey() + ": " + got.get(e.getKey());
      assertEquals(v.length, Long.parseLong(f[0]), row);
      BigInteger sum = BigInteger.ZERO;
      for (long x : v) sum = sum.add(BigInteger.valueOf(x));
      assertEquals(sum.toString(), f[1], row);
      assertEquals(v[0], Long.parseLong(f[2]), row);
      assertEquals(v[v.length - 1], Long.parseLong(f[3]), row);
      double[] ps = {0.5, 0.9, 0.99, 0.999};
      for (int i = 0; i < ps.length; i++) {
        long exact = v[(int) Math.ceil(ps[i] * v.length) - 1];
        long q = Long.parseLong(f[4 + i]);
        assertTrue(Math.abs((double) q - exact) <= Math.abs((double) exact) * 0.01, "p" + ps[i] + " " + q + " vs " + exact + ", " + row);
      }
    }
  }

  @Test
  void everySlicingGivesTheModelsFigures() throws Exception {
    TreeMap<String, long[]> model = model(r -> true, 0);
    assertEquals(GROUPS, model.size());
    assertTrue(model.values().stream().anyMatch(v -> v[0] < 0), "some negative values");
    TreeMap<String, String> one = rows(1, null, 0);
    check(model, one);
    assertTrue(one.values().stream().anyMatch(r -> new BigInteger(r.split(" ")[1]).bitLength() > 63), "a sum past a long");
    for (int slices : new int[] {2, 3, 7, 40}) assertEquals(one, rows(slices, null, 0), slices + " slices");
  }

  @Test
  void aQueryAndTimeBucketsSliceTheSame() throws Exception {
    long from = recs.get(1000).start();
    Query q = Query.parse("(client:c1 OR client:c3) bytes:<500000 timestamp:>=" + TypedValues.formatTime(from));
    Predicate<Rec> filter = r -> (r.client().equals("c1") || r.client().equals("c3")) && r.bytes() < 500000 && r.start() >= from;
    long minute = 60_000_000_000L;
    TreeMap<String, long[]> model = model(filter, minute);
    TreeMap<String, String> one = rows(1, q, minute);
    check(model, one);
    assertTrue(model.keySet().stream().map(k -> k.split(" ")[0]).distinct().count() >= 4, "several minutes");
    for (int slices : new int[] {2, 5, 40}) assertEquals(one, rows(slices, q, minute), slices + " slices");
  }
}
