package io.logdex.cli;

import java.math.BigInteger;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Count, sum, min, max and percentiles of one group's values, in bounded memory: HdrHistogram with
 * three significant digits (a value is reported within 0.1% of itself), one histogram for values
 * from 0 up and one for the magnitudes of negative ones. Min, max, count and sum are exact; a
 * percentile p is the nearest-rank value (the ceil(p * count)-th smallest), clamped to [min, max].
 */
final class Percentiles {
  private Histogram pos;
  private Histogram neg;
  long count;
  long min = Long.MAX_VALUE;
  long max = Long.MIN_VALUE;
  private long sum;
  private BigInteger bigSum; // once the long sum overflows

  void add(long v) {
    count++;
    min = Math.min(min, v);
    max = Math.max(max, v);
    if (bigSum == null) {
      long s = sum + v;
      if (((sum ^ s) & (v ^ s)) < 0) bigSum = BigInteger.valueOf(sum).add(BigInteger.valueOf(v));
      else sum = s;
    } else {
      bigSum = bigSum.add(BigInteger.valueOf(v));
    }
    if (v >= 0) {
      if (pos == null) pos = new Histogram(3);
      pos.recordValue(v);
    } else {
      if (neg == null) neg = new Histogram(3);
      neg.recordValue(v == Long.MIN_VALUE ? Long.MAX_VALUE : -v);
    }
  }

  String sum() {
    return bigSum != null ? bigSum.toString() : Long.toString(sum);
  }

  /** The nearest-rank p-quantile, p in (0, 1]. */
  long quantile(double p) {
    long rank = Math.max(1, (long) Math.ceil(p * count - 1e-9));
    long negCount = neg == null ? 0 : neg.getTotalCount();
    long v;
    if (rank <= negCount) {
      v = -valueAtRank(neg, negCount - rank + 1);
    } else {
      v = valueAtRank(pos, rank - negCount);
    }
    return Math.max(min, Math.min(max, v));
  }

  /**
   * Every recorded value as the histogram keeps it (within 0.1%: the value {@link #quantile}
   * reports, clamped to [min, max]) with its count; the counts sum to {@link #count}.
   */
  void forEach(ValueCount action) {
    if (neg != null) {
      for (HistogramIterationValue x : neg.recordedValues()) {
        action.accept(clamp(-neg.highestEquivalentValue(x.getValueIteratedTo())), x.getCountAtValueIteratedTo());
      }
    }
    if (pos != null) {
      for (HistogramIterationValue x : pos.recordedValues()) {
        action.accept(clamp(pos.highestEquivalentValue(x.getValueIteratedTo())), x.getCountAtValueIteratedTo());
      }
    }
  }

  /** A value and how many times it was recorded. */
  interface ValueCount {
    void accept(long value, long count);
  }

  /** Counts per bucket of {@link LogBuckets#edges}: counts[i] for [edges[i], edges[i+1]). */
  long[] counts(long[] edges) {
    long[] counts = new long[edges.length - 1];
    forEach((v, c) -> counts[LogBuckets.bucket(edges, v)] += c);
    return counts;
  }

  private long clamp(long v) {
    return Math.max(min, Math.min(max, v));
  }

  private static long valueAtRank(Histogram h, long rank) {
    long seen = 0;
    for (HistogramIterationValue x : h.recordedValues()) {
      seen += x.getCountAtValueIteratedTo();
      if (seen >= rank) return h.highestEquivalentValue(x.getValueIteratedTo());
    }
    return h.getMaxValue();
  }
}
