package io.logdex.io.snapshot;

import io.logdex.format.FormatException;
import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.token.TokenizerState;
import io.logdex.format.zstd.SeekTable;
import java.io.IOException;
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

  private final SnapshotFile file;
  private final SeekTable table;
  private final long granularity;
  private final List<SplitPoint> points = new ArrayList<>();
  private long due = Long.MAX_VALUE;
  private SplitPoint candidate;

  private SplitPlanner(SnapshotFile file, SeekTable table, long granularity) {
    this.file = file;
    this.table = table;
    this.granularity = granularity;
  }

  /**
   * The split points of a PLAIN or ZSTD_FRAMES file, ascending. Under SKIP, bad input ends the
   * plan with an ERROR point; under FAIL it is thrown.
   */
  static List<SplitPoint> plan(SnapshotFile file, SeekTable table, SnapshotSpec spec)
      throws IOException {
    if (!file.isSplittable()) throw new IllegalArgumentException("cannot plan " + file);
    long t0 = System.nanoTime();
    SplitPlanner p = new SplitPlanner(file, table, spec.splitGranularity);
    long bytes;
    try (FileInput in = file.open(0, 0, 0)) {
      Tokenizer t = Tokenizer.fromStream(in, 0, file.name(), spec.tokenizerFor(file.name()));
      SubDocumentCutter cutter = new SubDocumentCutter(t, spec.maxSubDocumentBytes, false,
          spec.stream(), p.new Emitted());
      try {
        p.scan(cutter, t);
      } catch (FormatException e) {
        if (spec.badInput == BadInputPolicy.FAIL) throw e;
        p.points.add(SplitPoint.error(cutter.deadLetter(file.name(), e)));
      }
      bytes = in.position();
    }
    double ms = (System.nanoTime() - t0) / 1e6;
    LOG.info("Planned {}: {} uncompressed bytes in {} ms ({} MB/s), {} split points", file.name(),
        bytes, String.format("%.1f", ms), String.format("%.0f", bytes / 1e3 / Math.max(ms, 1e-3)),
        p.points.size());
    return p.points;
  }

  private void scan(SubDocumentCutter cutter, Tokenizer t) throws IOException {
    TokenizerState recorded = null;
    long[] starts = null;
    long[] counts = null;
    boolean[] objects = null;
    // A recorded state copies every open frame. Where no value follows (a run of closing brackets
    // deep down), the next try waits as many bytes as that copy had frames: O(1) a byte, not
    // O(depth) a bracket.
    long retryAt = 0;
    while (true) {
      TokenKind k = cutter.read();
      if (recorded != null) {
        if (k == TokenKind.TAG || k.startsValue()) {
          candidate = SplitPoint.resume(t.nodeOffset(), recorded, starts, counts, objects);
        } else {
          retryAt = cutter.lastTokenEnd() + starts.length;
        }
        recorded = null;
      }
      if (!cutter.process()) return;
      if (candidate == null && cutter.lastTokenEnd() >= due && cutter.lastTokenEnd() >= retryAt
          && cutter.isClean() && cutter.valueMayFollow()) {
        recorded = t.state();
        starts = cutter.frameStarts();
        counts = cutter.frameChildCounts();
        objects = cutter.frameObjects();
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
