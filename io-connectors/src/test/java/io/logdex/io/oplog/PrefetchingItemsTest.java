package io.logdex.io.oplog;

import static io.logdex.io.oplog.OpLogFixtures.utf8;
import static io.logdex.io.oplog.OpLogFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.tree.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrefetchingItemsTest {
  @TempDir Path dir;

  private static OpLogItem item(long i) {
    return OpLogItem.of(new OpLogRecord("f", i, -1, 1, OpLogRecord.Kind.GENERIC,
        Node.objectBuilder().put("i", Node.integer(i)).build()));
  }

  /** An endless source that counts what it has produced. */
  private static ItemStream endless(AtomicLong produced) {
    return new ItemStream() {
      @Override
      public OpLogItem next() {
        return item(produced.getAndIncrement());
      }

      @Override
      public long bytesRead() {
        return produced.get();
      }

      @Override
      public void close() {}
    };
  }

  @Test
  void aFullQueueStopsTheProducer() throws Exception {
    AtomicLong produced = new AtomicLong();
    PrefetchingItems items = new PrefetchingItems(() -> endless(produced), 128, "endless");
    Thread.sleep(300);
    long ahead = produced.get();
    // Two queued batches, one being built and one waiting to be put: bounded, not growing.
    assertTrue(ahead <= 128 + 2 * 64 + 1, "produced " + ahead + " without a consumer");
    Thread.sleep(200);
    assertEquals(ahead, produced.get(), "producer is blocked");
    for (long i = 0; i < 10_000; i++) assertEquals(i, items.next().offset());
    items.close();
    assertTrue(items.producerStopped());
  }

  @Test
  void failuresReachTheReader() throws Exception {
    IOException boom = new IOException("boom");
    PrefetchingItems items = new PrefetchingItems(() -> {
      throw boom;
    }, 16, "failing");
    assertSame(boom, assertThrows(IOException.class, items::next));
    items.close();
    assertTrue(items.producerStopped());
  }

  private static long prefetchThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith("oplog-prefetch"))
        .count();
  }

  @Test
  void closingEarlyStopsTheBackgroundReader() throws Exception {
    StringBuilder sb = new StringBuilder(OpLogFixtures.S3DLIO_HEADER).append('\n');
    Random rnd = new Random(1);
    for (int i = 0; i < 40_000; i++) sb.append(OpLogFixtures.s3dlioRow(rnd, i)).append('\n');
    Path p = write(dir, "big.tsv.zst", OpLogFixtures.zstdStreamed(utf8(sb.toString())));
    long before = prefetchThreads();
    BoundedSource.BoundedReader<OpLogItem> reader =
        OpLogIO.read().from(p.toString()).withQueueCapacity(64).source()
            .createReader(PipelineOptionsFactory.create());
    assertTrue(reader.start());
    for (int i = 0; i < 10; i++) assertTrue(reader.advance());
    assertNotNull(reader.getCurrent());
    assertEquals(before + 1, prefetchThreads());
    Double fraction = reader.getFractionConsumed();
    assertTrue(fraction != null && fraction > 0 && fraction < 1, "fraction " + fraction);
    reader.close();
    assertEquals(before, prefetchThreads(), "the prefetch thread ended with the reader");
  }
}
