package io.logdex.format.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogWriterTest {
  @TempDir Path dir;

  @Test
  void fileAppearsOnlyWhenClosed() throws IOException {
    Path f = dir.resolve("a.log");
    LogWriter w = LogWriter.create(f);
    long p = w.append("hello".getBytes());
    assertFalse(Files.exists(f));
    assertTrue(Files.exists(w.tempFile()));
    w.close();
    assertTrue(Files.exists(f));
    assertFalse(Files.exists(w.tempFile()));
    try (LogReader r = LogReader.open(f)) {
      assertArrayEquals("hello".getBytes(), r.readAt(p));
    }
    w.close(); // idempotent
    assertThrows(FileAlreadyExistsException.class, () -> LogWriter.create(f));
    try (LogWriter again = LogWriter.create(f, LogWriterOptions.defaults().withReplaceExisting(true))) {
      again.append("bye".getBytes());
    }
    try (LogReader r = LogReader.open(f); LogCursor c = r.cursor(0)) {
      assertTrue(c.next());
      assertArrayEquals("bye".getBytes(), c.payload());
    }
  }

  @Test
  void abortLeavesNothing() throws IOException {
    Path f = dir.resolve("b.log");
    LogWriter w = LogWriter.create(f);
    w.append(new byte[100_000]);
    w.abort();
    assertFalse(Files.exists(f));
    assertFalse(Files.exists(w.tempFile()));
    assertThrows(IllegalStateException.class, () -> w.append(new byte[1]));
    // The temp name is free again.
    LogWriter.create(f).abort();
  }

  @Test
  void secondWriterOnTheSameTargetIsRefused() throws IOException {
    Path f = dir.resolve("c.log");
    try (LogWriter w = LogWriter.create(f)) {
      FileAlreadyExistsException e =
          assertThrows(FileAlreadyExistsException.class, () -> LogWriter.create(f));
      assertTrue(e.getMessage().contains("another writer"), e.getMessage());
    }
  }

  @Test
  void failedStreamAppendPoisonsTheWriterAndKeepsTheTempForRecovery() throws IOException {
    Path f = dir.resolve("d.log");
    LogWriter w = LogWriter.create(f, LogWriterOptions.defaults().withBlockSize(512));
    long first = w.append("kept".getBytes());
    InputStream short1 = new ByteArrayInputStream(new byte[1000]);
    assertThrows(IOException.class, () -> w.append(short1, 5000));
    assertThrows(IllegalStateException.class, () -> w.append(new byte[1]));
    IOException e = assertThrows(IOException.class, w::close);
    assertTrue(e.getMessage().contains("failed earlier"), e.getMessage());
    assertFalse(Files.exists(f));
    Path temp = w.tempFile();
    assertTrue(Files.exists(temp));
    RecoveryReport rep = LogRecovery.recover(temp);
    assertEquals(1, rep.recordsKept());
    try (LogReader r = LogReader.open(temp)) {
      assertArrayEquals("kept".getBytes(), r.readAt(first));
    }
    w.abort();
    assertFalse(Files.exists(temp));
  }

  @Test
  void concurrentAppendsGetDistinctPositionsAndNeverInterleave() throws Exception {
    for (Durability d : new Durability[] {Durability.NONE, Durability.FSYNC_BATCH, Durability.FSYNC_EACH}) {
      Path f = dir.resolve("conc-" + d + ".log");
      LogWriterOptions o = LogWriterOptions.defaults().withBlockSize(1024).withDurability(d);
      if (d == Durability.FSYNC_BATCH) o = o.withSyncEvery(16);
      int threads = 6;
      int each = d == Durability.FSYNC_EACH ? 40 : 150;
      ConcurrentHashMap<Long, byte[]> positions = new ConcurrentHashMap<>();
      try (LogWriter w = LogWriter.create(f, o)) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
          List<Future<?>> fs = new java.util.ArrayList<>();
          for (int t = 0; t < threads; t++) {
            int thread = t;
            fs.add(pool.submit(() -> {
              Random r = new Random(thread);
              for (int i = 0; i < each; i++) {
                byte[] p = tagged(thread, i, r.nextInt(4) == 0 ? 3000 : r.nextInt(300));
                positions.put(w.append(p), p);
              }
              return null;
            }));
          }
          for (Future<?> fu : fs) fu.get();
        } finally {
          pool.shutdown();
        }
      }
      assertEquals(threads * each, positions.size(), "positions must be distinct");
      try (LogReader r = LogReader.open(f)) {
        for (var e : positions.entrySet()) assertArrayEquals(e.getValue(), r.readAt(e.getKey()));
        int n = 0;
        try (LogCursor c = r.cursor(0)) {
          while (c.next()) n++;
        }
        assertEquals(threads * each, n);
      }
      assertTrue(LogVerifier.verify(f).clean());
    }
  }

  /** Every byte carries the writer's identity and a running check, so interleaving shows. */
  private static byte[] tagged(int thread, int i, int size) {
    ByteBuffer b = ByteBuffer.allocate(8 + size);
    b.putInt(thread).putInt(i);
    for (int k = 0; k < size; k++) b.put((byte) (thread * 37 + i * 11 + k));
    return b.array();
  }

  /** A 100 MB record written from a stream and read back as a stream, never held whole. */
  @Test
  void hundredMegabyteRecordStreamsBothWays() throws IOException {
    Path f = dir.resolve("big.log");
    long size = 100L * 1024 * 1024;
    long pos;
    long before;
    long after;
    try (LogWriter w = LogWriter.create(f)) {
      before = w.append("small".getBytes());
      pos = w.append(new PatternStream(size), size);
      after = w.append("after".getBytes());
    }
    try (LogReader r = LogReader.open(f)) {
      assertArrayEquals("small".getBytes(), r.readAt(before));
      assertArrayEquals("after".getBytes(), r.readAt(after));
      CRC32C expected = new CRC32C();
      PatternStream p = new PatternStream(size);
      byte[] buf = new byte[65536];
      int n;
      while ((n = p.read(buf)) > 0) expected.update(buf, 0, n);
      CRC32C got = new CRC32C();
      long total = 0;
      try (RecordInputStream in = r.readAtStreaming(pos)) {
        assertEquals(size, in.length());
        while ((n = in.read(buf)) > 0) {
          got.update(buf, 0, n);
          total += n;
        }
      }
      assertEquals(size, total);
      assertEquals(expected.getValue(), got.getValue());
      // Bigger than the configured in-memory limit: readAt refuses, streaming is the way.
      try (LogReader small = LogReader.open(f, 64 * 1024 * 1024)) {
        assertThrows(io.logdex.format.FormatException.class, () -> small.readAt(pos));
      }
    }
  }

  @Test
  void compressedLogWithStreamingRecord() throws IOException {
    Path f = dir.resolve("big.log.zst");
    long size = 5L * 1024 * 1024 + 123;
    long pos;
    try (LogWriter w =
        LogWriter.create(f, LogWriterOptions.defaults().withCompression(LogCompression.ZSTD))) {
      w.append("x".getBytes());
      pos = w.append(new PatternStream(size), size);
    }
    try (LogReader r = LogReader.open(f)) {
      assertTrue(r.compressed());
      assertTrue(r.seekTable().frameCount() >= 5);
      byte[] all = r.readAt(pos);
      assertArrayEquals(new PatternStream(size).readAllBytes(), all);
    }
    assertTrue(Files.size(f) < size / 2);
  }

  @Test
  void compressionRefusesPerAppendDurability() {
    assertThrows(IllegalArgumentException.class, () -> LogWriterOptions.defaults()
        .withCompression(LogCompression.ZSTD).withDurability(Durability.FSYNC_EACH));
    assertThrows(IllegalArgumentException.class, () -> LogWriterOptions.defaults()
        .withDurability(Durability.FSYNC_BATCH).withCompression(LogCompression.ZSTD));
    assertThrows(IllegalArgumentException.class, () -> LogWriterOptions.defaults().withBlockSize(1000));
  }

  @Test
  void syncedRecordsSurviveWithoutClose() throws IOException {
    Path f = dir.resolve("e.log");
    LogWriter w = LogWriter.create(f, LogWriterOptions.defaults().withDurability(Durability.FSYNC_EACH));
    Set<Long> pos = new HashSet<>();
    for (int i = 0; i < 20; i++) pos.add(w.append(("r" + i).getBytes()));
    // Simulate a crash: read the temp file as it is on disk, without closing the writer.
    Path copy = dir.resolve("crashed.log");
    Files.copy(w.tempFile(), copy);
    assertTrue(LogVerifier.verify(copy).clean());
    try (LogReader r = LogReader.open(copy)) {
      for (long p : pos) r.readAt(p);
    }
    w.abort();
  }

  /** Compressible bytes from a formula: the same sequence whenever it is recreated. */
  private static final class PatternStream extends InputStream {
    private final long size;
    private long pos;

    PatternStream(long size) {
      this.size = size;
    }

    @Override
    public int read() {
      if (pos >= size) return -1;
      return value(pos++);
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= size) return -1;
      int n = (int) Math.min(len, size - pos);
      for (int i = 0; i < n; i++) b[off + i] = (byte) value(pos++);
      return n;
    }

    private static int value(long i) {
      return (int) ((i * 2654435761L >>> 16) % 23 + 'a') & 0xff;
    }
  }
}
