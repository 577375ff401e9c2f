package io.logdex.io.snapshot;

import io.logdex.format.FormatException;
import io.logdex.format.token.JsonBlockScan;
import io.logdex.format.token.JsonStackStitcher;
import io.logdex.format.token.JsonStackStitcher.Checkpoint;
import io.logdex.format.token.JsonStructureScanner;
import io.logdex.format.token.TakeBackInput;
import io.logdex.format.token.TokenizerOptions;
import io.logdex.format.zstd.PositionalChannel;
import io.logdex.io.common.Parallel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Split planning of a plain single-document JSON file on several cores. The serial skim ({@link
 * SplitPlanner#skim}) is the only pass that has to know the open containers at every byte; here
 * that knowledge is built in parallel and the serial skim only walks from a nearby checkpoint to
 * each split point:
 *
 * <ol>
 *   <li>Blocks are summarized in parallel, each for both lexical states it may start in (inside a
 *       string or not): {@link JsonBlockScan}, with a checkpoint about every interval bytes.
 *   <li>The summaries are stitched in file order, each block under the state the one before ended
 *       in ({@link JsonStackStitcher}): the exact skim state at each block's first checkpoint.
 *   <li>The real skim ({@link JsonStructureScanner}) validates each range between those states in
 *       parallel, from one to exactly the next: so every byte is checked as the serial skim checks
 *       it, and every stitched state is the one the serial skim would have there.
 *   <li>The serial skim then plans as before but jumps, between split points, to the last
 *       checkpoint before the next due offset instead of skimming to it.
 * </ol>
 *
 * <p>Anything it cannot vouch for (bad input, a speculation or stitch that does not hold, a key
 * over the cap) makes it decline (null), and the serial planner plans the file, reporting errors
 * exactly as before. The points are the serial skim's, state for state.
 */
final class ParallelSkim {
  /**
   * How the work is cut: threads, block size, checkpoint interval, and the least distance a jump
   * must save to be worth making a state for (at least 1).
   */
  record Shape(int threads, long blockBytes, long interval, long minJump) {
    /** The default for a file: about four blocks a thread, 1-16 MiB each, 8 checkpoints a split. */
    static Shape of(long size, int threads, long granularity) {
      long block = Math.max(1L << 20, Math.min(16L << 20, size / (4L * threads) + 1));
      return new Shape(threads, block, Math.max(4096, granularity / 8), 16 * 1024);
    }
  }

  /** Checkpoints past this far from the file start are worth a parallel plan. */
  static final long MIN_BYTES = 8L << 20;
  /** Containers a block's summary may open or close before it gives up (deeper: serial). */
  private static final int MAX_BLOCK_DEPTH = 1 << 16;
  /** How far past a nominal block start a run of backslashes may push it. */
  private static final int BACKSLASH_SCAN = 4096;

  private ParallelSkim() {}

  /** CPU time of the parallel passes, all threads (nanoseconds), and the jumps the walk made. */
  static final class Stats {
    final AtomicLong nanos = new AtomicLong();
    final AtomicLong jumps = new AtomicLong();
    /** Wall time (ns) of the summaries, the stitch and the validation, for the log line. */
    long summarizeWall;
    long stitchWall;
    long validateWall;
    long summarizeCpu;

    @Override
    public String toString() {
      return String.format("summaries %.0f ms (%.0f ms of CPU), stitch %.0f ms, validation %.0f ms"
          + " (%.0f ms of CPU), %d jumps", summarizeWall / 1e6, summarizeCpu / 1e6,
          stitchWall / 1e6, validateWall / 1e6, (nanos.get() - summarizeCpu) / 1e6, jumps.get());
    }
  }

  /**
   * The plan of a PLAIN single-document JSON file, or null where the serial planner must plan it.
   * bytes[0] receives the bytes the walk read up to, as {@link SplitPlanner#skim} reports.
   */
  static List<SplitPoint> plan(SnapshotFile file, SnapshotSpec spec, long[] bytes, Shape shape,
      Stats cpu) throws IOException {
    TokenizerOptions options = spec.tokenizerFor(file.name());
    ExecutorService pool = Parallel.daemonPool(shape.threads(), "logdex-plan");
    try (PositionalChannel ch = file.openPositional()) {
      long size = ch.size();
      long[] starts = blockStarts(ch, size, shape.blockBytes());
      List<Callable<List<JsonBlockScan.Delta>[]>> scans = new ArrayList<>();
      for (int i = 0; i < starts.length; i++) {
        long from = starts[i];
        long to = i + 1 < starts.length ? starts[i + 1] : size;
        scans.add(timed(cpu, () -> summarize(ch, from, to, shape.interval())));
      }
      long t0 = System.nanoTime();
      List<List<JsonBlockScan.Delta>[]> summaries = Parallel.all(pool, scans, "split planning");
      long t1 = System.nanoTime();
      cpu.summarizeWall = t1 - t0;
      cpu.summarizeCpu = cpu.nanos.get();
      JsonStackStitcher.KeyReader keys = (off, dst, len) -> ch.readFully(off, dst, 0, len);
      // Stitch: the chosen speculation of each block, and the state at its first checkpoint.
      List<JsonBlockScan.Delta> chosen = new ArrayList<>();
      List<Range> ranges = new ArrayList<>();
      JsonStackStitcher stitch = new JsonStackStitcher(options.maxTokenBytes());
      Range open = new Range(JsonStackStitcher.fileStart(), stitch.copy(), 0);
      for (List<JsonBlockScan.Delta>[] both : summaries) {
        List<JsonBlockScan.Delta> deltas = both[stitch.inString() ? 1 : 0];
        if (deltas == null) return null;
        boolean first = true;
        for (JsonBlockScan.Delta d : deltas) {
          if (!stitch.apply(d)) return null;
          chosen.add(d);
          if (d.isCheckpoint() && first) {
            Checkpoint c = stitch.checkpoint(d.offset(), keys);
            if (c == null) return null;
            ranges.add(open.endingAt(chosen.size() - 1, c));
            open = new Range(c, stitch.copy(), chosen.size());
            first = false;
          }
        }
      }
      ranges.add(open.endingAt(chosen.size(), null));
      summaries.clear();
      long t2 = System.nanoTime();
      cpu.stitchWall = t2 - t1;
      // Validate every range with the real skim, from its stitched state through each checkpoint
      // in it (a jump may land on any) to the next range's.
      List<Callable<Boolean>> checks = new ArrayList<>();
      for (Range r : ranges) {
        List<JsonBlockScan.Delta> inside = chosen.subList(r.firstDelta, r.endDelta);
        checks.add(timed(cpu, () -> validate(file, spec, options, r, inside, keys)));
      }
      List<Boolean> valid = Parallel.all(pool, checks, "split planning");
      cpu.validateWall = System.nanoTime() - t2;
      for (boolean ok : valid) if (!ok) return null;
      ranges.clear();
      return SplitPlanner.skim(file, null, spec, bytes,
          new Walk(chosen, new JsonStackStitcher(options.maxTokenBytes()), keys, shape.minJump(),
              cpu.jumps));
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * Block starts about blockBytes apart, each moved past any backslashes before it, so that a
   * block starting inside a string does not start inside an escape.
   */
  private static long[] blockStarts(PositionalChannel ch, long size, long blockBytes)
      throws IOException {
    List<Long> starts = new ArrayList<>();
    starts.add(0L);
    byte[] b = new byte[BACKSLASH_SCAN];
    for (long a = blockBytes; a < size; a += blockBytes) {
      int n = (int) Math.min(b.length, size - (a - 1));
      ch.readFully(a - 1, b, 0, n);
      int j = 0;
      while (j < n && b[j] == '\\') j++;
      long start = a + j;
      if (j < n && start < size && start > starts.get(starts.size() - 1)) starts.add(start);
    }
    return starts.stream().mapToLong(Long::longValue).toArray();
  }

  /** Both speculations of block [from, to): outside a string first, inside one second. */
  @SuppressWarnings("unchecked")
  private static List<JsonBlockScan.Delta>[] summarize(PositionalChannel ch, long from, long to,
      long interval) throws IOException {
    int len = (int) (to - from);
    byte[] b = BUFFER.get();
    if (b.length < len) {
      b = new byte[len];
      BUFFER.set(b);
    }
    ch.readFully(from, b, 0, len);
    return new List[] {
      JsonBlockScan.scan(b, 0, len, from, false, interval, MAX_BLOCK_DEPTH),
      JsonBlockScan.scan(b, 0, len, from, true, interval, MAX_BLOCK_DEPTH)
    };
  }

  /** One block buffer per planning thread, reused across its blocks. */
  private static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[0]);

  /**
   * A stretch the real skim validates: from a stitched state (with the stitcher as it stood
   * there) over deltas [firstDelta, endDelta) of the chosen ones to the next range's state, or to
   * the end of the file (end null).
   */
  private record Range(Checkpoint start, JsonStackStitcher stitch, int firstDelta, int endDelta,
      Checkpoint end) {
    Range(Checkpoint start, JsonStackStitcher stitch, int firstDelta) {
      this(start, stitch, firstDelta, firstDelta, null);
    }

    Range endingAt(int endDelta, Checkpoint end) {
      return new Range(start, stitch, firstDelta, endDelta, end);
    }
  }

  /**
   * Whether the real skim from the range's start passes every checkpoint of its deltas in the
   * state the stitch makes there, and reaches its end (or a clean end of file) in exactly that
   * state.
   */
  private static boolean validate(SnapshotFile file, SnapshotSpec spec, TokenizerOptions options,
      Range r, List<JsonBlockScan.Delta> deltas, JsonStackStitcher.KeyReader keys)
      throws IOException {
    try (FileInput raw = file.open(r.start().offset(), 0, 0)) {
      JsonStructureScanner s =
          new JsonStructureScanner(new TakeBackInput(raw), spec.maxSubDocumentBytes, options);
      s.startAt(r.start().state(), r.start().childCounts());
      JsonStackStitcher stitch = r.stitch();
      for (JsonBlockScan.Delta d : deltas) {
        if (!stitch.apply(d)) return false;
        if (!d.isCheckpoint()) continue;
        Checkpoint c = stitch.checkpoint(d.offset(), keys);
        // No state there (a key over the cap, say): the walk will not jump there either.
        if (c != null && !(s.runTo(c.offset()) && s.isAt(c.state(), c.childCounts()))) {
          return false;
        }
      }
      if (r.end() == null) return s.runTo(Long.MAX_VALUE);
      return s.runTo(r.end().offset()) && s.isAt(r.end().state(), r.end().childCounts());
    } catch (FormatException e) {
      return false;
    }
  }

  private static <T> Callable<T> timed(Stats cpu, Callable<T> task) {
    return () -> {
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      boolean measured = mx.isCurrentThreadCpuTimeSupported();
      long t0 = measured ? mx.getCurrentThreadCpuTime() : 0;
      try {
        return task.call();
      } finally {
        if (measured) cpu.nanos.addAndGet(mx.getCurrentThreadCpuTime() - t0);
      }
    };
  }

  /**
   * The stitched checkpoints for the serial skim, walked forward once: the deltas are applied
   * again in order, and a state is made only where a jump lands.
   */
  static final class Walk {
    private final List<JsonBlockScan.Delta> deltas;
    private final JsonStackStitcher stitch;
    private final JsonStackStitcher.KeyReader keys;
    private final long minJump;
    private final AtomicLong jumps;
    private int next;

    Walk(List<JsonBlockScan.Delta> deltas, JsonStackStitcher stitch,
        JsonStackStitcher.KeyReader keys, long minJump, AtomicLong jumps) {
      this.jumps = jumps;
      this.deltas = deltas;
      this.stitch = stitch;
      this.keys = keys;
      this.minJump = Math.max(1, minJump);
    }

    /**
     * The state at the last checkpoint before offset before, if it lies far enough past offset
     * after (where the skim stands); else null. Calls come with ascending offsets.
     */
    Checkpoint before(long after, long before) throws IOException {
      int last = -1;
      for (int j = next; j < deltas.size() && deltas.get(j).offset() < before; j++) {
        if (deltas.get(j).isCheckpoint()) last = j;
      }
      if (last < 0) return null;
      for (; next <= last; next++) {
        if (!stitch.apply(deltas.get(next))) throw new IllegalStateException("stitch changed");
      }
      long at = deltas.get(last).offset();
      if (at - after < minJump) return null;
      Checkpoint c = stitch.checkpoint(at, keys);
      if (c != null) jumps.incrementAndGet();
      return c;
    }
  }
}
