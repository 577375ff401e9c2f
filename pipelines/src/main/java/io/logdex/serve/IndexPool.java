package io.logdex.serve;

import io.logdex.transforms.BuildOutput;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One {@link BuildOutput} per worker thread, lent for a request: its readers keep cursors and
 * caches that are not shared between threads, and opening one per request would throw its caches
 * away. All are opened at start, on the generation current then.
 */
final class IndexPool implements AutoCloseable {
  private final BlockingQueue<BuildOutput> free;
  private final List<BuildOutput> all;

  private IndexPool(List<BuildOutput> all) {
    this.all = all;
    this.free = new ArrayBlockingQueue<>(all.size(), false, all);
  }

  static IndexPool open(Path dir, int n) throws IOException {
    List<BuildOutput> all = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) all.add(BuildOutput.open(dir));
    } catch (IOException | RuntimeException e) {
      for (BuildOutput o : all) o.close();
      throw e;
    }
    return new IndexPool(all);
  }

  /** What a request does with its lent index. */
  interface Use<T> {
    T apply(BuildOutput output) throws Exception;
  }

  <T> T with(Use<T> use) throws Exception {
    BuildOutput o = free.take();
    try {
      return use.apply(o);
    } finally {
      free.add(o);
    }
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (BuildOutput o : all) {
      try {
        o.close();
      } catch (IOException e) {
        if (first == null) first = e;
      }
    }
    if (first != null) throw first;
  }
}
