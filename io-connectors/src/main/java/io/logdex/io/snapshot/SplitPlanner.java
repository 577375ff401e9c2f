package io.logdex.io.snapshot;

import io.logdex.format.FormatException;
import io.logdex.format.token.DocumentMode;
import io.logdex.format.token.JsonStackStitcher;
import io.logdex.format.token.JsonStructureScanner;
import io.logdex.format.token.TakeBackInput;
import io.logdex.format.token.Syntax;
import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.token.TokenizerOptions;
import io.logdex.format.token.TokenizerState;
import io.logdex.format.zstd.SeekTable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The structural pre-scan: reads a file once with a cutter that formats no paths and keeps no
 * bytes, and plans split points about every splitGranularity bytes (and, in a multi-frame zstd
 * file, in a later frame than the last point, so that each reader decompresses at most one frame
 * it does not need).
 *
 * <p>A point is taken in two steps. When the cutter is clean after a token that a node may follow
 * (a key, an array element, a document) and the point is due, the tokenizer's state and the open
 * containers are recorded. If the next token starts a node, that node is the candidate; it is
 * confirmed when the cutter's very next record is that node as a sub-document, and dropped if the
 * node turns out to be a container too big to be one (then a point is looked for inside it). The
 * file's first record is always a point, read from offset 0.
 */
final class SplitPlanner {
  private static final Logger LOG = LoggerFactory.getLogger(SplitPlanner.class);
  private static final int TURN_BUFFER = 8 * 1024;

  private final SnapshotFile file;
  private final SeekTable table;
  private final long granularity;
  private final List<SplitPoint> points = new ArrayList<>();
  private long due = Long.MAX_VALUE;
  private long retryAt;
  private SplitPoint candidate;

  private SplitPlanner(SnapshotFile file, SeekTable table, long granularity) {
    this.file = file;
    this.table = table;
    this.granularity = granularity;
  }

