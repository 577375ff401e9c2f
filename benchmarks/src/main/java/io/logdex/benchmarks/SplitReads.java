package io.logdex.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * What the source-read benchmarks share: reading every split of a source on a fixed pool, the
 * way a runner's workers would, and the peak heap that took.
 */
final class SplitReads {
  private SplitReads() {}

  /** Folds one item into a split's counters. */
  interface Tally<T> {
    void add(T item, long[] counters);
  }

  /** Reads every split on `threads` threads; returns the counters summed over the splits. */
  static <T> long[] readAll(List<? extends BoundedSource<T>> splits, PipelineOptions options, int threads,
      int counters, Tally<T> tally) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<long[]>> parts = new ArrayList<>();
      for (BoundedSource<T> s : splits) {
        parts.add(pool.submit(() -> {
          long[] c = new long[counters];
          try (BoundedSource.BoundedReader<T> reader = s.createReader(options)) {
            for (boolean more = reader.start(); more; more = reader.advance()) tally.add(reader.getCurrent(), c);
          }
          return c;
        }));
      }
      long[] total = new long[counters];
      for (Future<long[]> f : parts) {
        long[] c = f.get();
        for (int i = 0; i < counters; i++) total[i] += c[i];
      }
      return total;
    } finally {
      pool.shutdown();
    }
  }

  /** Collects garbage and resets the heap pools' peaks; pass the result to {@link #peakHeap}. */
  static List<MemoryPoolMXBean> resetHeapPeaks() {
    System.gc();
    List<MemoryPoolMXBean> heap = new ArrayList<>();
    for (MemoryPoolMXBean m : ManagementFactory.getMemoryPoolMXBeans()) {
      if (m.getType() == MemoryType.HEAP) {
        m.resetPeakUsage();
        heap.add(m);
      }
    }
    return heap;
  }

  static long peakHeap(List<MemoryPoolMXBean> heap) {
    long total = 0;
    for (MemoryPoolMXBean m : heap) total += m.getPeakUsage().getUsed();
    return total;
  }
}
