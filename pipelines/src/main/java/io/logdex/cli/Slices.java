package io.logdex.cli;

import io.logdex.io.common.Parallel;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;

/**
 * Runs the slices of a scan, one thread each (the calling thread alone for one slice), and returns
 * their results in the slices' order; the first failure, in slice order, is thrown as the slice
 * threw it.
 */
final class Slices {
  private Slices() {}

  static <T> List<T> run(List<? extends Callable<T>> slices) throws IOException {
    if (slices.size() == 1) {
      try {
        return List.of(slices.get(0).call());
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException(e);
      }
    }
    ExecutorService pool = Parallel.daemonPool(slices.size(), "logdex-slice");
    try {
      return Parallel.all(pool, slices, "the stats scan");
    } finally {
      pool.shutdownNow();
    }
  }
}
