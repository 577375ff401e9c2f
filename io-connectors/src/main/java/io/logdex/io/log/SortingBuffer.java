package io.logdex.io.log;

import io.logdex.format.log.LogCompression;
import io.logdex.format.log.LogCursor;
import io.logdex.format.log.LogEncoder;
import io.logdex.format.log.LogReader;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Puts one shard's records in a total order, (ordering key, payload) compared as unsigned bytes,
 * within a memory budget: past the budget, sorted runs are spilled to temporary logs (the log
 * format checks them on the way back) and merged. The order depends only on the records, never on
 * the order they arrived in, which is what makes a shard file deterministic.
 */
final class SortingBuffer implements Closeable {
  interface Sink {
    void accept(byte[] payload) throws IOException;
  }

  private static final int ENTRY_OVERHEAD = 64;
  private static final Comparator<byte[][]> ORDER =
      (a, b) -> {
        int c = Arrays.compareUnsigned(a[0], b[0]);
        return c != 0 ? c : Arrays.compareUnsigned(a[1], b[1]);
      };

  private final long budget;
  private final List<byte[][]> entries = new ArrayList<>();
  private final List<Path> runs = new ArrayList<>();
  private long used;
  private Path spillDir;

  SortingBuffer(long budgetBytes) {
    this.budget = budgetBytes;
  }

  void add(byte[] key, byte[] payload) throws IOException {
    entries.add(new byte[][] {key, payload});
    used += key.length + payload.length + ENTRY_OVERHEAD;
    if (used > budget) spill();
  }

  /** Runs spilled so far (for tests and metrics). */
  int spilledRuns() {
    return runs.size();
  }

  /** Hands every payload to sink in order; the buffer is empty afterwards. */
  void drainTo(Sink sink) throws IOException {
    if (runs.isEmpty()) {
      entries.sort(ORDER);
      for (byte[][] e : entries) sink.accept(e[1]);
      entries.clear();
      used = 0;
      return;
    }
    if (!entries.isEmpty()) spill();
    List<Run> open = new ArrayList<>();
    try {
      PriorityQueue<Run> heads = new PriorityQueue<>((a, b) -> ORDER.compare(a.head, b.head));
      for (Path p : runs) {
        Run r = new Run(LogReader.open(p, LogReader.MAX_ARRAY_BYTES));
        open.add(r);
        if (r.advance()) heads.add(r);
      }
      while (!heads.isEmpty()) {
        Run r = heads.poll();
        sink.accept(r.head[1]);
        if (r.advance()) heads.add(r);
      }
    } finally {
      for (Run r : open) r.close();
    }
  }

  private void spill() throws IOException {
    entries.sort(ORDER);
    if (spillDir == null) spillDir = Files.createTempDirectory("logdex-sort");
    Path run = spillDir.resolve("run-" + runs.size() + ".log");
    runs.add(run);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(run));
        LogEncoder enc = new LogEncoder(out, 64 * 1024, LogCompression.NONE, 0)) {
      for (byte[][] e : entries) {
        ByteBuffer b = ByteBuffer.allocate(4 + e[0].length + e[1].length);
        b.putInt(e[0].length).put(e[0]).put(e[1]);
        enc.append(b.array());
      }
    }
    entries.clear();
    used = 0;
  }

  @Override
  public void close() throws IOException {
    entries.clear();
    for (Path p : runs) Files.deleteIfExists(p);
    runs.clear();
    if (spillDir != null) Files.deleteIfExists(spillDir);
  }

  private static final class Run implements Closeable {
    private final LogReader reader;
    private final LogCursor cursor;
    byte[][] head;

    Run(LogReader reader) throws IOException {
      this.reader = reader;
      this.cursor = reader.cursor(0);
    }

    boolean advance() throws IOException {
      if (!cursor.next()) return false;
      byte[] rec = cursor.payload();
      int k = ByteBuffer.wrap(rec).getInt();
      head = new byte[][] {
        Arrays.copyOfRange(rec, 4, 4 + k), Arrays.copyOfRange(rec, 4 + k, rec.length)
      };
      return true;
    }

    @Override
    public void close() throws IOException {
      cursor.close();
      reader.close();
    }
  }
}
