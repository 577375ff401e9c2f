package io.logdex.cli;

import static io.logdex.cli.BuildCliTest.logdex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.index.Words;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logdex search --sort}: the top hits by score equal a BM25 computed naively over the
 * generated records (Lucene's formula, k1 = 1.2, b = 0.75, words of every string value), the same
 * with two partition counts and chunk sizes; by time they follow the records' own times; a bad
 * order is a usage error.
 */
class SearchRankingCliTest {
  @TempDir static Path tmp;
  static Path[] outs;
  static final List<Node> diffs = new ArrayList<>(); // diffs.get(c - 1) is commit c's
  static final List<Long> times = new ArrayList<>();
  static final String[] VOCAB = {"disk", "timeout", "retry", "read", "write", "slow", "ok", "node", "gc", "pause"};

  @BeforeAll
  static void build() throws Exception {
    Random r = new Random(11);
    StringBuilder log = new StringBuilder();
    for (int c = 1; c <= 400; c++) {
      StringBuilder msg = new StringBuilder();
      int n = 1 + r.nextInt(12);
      for (int k = 0; k < n; k++) msg.append(k == 0 ? "" : " ").append(VOCAB[(int) (VOCAB.length * Math.pow(r.nextDouble(), 2))]);
      String diff = "{\"level\":\"" + (r.nextInt(4) == 0 ? "WARN" : "info") + "\",\"msg\":\"" + msg + "\"}";
      diffs.add(TreeParser.parse(diff));
      // Times not in commit order, so --sort=time differs from index order.
      long sec = r.nextInt(100000);
      times.add(sec);
      String ts = java.time.Instant.ofEpochSecond(1760000000L + sec).toString();
      log.append("{\"commit\":").append(c).append(",\"seq\":0,\"timestamp\":\"").append(ts).append("\",\"diff\":").append(diff).append("}\n");
    }
    Path in = Files.createDirectories(tmp.resolve("in"));
    Files.writeString(in.resolve("commits.jsonl"), log.toString(), StandardCharsets.UTF_8);
    outs = new Path[] {tmp.resolve("a"), tmp.resolve("b")};
    BuildCliTest.Run a = logdex("build", "--oplogs=" + in + "/*.jsonl", "--output=" + outs[0], "--partitions=1");
    assertEquals(0, a.code(), a.err());
    BuildCliTest.Run b = logdex("build", "--oplogs=" + in + "/*.jsonl", "--output=" + outs[1], "--partitions=5", "--chunkBytes=4096", "--spillBudgetBytes=65536");
    assertEquals(0, b.code(), b.err());
  }

  static List<String> words(Node diff) {
    List<String> w = new ArrayList<>();
    for (String f : new String[] {"level", "msg"}) Words.forEach(diff.get(f).text(), w::add);
    return w;
  }

  /** [commit, score] of the naive BM25 ranking of an OR/AND of words, best first, ties by commit. */
  static List<double[]> naive(List<String> query, boolean and) {
    int n = diffs.size();
    long total = 0;
    Map<String, Integer> df = new HashMap<>();
    for (Node d : diffs) {
      List<String> ws = words(d);
      total += ws.size();
      for (String w : new LinkedHashSet<>(ws)) df.merge(w, 1, Integer::sum);
    }
    double avgdl = (double) total / n;
    List<double[]> out = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      List<String> ws = words(diffs.get(c));
      double s = 0;
      boolean all = true;
      boolean any = false;
      for (String q : new LinkedHashSet<>(query)) {
        int tf = 0;
        for (String w : ws) if (w.equals(q)) tf++;
        if (tf == 0) {
          all = false;
          continue;
        }
        any = true;
        double idf = Math.log(1 + (n - df.get(q) + 0.5) / (df.get(q) + 0.5));
        s += idf * tf / (tf + 1.2 * (1 - 0.75 + 0.75 * ws.size() / avgdl));
      }
      if (and ? all : any) out.add(new double[] {c + 1, (float) s});
    }
    out.sort((x, y) -> x[1] != y[1] ? Double.compare(y[1], x[1]) : Double.compare(x[0], y[0]));
    return out;
  }

  @Test
  void topHitsByScoreEqualANaiveBm25() throws Exception {
    Random r = new Random(3);
    for (int i = 0; i < 12; i++) {
      List<String> q = new ArrayList<>();
      int k = 1 + r.nextInt(3);
      for (int j = 0; j < k; j++) q.add(VOCAB[r.nextInt(VOCAB.length)]);
      boolean and = r.nextBoolean();
      String text = String.join(and ? " " : " OR ", q);
      List<double[]> want = naive(q, and);
      List<String> first = null;
      for (Path out : outs) {
        List<String> ranked = new ArrayList<>(); // commit and score: where a record's log lies differs with the chunks
        BuildCliTest.Run s = logdex("search", "--index=" + out, "--limit=10", text);
        assertEquals(want.isEmpty() ? ExitCode.NOT_FOUND : ExitCode.OK, s.code(), text + ": " + s.err());
        assertEquals(Math.min(10, want.size()), s.lines().size(), text);
        for (int h = 0; h < s.lines().size(); h++) {
          Node hit = TreeParser.parse(s.lines().get(h));
          double score = Double.parseDouble(hit.get("score").text());
          assertEquals(want.get(h)[1], score, 1e-5, text + " hit " + h);
          long commit = Long.parseLong(hit.get("commit").text());
          if (commit != (long) want.get(h)[0]) assertEquals(want.get(h)[1], score, 1e-6, text + ": order at hit " + h);
          ranked.add(commit + " " + hit.get("score").text());
        }
        if (first == null) first = ranked;
        else assertEquals(first, ranked, "partitions and chunk size changed the ranking of " + text);
      }
    }
  }

  @Test
  void sortByTimeAndIndex() throws Exception {
    BuildCliTest.Run t = logdex("search", "--index=" + outs[1], "--limit=20", "--sort=time", "disk");
    assertEquals(0, t.code(), t.err());
    List<long[]> want = new ArrayList<>();
    for (int c = 1; c <= diffs.size(); c++) if (words(diffs.get(c - 1)).contains("disk")) want.add(new long[] {times.get(c - 1), c});
    want.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
    assertEquals(20, t.lines().size());
    for (int h = 0; h < 20; h++) {
      Node hit = TreeParser.parse(t.lines().get(h));
      assertEquals(want.get(h)[1], Long.parseLong(hit.get("commit").text()), "hit " + h);
      assertTrue(Double.parseDouble(hit.get("score").text()) > 0, "every hit carries its score");
    }
    BuildCliTest.Run i = logdex("search", "--index=" + outs[1], "--limit=5", "--sort=index", "disk");
    long prev = 0;
    for (String line : i.lines()) {
      long c = Long.parseLong(TreeParser.parse(line).get("commit").text());
      assertTrue(c > prev);
      prev = c;
    }
    // No words: index order by default, score 0.
    BuildCliTest.Run f = logdex("search", "--index=" + outs[1], "--limit=3", "level:warn");
    for (String line : f.lines()) assertEquals("0.0", TreeParser.parse(line).get("score").text());
  }

  @Test
  void aBadSortIsAUsageError() {
    BuildCliTest.Run r = logdex("search", "--index=" + outs[0], "--sort=relevance", "disk");
    assertEquals(ExitCode.USAGE, r.code());
    assertTrue(r.err().contains("--sort must be score, time or index, not 'relevance'"), r.err());
    assertEquals(1, r.err().strip().split("\n").length, r.err());
  }
}
