package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bounded heap keeps exactly the k best by (key, docId), as a sort of every hit would. */
class TopHitsTest {
  @Test
  void keepsTheBestKOfAnyStreamLikeAFullSort() {
    Random r = new Random(13);
    for (int round = 0; round < 200; round++) {
      int n = r.nextInt(3000);
      int k = 1 + r.nextInt(round % 4 == 0 ? 4000 : 30);
      int distinctKeys = 1 + r.nextInt(50); // many ties
      List<long[]> all = new ArrayList<>();
      TopHits top = new TopHits(k);
      long doc = 0;
      for (int i = 0; i < n; i++) {
        doc += 1 + r.nextInt(3); // ascending docIds, as a walk gives them
        long key = r.nextInt(distinctKeys) - 10;
        all.add(new long[] {key, doc});
        if (top.competitive(key, doc)) top.offer(key, new Hit(doc, null, key));
      }
      all.sort(Comparator.<long[]>comparingLong(a -> a[0]).thenComparingLong(a -> a[1]));
      List<Hit> got = top.sorted();
      assertEquals(Math.min(k, n), got.size());
      for (int i = 0; i < got.size(); i++) assertEquals(all.get(i)[1], got.get(i).docId(), "round " + round + " hit " + i);
    }
  }

  @Test
  void aFullHeapRefusesWhatCannotEnter() {
    TopHits top = new TopHits(2);
    top.offer(5, new Hit(1, null));
    top.offer(3, new Hit(2, null));
    assertFalse(top.competitive(5, 3), "an equal key with a later docId ranks after");
    assertTrue(top.competitive(4, 3));
    assertTrue(top.competitive(5, 0));
    top.offer(4, new Hit(3, null));
    assertEquals(List.of(2L, 3L), top.sorted().stream().map(Hit::docId).toList());
  }
}
