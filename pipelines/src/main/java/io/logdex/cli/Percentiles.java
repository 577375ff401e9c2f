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

  /**
   * Adds other's values to this one's, as if each had been added here: the counts of two
   * HdrHistograms of the same precision add exactly, so a scan split into slices and merged
   * reports the same figures as one pass. other's histograms may be taken over: it is not to be
   * used afterwards.
   */
  void merge(Percentiles other) {
    if (other.count == 0) return;
    count += other.count;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    if (bigSum == null && other.bigSum == null) {
      long s = sum + other.sum;
      if (((sum ^ s) & (other.sum ^ s)) < 0) bigSum = BigInteger.valueOf(sum).add(BigInteger.valueOf(other.sum));
      else sum = s;
    } else {
      bigSum = big().add(other.big());
    }
    pos = merged(pos, other.pos);
    neg = merged(neg, other.neg);
  }

  private BigInteger big() {
    return bigSum != null ? bigSum : BigInteger.valueOf(sum);
  }

  private static Histogram merged(Histogram into, Histogram from) {
    if (from == null) return into;
    if (into == null) return from;
    into.add(from);
    return into;
  }

  String sum() {
    return bigSum != null ? bigSum.toString() : Long.toString(sum);
  }

  /**
   * The nearest-rank quantiles of ps (ascending, each in (0, 1]), from one walk of each histogram
   * rather than a walk per quantile (a walk visits every sub-bucket up to the value sought).
   */
  long[] quantiles(double[] ps) {
    long[] ranks = new long[ps.length];
    for (int i = 0; i < ps.length; i++) ranks[i] = Math.max(1, (long) Math.ceil(ps[i] * count - 1e-9));
    long negCount = neg == null ? 0 : neg.getTotalCount();
    int k = 0; // ranks[0, k) fall among the negative values
    while (k < ranks.length && ranks[k] <= negCount) k++;
    long[] out = new long[ps.length];
    if (k > 0) {
      // The r-th smallest value is minus the (negCount - r + 1)-th smallest magnitude.
      long[] m = new long[k];
      for (int i = 0; i < k; i++) m[k - 1 - i] = negCount - ranks[i] + 1;
      long[] v = valuesAtRanks(neg, m);
      for (int i = 0; i < k; i++) out[i] = -v[k - 1 - i];
    }
    if (k < ranks.length) {
      long[] m = new long[ranks.length - k];
      for (int i = k; i < ranks.length; i++) m[i - k] = ranks[i] - negCount;
      long[] v = valuesAtRanks(pos, m);
      System.arraycopy(v, 0, out, k, v.length);
    }
    for (int i = 0; i < out.length; i++) out[i] = clamp(out[i]);
    return out;
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

  /** The values (as h keeps them) of ranks, ascending, in one walk that stops at the last. */
  private static long[] valuesAtRanks(Histogram h, long[] ranks) {
    long[] out = new long[ranks.length];
    int i = 0;
    long seen = 0;
    for (HistogramIterationValue x : h.recordedValues()) {
      seen += x.getCountAtValueIteratedTo();
      while (i < ranks.length && seen >= ranks[i]) out[i++] = h.highestEquivalentValue(x.getValueIteratedTo());
      if (i == ranks.length) return out;
    }
    while (i < ranks.length) out[i++] = h.getMaxValue();
    return out;
  }

}
