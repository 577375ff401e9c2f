package io.logdex.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link LogBuckets} and {@link Percentiles#counts}: edges from min to max, strictly increasing,
 * no more buckets than asked, and counts equal to a brute-force count of the values, for values
 * the histogram keeps exactly (|v| &lt; 2048 with three significant digits).
 */
class LogBucketsTest {
  @Test
  void countsEqualABruteForceCountOverRandomValues() {
    Random r = new Random(13);
    for (int round = 0; round < 500; round++) {
      int n = 1 + r.nextInt(r.nextBoolean() ? 5 : 60);
      boolean negatives = round % 3 == 0;
      int size = 1 + r.nextInt(300);
      long[] values = new long[size];
      long lo = negatives ? -r.nextInt(2000) : r.nextInt(50);
      long span = 1 + r.nextInt(2000 - (int) Math.max(0, lo));
      Percentiles p = new Percentiles();
      for (int i = 0; i < size; i++) {
        values[i] = lo + (long) (r.nextDouble() * r.nextDouble() * span);
        p.add(values[i]);
      }
      long[] edges = LogBuckets.edges(p.min, p.max, n);
      assertEquals(p.min, edges[0]);
      assertEquals(p.max, edges[edges.length - 1]);
      assertTrue(edges.length >= 2 && edges.length - 1 <= n, java.util.Arrays.toString(edges));
      for (int i = 1; i < edges.length; i++) {
        assertTrue(edges[i] > edges[i - 1] || edges.length == 2, java.util.Arrays.toString(edges));
      }
      long[] want = new long[edges.length - 1];
      for (long v : values) {
        int b = edges.length - 2; // the last bucket holds max
        for (int i = 0; i < edges.length - 1; i++) {
          if (v >= edges[i] && v < edges[i + 1]) {
            b = i;
            break;
          }
        }
        want[b]++;
      }
      assertArrayEquals(want, p.counts(edges), java.util.Arrays.toString(edges));
    }
  }

  @Test
  void edgesGrowGeometricallyAndBelowOneShareTheFirstBucket() {
    assertArrayEquals(new long[] {1, 10, 100, 1000}, LogBuckets.edges(1, 1000, 3));
    assertArrayEquals(new long[] {-5, 1, 10, 100}, LogBuckets.edges(-5, 100, 3));
    assertArrayEquals(new long[] {7, 7}, LogBuckets.edges(7, 7, 20));
    assertArrayEquals(new long[] {0, 1}, LogBuckets.edges(0, 1, 20));
    assertArrayEquals(new long[] {5, 6, 7, 8}, LogBuckets.edges(5, 8, 1000)); // rounding merges, never repeats
    long[] wide = LogBuckets.edges(1, Long.MAX_VALUE, 1000);
    assertEquals(Long.MAX_VALUE, wide[wide.length - 1]);
    for (int i = 1; i < wide.length; i++) assertTrue(wide[i] > wide[i - 1]);
  }
}
