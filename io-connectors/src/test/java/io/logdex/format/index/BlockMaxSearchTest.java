package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Top k by score with block-max skipping ({@link BlockMaxSearch}) against the exhaustive ranking:
 * every match scored (index order, all hits) and sorted by score, then docId. Over generated logs
 * (many ties: word counts 0-14, a word in 95% of the docs, repeated words) in indexes of many
 * partitions, for k = 1, 10 and 1000 and random queries of 1 to 4 words under AND, OR and NOT, with
 * field terms; the two must be equal hit for hit, and the skipping must actually have skipped.
 */
class BlockMaxSearchTest {
  @TempDir Path tmp;

  @Test
  void skippingRanksExactlyAsScoringEveryMatch() throws IOException {
    long passed = 0;
    int compared = 0;
    for (long seed = 1; seed <= 3; seed++) {
      IndexFixture f = IndexFixture.generate(seed, 6000);
      Path dir = tmp.resolve("i" + seed);
      f.build(dir, tmp.resolve("w" + seed), new IndexOptions(5 + (int) seed * 4, 10), BuildOptions.defaults(), 3, seed);
      try (IndexReader r = IndexReader.open(dir, ReaderOptions.defaults())) {
        Random rnd = new Random(seed * 31);
        for (int n = 0; n < 150; n++) {
          Query q = n % 4 == 3 ? f.randomQuery(rnd, 0) : wordQuery(rnd, f);
          List<Hit> all = exhaustive(r, q);
          for (int k : new int[] {1, 10, 1000}) {
            List<Hit> want = all.subList(0, Math.min(k, all.size()));
            assertEquals(want, r.search(q, k, null, SortOrder.SCORE), () -> q + " k=" + k);
            TopHits top = new TopHits(k);
            passed += BlockMaxSearch.run(r.iterator(q), new HitScorer(r, q), r.lengthsCursor(), top);
            List<Hit> got = top.sorted();
            assertEquals(want.size(), got.size(), q::toString);
            for (int i = 0; i < got.size(); i++) {
              assertEquals(want.get(i).docId(), got.get(i).docId(), q + " k=" + k + " at " + i);
              assertEquals(want.get(i).score(), got.get(i).score(), q + " k=" + k + " at " + i);
            }
            compared += want.size();
          }
        }
      }
    }
    assertTrue(compared > 50_000, "compared " + compared);
    assertTrue(passed > 100, "skipping never skipped: " + passed + " windows");
  }

  /** Every match with its score, best first, equal scores in docId order. */
  private static List<Hit> exhaustive(IndexReader r, Query q) throws IOException {
    List<Hit> all = new ArrayList<>(r.search(q, Integer.MAX_VALUE, null, SortOrder.INDEX));
    all.sort(Comparator.comparing(Hit::score).reversed().thenComparing(Hit::docId));
    return all;
  }

  /** 1 to 4 words (rare, common, repeated, absent), sometimes a field term, under AND, OR and NOT. */
  private static Query wordQuery(Random r, IndexFixture f) {
    List<Query> cs = new ArrayList<>();
    int k = 1 + r.nextInt(4);
    for (int i = 0; i < k; i++) {
      int pick = r.nextInt(10);
      String w = pick == 0 ? "common" : pick == 1 ? "absent" : "w" + (int) (300 * Math.pow(r.nextDouble(), 2));
      cs.add(new Query.Term(Terms.word(w)));
    }
    if (r.nextInt(3) == 0) cs.add(new Query.Term(Terms.field("op", IndexFixture.OPS[r.nextInt(IndexFixture.OPS.length)].toLowerCase(java.util.Locale.ROOT))));
    if (r.nextInt(4) == 0) cs.add(new Query.Not(new Query.Term(Terms.word("w" + r.nextInt(40)))));
    if (cs.size() == 1) return cs.get(0);
    switch (r.nextInt(3)) {
      case 0:
        return new Query.And(cs);
      case 1:
        if (cs.get(cs.size() - 1) instanceof Query.Not) cs.remove(cs.size() - 1);
        return cs.size() == 1 ? cs.get(0) : new Query.Or(cs);
      default:
        // A word required, the others optional: AND of one and an OR of the rest.
        Query first = cs.remove(0);
        List<Query> rest = new ArrayList<>();
        for (Query c : cs) if (!(c instanceof Query.Not)) rest.add(c);
        if (rest.isEmpty()) return first;
        return new Query.And(List.of(first, rest.size() == 1 ? rest.get(0) : new Query.Or(rest)));
    }
  }
}
