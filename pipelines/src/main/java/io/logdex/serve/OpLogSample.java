package io.logdex.serve;

import io.logdex.format.index.DocRecord;
import io.logdex.format.log.LogEntry;
import io.logdex.format.tree.Node;
import io.logdex.transforms.BuildOutput;
import io.logdex.transforms.ChunkSummary;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The op-log points the page plots ({@code /api/oplog}): at most {@code max} s3dlio operations
 * spread evenly over every op-log chunk of the index, each its start time, latency and operation.
 * Evenly by position in the logs, so a page costs {@code max} entry reads, not the log.
 *
 * <p>Hook: this reads sampled entries because today's index has no numeric columns. When it keeps
 * per-column statistics (duration_ns by op and by time bucket), {@link #sample} is the one place to
 * answer from them instead, exactly and without reading entries; the page draws whatever points
 * and counts it is given.
 */
final class OpLogSample {
  static final int MAX_POINTS = 10_000;

  /** One operation: start (epoch milliseconds), latency (milliseconds), operation name. */
  record Point(double t, double ms, String op) {}

  /** The points in time order, and how many operations the index holds. */
  record Series(long total, List<Point> points) {}

  private OpLogSample() {}

  static Series sample(BuildOutput out, int max) throws IOException {
    List<ChunkSummary> logs = new ArrayList<>();
    long total = 0;
    for (ChunkSummary c : out.manifest().chunks()) {
      if (c.entries() > 0 && !out.isSnapshot(c.id()) && out.isOperationLog(c.id())) {
        logs.add(c);
        total += c.entries();
      }
    }
    List<Point> points = new ArrayList<>();
    long n = Math.min(max, total);
    int chunk = 0;
    long before = 0; // entries in logs[0..chunk)
    for (long j = 0; j < n; j++) {
      long ordinal = (long) ((double) j * total / n);
      while (ordinal - before >= logs.get(chunk).entries()) before += logs.get(chunk++).entries();
      DocRecord r = out.index().docRecord(((long) logs.get(chunk).id() << 40) + (ordinal - before));
      if (r == null) continue;
      Point p = point(out.entry(r));
      if (p != null) points.add(p);
    }
    points.sort(Comparator.comparingDouble(Point::t));
    return new Series(total, points);
  }

  /** An s3dlio record's point; null when it has no start time or duration. */
  private static Point point(LogEntry e) {
    Node d = e.diff();
    Node op = d.get("op");
    Node start = d.get("start");
    Node duration = d.get("duration_ns");
    if (op == null || start == null || duration == null || start.kind() != Node.Kind.STRING
        || duration.kind() != Node.Kind.INTEGER) {
      return null;
    }
    try {
      Instant s = Instant.parse(start.text());
      return new Point(s.getEpochSecond() * 1e3 + s.getNano() / 1e6, duration.doubleValue() / 1e6, op.text());
    } catch (DateTimeParseException | ArithmeticException e2) {
      return null;
    }
  }
}