  /**
   * The split points of a PLAIN or ZSTD_FRAMES file, ascending. Under SKIP, bad input ends the
   * plan with an ERROR point; under FAIL it is thrown.
   *
   * <p>A JSON file is skimmed ({@link #skim}) and, only if the skim cannot vouch for it (bad input,
   * or something it leaves to the tokenizer), read again with the tokenizer throughout; both give
   * the same points.
   */
  static List<SplitPoint> plan(SnapshotFile file, SeekTable table, SnapshotSpec spec)
      throws IOException {
    if (!file.isSplittable()) throw new IllegalArgumentException("cannot plan " + file);
    long t0 = System.nanoTime();
    long cpu0 = threadCpuNanos();
    long[] bytes = new long[1];
    List<SplitPoint> points = null;
    String how = "skimmed";
    ParallelSkim.Stats parallel = new ParallelSkim.Stats();
    TokenizerOptions options = spec.tokenizerFor(file.name());
    int threads = spec.planThreadCount();
    if (options.syntax() == Syntax.JSON && options.documents() == DocumentMode.SINGLE
        && table == null && file.layout() == SnapshotFile.Layout.PLAIN && threads > 1
        && file.uncompressedSize() >= ParallelSkim.MIN_BYTES) {
      how = "skimmed on " + threads + " threads";
      try {
        points = ParallelSkim.plan(file, spec, bytes,
            ParallelSkim.Shape.of(file.uncompressedSize(), threads, spec.splitGranularity),
            parallel);
      } catch (RuntimeException e) {
        // A fault of the parallel planner must not cost the build: the serial one plans alike.
        LOG.warn("Planning {} in parallel failed ({}); planning it serially", file.name(), e);
        points = null;
      }
    }
    if (points == null && options.syntax() == Syntax.JSON) {
      how = "skimmed";
      points = skim(file, table, spec, bytes);
    }
    if (points == null) {
      how = "tokenized";
      points = tokenize(file, table, spec, bytes);
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    // CPU as well as wall: on a busy machine the wall time is mostly waiting for a core.
    double cpuMs = (threadCpuNanos() - cpu0 + parallel.nanos.get()) / 1e6;
    LOG.info("Planned {} ({}): {} uncompressed bytes in {} ms, {} ms of CPU ({} MB/s of CPU), {}"
        + " split points", file.name(), how, bytes[0], String.format("%.1f", ms),
        String.format("%.1f", cpuMs),
        String.format("%.0f", bytes[0] / 1e3 / Math.max(cpuMs, 1e-3)), points.size());
    if (parallel.nanos.get() > 0) LOG.info("Planned {} in parallel: {}", file.name(), parallel);
    return points;
  }

  /** This thread's CPU time, or 0 where the JVM does not measure it. */
  private static long threadCpuNanos() {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    return mx.isCurrentThreadCpuTimeSupported() ? mx.getCurrentThreadCpuTime() : 0;
  }

  /** The plan read with the tokenizer and cutter throughout: any syntax, bad input included. */
  static List<SplitPoint> tokenize(SnapshotFile file, SeekTable table, SnapshotSpec spec,
      long[] bytes) throws IOException {
    SplitPlanner p = new SplitPlanner(file, table, spec.splitGranularity);
    try (FileInput in = file.open(0, 0, 0)) {
      Tokenizer t = Tokenizer.fromStream(in, 0, file.name(), spec.tokenizerFor(file.name()));
      SubDocumentCutter cutter = new SubDocumentCutter(t, spec.maxSubDocumentBytes, false,
          spec.stream(), p.new Emitted());
      try {
        p.scan(cutter, t, null, Long.MAX_VALUE);
      } catch (FormatException e) {
        if (spec.badInput == BadInputPolicy.FAIL) throw e;
        p.points.add(SplitPoint.error(cutter.deadLetter(file.name(), e)));
      }
      bytes[0] = in.position();
    }
    return p.points;
  }

  /**
   * The plan of a JSON file with the tokenizer and cutter only where a point is taken: from the
   * file's start to its first point, then from each due point to the point's confirmation. In
   * between, {@link JsonStructureScanner} skims to the next place a point may be recorded and
   * builds the state the tokenizer would have there; a tokenizer and cutter resumed from it (as a
   * split reader resumes) then decide the point exactly as the continuous pass would. Null if the
   * file has bad input or anything else the skim leaves to the tokenizer: then {@link #tokenize}.
   */
  static List<SplitPoint> skim(SnapshotFile file, SeekTable table, SnapshotSpec spec,
      long[] bytes) throws IOException {
    return skim(file, table, spec, bytes, null);
  }

  /**
   * As {@link #skim(SnapshotFile, SeekTable, SnapshotSpec, long[])}; with a walk (from {@link
   * ParallelSkim}, whose checkpoints hold the exact skim state), the skim jumps from where it
   * takes over to the last checkpoint before the next due offset instead of skimming there. The
   * points are the same: no token before the due offset can be one.
   */
  static List<SplitPoint> skim(SnapshotFile file, SeekTable table, SnapshotSpec spec,
      long[] bytes, ParallelSkim.Walk walk) throws IOException {
    SplitPlanner p = new SplitPlanner(file, table, spec.splitGranularity);
    TokenizerOptions options = spec.tokenizerFor(file.name());
    long cap = spec.maxSubDocumentBytes;
    SubDocumentCutter.Listener emitted = p.new Emitted();
    try (FileInput raw = file.open(0, 0, 0)) {
      TakeBackInput in = new TakeBackInput(raw);
      Tokenizer t = Tokenizer.fromStream(in, 0, file.name(), options);
      SubDocumentCutter cutter = new SubDocumentCutter(t, cap, false, spec.stream(), emitted);
      boolean more = p.scan(cutter, t, null, 0);
      JsonStructureScanner s = new JsonStructureScanner(in, cap, options);
      // The tokenizer's turns are short (from a due point to its confirmation): a small buffer
      // (it grows for a longer token; tokens and states do not depend on it).
      TokenizerOptions turn = options.withBufferSize(Math.min(options.bufferSize(), TURN_BUFFER));
      while (more) {
        if (!s.takeOver(t, cutter.frameChildCounts())) return null;
        JsonStackStitcher.Checkpoint c =
            walk == null ? null : walk.before(s.offset(), Math.max(p.due, p.retryAt));
        if (c != null) {
          skipFully(in, c.offset() - s.offset());
          s.startAt(c.state(), c.childCounts());
        }
        JsonStructureScanner.Stop stop = s.run(p.due, p.retryAt);
        if (stop == JsonStructureScanner.Stop.UNSURE) return null;
        if (stop == JsonStructureScanner.Stop.END) break;
        TokenizerState state = s.state();
        Recorded r = new Recorded(state, s.frameStarts(), s.frameChildCounts(), s.frameObjects());
        s.handOver();
        t = Tokenizer.resume(in, state, file.name(), turn);
        cutter = SubDocumentCutter.resume(t, cap, false, spec.stream(), emitted, state.offset(),
            r.starts, r.counts, r.objects);
        // Each turn allocates a tokenizer: it lasts at least a buffer's worth of input, so that
        // closely spaced tries (big arrays ending one after another) cost O(1) a byte.
        more = p.scan(cutter, t, r, state.offset() + turn.bufferSize());
      }
      bytes[0] = raw.position();
    } catch (FormatException e) {
      return null;
    }
    return p.points;
  }

  private static void skipFully(InputStream in, long n) throws IOException {
    while (n > 0) {
      long k = in.skip(n);
      if (k <= 0) {
        if (in.read() < 0) throw new IOException("the file ended before a checkpoint it holds");
        k = 1;
      }
      n -= k;
    }
  }

  /** A point's tokenizer state and open containers, recorded where it may be taken. */
  private record Recorded(TokenizerState state, long[] starts, long[] counts, boolean[] objects) {}

  /**
   * Reads tokens, confirming or dropping candidates, until the end of input (false) or, from
   * offset handBackFrom on, until the skim may take over (true): a point has been taken, no
   * candidate is open and none is recorded after this token. recorded is a point recorded just
   * before the first token (where the cutter resumed).
   */
  private boolean scan(SubDocumentCutter cutter, Tokenizer t, Recorded recorded, long handBackFrom)
      throws IOException {
    // A recorded state copies every open frame. Where no value follows (a run of closing brackets
    // deep down), the next try waits as many bytes as that copy had frames: O(1) a byte, not
    // O(depth) a bracket.
    while (true) {
      TokenKind k = cutter.read();
      if (recorded != null) {
        if (k == TokenKind.TAG || k.startsValue()) {
          candidate = SplitPoint.resume(t.nodeOffset(), recorded.state, recorded.starts,
              recorded.counts, recorded.objects);
        } else {
          retryAt = cutter.lastTokenEnd() + recorded.starts.length;
        }
        recorded = null;
      }
      if (!cutter.process()) return false;
      if (candidate == null && cutter.lastTokenEnd() >= due && cutter.lastTokenEnd() >= retryAt
          && cutter.isClean() && cutter.valueMayFollow()) {
        recorded = new Recorded(t.state(), cutter.frameStarts(), cutter.frameChildCounts(),
            cutter.frameObjects());
      } else if (candidate == null && !points.isEmpty()
          && cutter.lastTokenEnd() >= handBackFrom) {
        return true;
      }
    }
  }

  /** Sees the cutter's records: the first one and the candidates' fates. */
  private final class Emitted implements SubDocumentCutter.Listener {
    @Override
    public void subDocument(long start, long end, String path, long childCount) {
      if (points.isEmpty()) {
        add(SplitPoint.fileStart(start));
      } else if (candidate != null) {
        if (start == candidate.position) add(candidate);
        candidate = null;
      }
    }

    @Override
    public void container(long start, long end, String path, long childCount) {
      candidate = null;
    }
  }

  private void add(SplitPoint p) {
    if (table != null) {
      int f = table.frameAt(p.resumeOffset());
      if (f >= 0) p = p.inFrame(table.compressedOffset(f), table.decompressedOffset(f));
    }
    points.add(p);
    due = p.position > Long.MAX_VALUE - granularity ? Long.MAX_VALUE : p.position + granularity;
    if (table != null) {
      int f = table.frameAt(p.position);
      long nextFrame = f >= 0 && f + 1 < table.frameCount()
          ? table.decompressedOffset(f + 1) : Long.MAX_VALUE;
      due = Math.max(due, nextFrame);
    }
  }
}
