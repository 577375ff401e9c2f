package io.logdex.io.oplog;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decompresses and decodes on a background thread into a bounded queue, so that a stream that
 * cannot be split (a single zstd frame, gzip) still overlaps decompression and parsing with the
 * work downstream. The queue holds about {@code capacity} items in batches, which is the whole
 * memory cost beyond the line buffer; a full queue blocks the producer (backpressure).
 *
 * <p>The producer opens, reads and closes the input itself, so a native decompressor is never
 * freed while in use. {@link #close()} stops it early: the flag is checked between batches and the
 * interrupt wakes it from a blocked put or an interruptible channel read.
 */
final class PrefetchingItems implements ItemStream {
  private static final Logger LOG = LoggerFactory.getLogger(PrefetchingItems.class);
  private static final int BATCH = 64;
  private static final long JOIN_MILLIS = 10_000;

  /** Opens the stream to drain; called on the producer thread. */
  interface Opener {
    ItemStream open() throws IOException;
  }

  /** The producer's last word: normal end, or the failure to rethrow on the reading thread. */
  private static final class End {
    final Throwable failure;

    End(Throwable failure) {
      this.failure = failure;
    }
  }

  private final BlockingQueue<Object> queue;
  private final Thread producer;
  private volatile boolean closed;
  private volatile ItemStream source;
  private OpLogItem[] batch;
  private int batchPos;
  private int batchLen;
  private boolean ended;

  PrefetchingItems(Opener opener, int capacity, String name) {
    this.queue = new ArrayBlockingQueue<>(Math.max(1, (capacity + BATCH - 1) / BATCH));
    this.producer = new Thread(() -> produce(opener), "oplog-prefetch " + name);
    producer.setDaemon(true);
    producer.start();
  }

  private void produce(Opener opener) {
    Throwable failure = null;
    try (ItemStream in = opener.open()) {
      source = in;
      OpLogItem[] b = new OpLogItem[BATCH];
      int n = 0;
      OpLogItem item;
      while (!closed && (item = in.next()) != null) {
        b[n++] = item;
        if (n == BATCH) {
          if (!put(new Batch(b, n))) return;
          b = new OpLogItem[BATCH];
          n = 0;
        }
      }
      if (n > 0 && !put(new Batch(b, n))) return;
    } catch (InterruptedException e) {
      return; // closed while blocked
    } catch (Throwable t) {
      failure = t;
    }
    try {
      put(new End(failure));
    } catch (InterruptedException e) {
      // closed: nobody is waiting for the end
    }
  }

  private static final class Batch {
    final OpLogItem[] items;
    final int count;

    Batch(OpLogItem[] items, int count) {
      this.items = items;
      this.count = count;
    }
  }

  /** Blocks while the queue is full; false once the reader has been closed. */
  private boolean put(Object o) throws InterruptedException {
    while (!queue.offer(o, 100, TimeUnit.MILLISECONDS)) {
      if (closed) return false;
    }
    return !closed;
  }

  @Override
  public OpLogItem next() throws IOException {
    while (batchPos == batchLen) {
      if (ended) return null;
      Object o;
      try {
        o = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted waiting for the prefetch thread");
      }
      if (o instanceof End) {
        ended = true;
        Throwable f = ((End) o).failure;
        if (f instanceof IOException) throw (IOException) f;
        if (f instanceof RuntimeException) throw (RuntimeException) f;
        if (f instanceof Error) throw (Error) f;
        if (f != null) throw new IOException(f);
        return null;
      }
      Batch b = (Batch) o;
      batch = b.items;
      batchLen = b.count;
      batchPos = 0;
    }
    OpLogItem item = batch[batchPos];
    batch[batchPos++] = null;
    return item;
  }

  @Override
  public long bytesRead() {
    ItemStream s = source;
    return s == null ? 0 : s.bytesRead();
  }

  @Override
  public void close() throws IOException {
    if (closed) return;
    closed = true;
    producer.interrupt();
    queue.clear();
    try {
      producer.join(JOIN_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (producer.isAlive()) {
      LOG.warn("{} did not stop within {} ms of close", producer.getName(), JOIN_MILLIS);
    }
  }

  /** Whether the producer thread has exited; for tests. */
  boolean producerStopped() {
    return !producer.isAlive();
  }
}
