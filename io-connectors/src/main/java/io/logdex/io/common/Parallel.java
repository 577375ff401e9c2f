package io.logdex.io.common;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Tasks run side by side on a pool of daemon threads, their results in the tasks' order. */
public final class Parallel {
  private Parallel() {}

  /** A pool of n daemon threads named name: a stuck task never keeps the JVM from exiting. */
  public static ExecutorService daemonPool(int n, String name) {
    return Executors.newFixedThreadPool(n, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Runs every task on pool and returns their results in the tasks' order. The first failure, in
   * task order, is thrown as the task threw it (an IOException, a RuntimeException or an Error);
   * an interruption is an IOException saying that what was interrupted.
   */
  public static <T> List<T> all(ExecutorService pool, List<? extends Callable<T>> tasks, String what)
      throws IOException {
    List<T> out = new ArrayList<>(tasks.size());
    try {
      for (Future<T> f : pool.invokeAll(tasks)) out.add(f.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(what + " was interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) throw io;
      if (c instanceof RuntimeException r) throw r;
      if (c instanceof Error err) throw err;
      throw new IOException(c);
    }
    return out;
  }
}
