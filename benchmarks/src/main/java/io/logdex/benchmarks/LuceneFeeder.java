package io.logdex.benchmarks;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;

/**
 * How the end-to-end harnesses give Lucene its 2 threads: the caller's thread reads records and
 * hands batches of 1000 through a bounded queue to indexing threads sharing one IndexWriter, so
 * reading overlaps indexing and memory stays bounded by the queue.
 */
final class LuceneFeeder<T> implements AutoCloseable {
  private static final int BATCH = 1000;
  private static final List<Object> POISON = new ArrayList<>();

  private final BlockingQueue<List<?>> queue = new ArrayBlockingQueue<>(16);
  private final AtomicReference<Throwable> failed = new AtomicReference<>();
  private final Thread[] workers;
  private List<T> batch = new ArrayList<>(BATCH);
  private boolean closed;

  LuceneFeeder(IndexWriter writer, int threads, Function<T, Document> toDocument) {
    workers = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      workers[i] = new Thread(() -> {
        try {
          while (true) {
            List<?> b = queue.take();
            if (b == POISON) return;
            for (Object r : b) {
              @SuppressWarnings("unchecked")
              T record = (T) r;
              writer.addDocument(toDocument.apply(record));
            }
          }
        } catch (Throwable e) {
          failed.compareAndSet(null, e);
          // Keep draining so the reader never blocks on a full queue after a failure.
          while (true) {
            try {
              if (queue.take() == POISON) return;
            } catch (InterruptedException ie) {
              return;
            }
          }
        }
      }, "lucene-indexer-" + i);
      workers[i].start();
    }
  }

  void add(T record) throws IOException, InterruptedException {
    batch.add(record);
    if (batch.size() == BATCH) {
      queue.put(batch);
      batch = new ArrayList<>(BATCH);
    }
    if (failed.get() != null) throw new IOException("lucene indexing failed", failed.get());
  }

  /** Flushes the last batch and waits for the indexing threads; rethrows their first failure. */
  @Override
  public void close() throws IOException, InterruptedException {
    if (closed) return;
    closed = true;
    if (!batch.isEmpty()) queue.put(batch);
    for (Thread ignored : workers) queue.put(POISON);
    for (Thread t : workers) t.join();
    if (failed.get() != null) throw new IOException("lucene indexing failed", failed.get());
  }
}
