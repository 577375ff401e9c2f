package io.logdex.cli;

import java.util.Arrays;

/**
 * Up to n log-scaled buckets over [min, max] of whole numbers: edges e0 = min &lt; e1 &lt; ... &lt;
 * ek = max, bucket i holding [e(i), e(i+1)) and the last one [e(k-1), max]. Edges grow
 * geometrically, rounded up to whole numbers and merged where rounding makes two equal, so a narrow
 * range gets fewer buckets than asked for. Log scales need positive numbers: values below 1 (zero,
 * negatives) share the first bucket [min, 1) and the rest split [1, max].
 */
final class LogBuckets {
  private LogBuckets() {}

  static long[] edges(long min, long max, int n) {
    if (n < 1) throw new IllegalArgumentException("at least one bucket");
    if (min >= max || n == 1) return new long[] {min, max};
    long[] e = new long[n + 1];
    int k = 0;
    e[k++] = min;
    long lo = min;
    int logN = n;
    if (min < 1) {
      if (max <= 1) return new long[] {min, max};
      e[k++] = 1;
      lo = 1;
      logN = n - 1;
    }
    double span = Math.log((double) max / lo);
    for (int i = 1; i < logN; i++) {
      double v = lo * Math.exp(span * i / logN);
      long x = (long) Math.ceil(v * (1 - 1e-12)); // 10.000000000000002 is the edge 10, not 11
      if (x > e[k - 1] && x < max) e[k++] = x;
    }
    if (e[k - 1] < max) e[k++] = max;
    return Arrays.copyOf(e, k);
  }

  /** The bucket of v (min &lt;= v &lt;= max) among edges. */
  static int bucket(long[] edges, long v) {
    int i = Arrays.binarySearch(edges, v);
    if (i < 0) i = -i - 2; // the edge below v
    return Math.max(0, Math.min(i, edges.length - 2));
  }
}
