package io.logdex.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs the slices of a scan, one thread each (the calling thread alone for one slice), and returns
 * their results in the slices' order. The first failure, in slice order, is thrown as the slice
 * threw it; the other slices are then interrupted.
 */
final class Slices {
  private Slices() {}

  static <T> List<T> run(List<? extends Callable<T>> slices) throws IOException {
    List<T> out = new ArrayList<>(slices.size());
    if (slices.size() == 1) {
      out.add(call(slices.get(0)));
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(slices.size(), r -> {
      Thread t = new Thread(r, "logdex-slice");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<T>> futures = new ArrayList<>(slices.size());
      for (Callable<T> s : slices) futures.add(pool.submit(s));
      for (Future<T> f : futures) out.add(f.get());
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) throw io;
      if (c instanceof RuntimeException re) throw re;
      if (c instanceof Error err) throw err;
      throw new IOException(c);
    } finally {
      pool.shutdownNow();
    }
  }

  private static <T> T call(Callable<T> slice) throws IOException {
    try {
      return slice.call();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }
}
