package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Term frequencies and BM25 ranking against a brute-force model of the fixture: each word's
 * frequency per doc as added, and BM25 computed naively over the records (Lucene's formula and
 * defaults), for random queries, on indexes of the same postings built with different partition
 * counts, budgets and bundle splits, which must rank identically.
 */
class RankingModelTest {
  @TempDir static Path tmp;
  static IndexFixture f;
  static IndexReader[] readers;

  @BeforeAll
  static void build() throws IOException {
    f = IndexFixture.generate(21, 3000);
    IndexOptions[] io = {new IndexOptions(3, 10), new IndexOptions(1, 10), new IndexOptions(7, 10)};
    BuildOptions[] bo = {BuildOptions.defaults(), new BuildOptions(64 * 1024, 2), new BuildOptions(200 * 1024, 5)};
    int[] bundles = {1, 9, 4};
    readers = new IndexReader[io.length];
    for (int i = 0; i < io.length; i++) {
      Path dir = tmp.resolve("i" + i);
      f.build(dir, tmp.resolve("w" + i), io[i], bo[i], bundles[i], 100 + i);
      readers[i] = IndexReader.open(dir, ReaderOptions.defaults());
    }
  }

  @AfterAll
  static void close() throws IOException {
    for (IndexReader r : readers) r.close();
  }

  @Test
  void wordPostingsCarryTheirFrequencies() throws IOException {
    int above1 = 0;
    for (IndexReader r : readers) {
      for (Map.Entry<byte[], TreeMap<Long, Integer>> e : f.freqs.entrySet()) {
        PostingsIterator it = r.postings(e.getKey());
        for (Map.Entry<Long, Integer> p : e.getValue().entrySet()) {
          assertEquals(p.getKey(), it.nextDoc());
          assertEquals(p.getValue(), it.freq(), () -> Terms.describe(e.getKey()) + " in " + p.getKey());
          if (p.getValue() > 1) above1++;
        }
        assertEquals(DocIdIterator.NO_MORE_DOCS, it.nextDoc());
      }
      // Field and path terms keep no frequency.
      PostingsIterator it = r.postings(Terms.field("op", "get"));
      while (it.nextDoc() != DocIdIterator.NO_MORE_DOCS) assertEquals(1, it.freq());
    }
    assertTrue(above1 > 100, "want many frequencies above 1, got " + above1);
  }

  @Test
  void topHitsMatchANaiveBm25() throws IOException {
    Random rnd = new Random(7);
    int compared = 0;
    for (int n = 0; n < 300; n++) {
      Query q = n % 3 == 0 ? f.randomQuery(rnd, 0) : wordQuery(rnd);
      List<long[]> model = naive(q);
      int limit = 1 + rnd.nextInt(n % 10 == 0 ? 5000 : 20);
      List<Hit> first = null;
      for (IndexReader r : readers) {
        List<Hit> hits = r.search(q, limit, null, SortOrder.SCORE);
        assertEquals(Math.min(limit, model.size()), hits.size(), q::toString);
        for (int i = 0; i < hits.size(); i++) {
          double want = Double.longBitsToDouble(model.get(i)[1]);
          Hit h = hits.get(i);
          assertEquals(want, h.score(), 1e-5 * Math.max(1, want), () -> q + " hit " + h);
          // Equal scores (within float rounding) may come in either order only if they tie.
          if (h.docId() != model.get(i)[0]) {
            assertEquals(want, h.score(), 1e-5, () -> q + ": order differs from the model at " + h);
          }
          if (i > 0) {
            Hit p = hits.get(i - 1);
            assertTrue(p.score() > h.score() || (p.score() == h.score() && p.docId() < h.docId()), q::toString);
          }
        }
        if (first == null) first = hits;
        else assertEquals(first, hits, () -> "partitioning changed the ranking of " + q);
        compared += hits.size();
      }
    }
    assertTrue(compared > 3000, "compared " + compared);
  }

  @Test
  void indexOrderCarriesScoresAndTheHeapKeepsTheBest() throws IOException {
    Query q = Query.parse("w1 OR w2 OR common");
    List<Hit> all = readers[0].search(q, Integer.MAX_VALUE, null, SortOrder.SCORE);
    List<Hit> inOrder = readers[0].search(q, Integer.MAX_VALUE, null, SortOrder.INDEX);
    assertEquals(all.size(), inOrder.size());
    List<Hit> resorted = new ArrayList<>(inOrder);
    resorted.sort(Comparator.comparing(Hit::score).reversed().thenComparing(Hit::docId));
    assertEquals(all, resorted);
    for (int k : new int[] {1, 2, 10, 1000}) assertEquals(all.subList(0, k), readers[0].search(q, k, null, SortOrder.SCORE));
    assertEquals(List.of(), readers[0].search(q, 0, null, SortOrder.SCORE));
    // No typed times in the fixture: by time is index order.
    assertEquals(inOrder.subList(0, 50), readers[0].search(q, 50, null, SortOrder.TIME));
    assertEquals(SortOrder.INDEX, SortOrder.defaultFor(Query.parse("op:get")));
    assertEquals(SortOrder.SCORE, SortOrder.defaultFor(Query.parse("op:get w1")));
  }

  private Query wordQuery(Random r) {
    List<Query> cs = new ArrayList<>();
    int k = 1 + r.nextInt(3);
    for (int i = 0; i < k; i++) cs.add(new Query.Term(Terms.word(r.nextInt(8) == 0 ? "common" : "w" + (int) (300 * Math.pow(r.nextDouble(), 2)))));
    if (cs.size() == 1) return cs.get(0);
    return r.nextBoolean() ? new Query.Or(cs) : new Query.And(cs);
  }

  /** (docId, score bits) of q's docs, best first, BM25 computed from the model alone. */
  private static List<long[]> naive(Query q) {
    TreeSet<Long> docs = f.eval(q);
    double n = f.docs.size();
    double avgdl = (double) f.totalWords() / n;
    Set<String> words = new LinkedHashSet<>();
    scored(q, words);
    List<long[]> out = new ArrayList<>();
    for (long d : docs) {
      double s = 0;
      for (String w : words) {
        TreeMap<Long, Integer> post = f.freqs.get(Terms.word(w));
        if (post == null || !post.containsKey(d)) continue;
        int df = post.size();
        double idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        int tf = post.get(d);
        double dl = f.docs.get(d).wordCount();
        s += idf * tf / (tf + 1.2 * (1 - 0.75 + 0.75 * dl / avgdl));
      }
      out.add(new long[] {d, Double.doubleToLongBits((float) s)});
    }
    out.sort((a, b) -> {
      int c = Double.compare(Double.longBitsToDouble(b[1]), Double.longBitsToDouble(a[1]));
      return c != 0 ? c : Long.compare(a[0], b[0]);
    });
    return out;
  }

  /** The query's words outside NOT, each once. */
  private static void scored(Query q, Set<String> words) {
    if (q instanceof Query.Term t) {
      String s = Terms.describe(t.bytes());
      if (t.bytes()[0] == Terms.WORD) words.add(new String(t.bytes(), 1, t.bytes().length - 1, java.nio.charset.StandardCharsets.UTF_8));
    } else if (q instanceof Query.And a) {
      for (Query c : a.clauses()) scored(c, words);
    } else if (q instanceof Query.Or o) {
      for (Query c : o.clauses()) scored(c, words);
    }
  }
}
