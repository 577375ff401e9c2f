package io.logdex.transforms;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.metrics.MetricsContainer;
import org.apache.beam.sdk.metrics.MetricsEnvironment;

/**
 * A bundle's elements worked on by threads of the DoFn's own, their results collected when the
 * bundle finishes ({@link BundleOptions}). Each piece of work runs under the bundle's metrics
 * container, so counters still reach the runner. {@link #finish} waits for every piece, even after
 * one failed, so no thread still writes into the output once the bundle has failed; then it throws
 * the first failure in submission order.
 *
 * @param <R> what one element's work returns
 */
final class BundleWorkers<R> implements Closeable {
  private static final AtomicInteger POOLS = new AtomicInteger();

  private final ExecutorService pool;
  private final List<Future<R>> pending = new ArrayList<>();

  BundleWorkers(int threads, String name) {
    int id = POOLS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "logdex-" + name + "-" + id + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  void submit(Callable<R> work) {
    MetricsContainer metrics = MetricsEnvironment.getCurrentContainer();
    pending.add(pool.submit(() -> {
      if (metrics == null) return work.call();
      try (Closeable scope = MetricsEnvironment.scopedMetricsContainer(metrics)) {
        return work.call();
      }
    }));
  }

  /** Every submitted piece's result, in submission order; the pieces are then forgotten. */
  List<R> finish() throws IOException {
    List<R> results = new ArrayList<>(pending.size());
    Throwable failed = null;
    try {
      for (Future<R> f : pending) {
        try {
          results.add(uninterrupted(f));
        } catch (ExecutionException e) {
          if (failed == null) failed = e.getCause();
        }
      }
    } finally {
      pending.clear();
    }
    if (failed == null) return results;
    if (failed instanceof IOException) throw (IOException) failed;
    if (failed instanceof UncheckedIOException) throw ((UncheckedIOException) failed).getCause();
    if (failed instanceof RuntimeException) throw (RuntimeException) failed;
    if (failed instanceof Error) throw (Error) failed;
    throw new IOException(failed.getMessage(), failed);
  }

  private static <R> R uninterrupted(Future<R> f) throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return f.get();
        } catch (InterruptedException e) {
          interrupted = true; // the piece keeps running; wait for it before the bundle ends
        }
      }
    } finally {
      if (interrupted) Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
