package io.logdex.pipelines;

import io.logdex.pipelines.BuildProgress.Snapshot;
import java.util.Locale;

/**
 * The words of the build's progress: a running phase's line (redrawn on a terminal) and a finished
 * phase's line (one per phase elsewhere). Each names its phase first, then what it has of a total,
 * a rate over the phase's own time, and an ETA where the phase has a known total.
 */
public final class ProgressLine {
  private ProgressLine() {}

  /** {@code ingest: 12.3 of 45.6 MB (27%), 1/4 chunks, 123456 records, 3 bad, 8.1 MB/s, ETA 4 s}. */
  public static String running(Snapshot s) {
    return switch (s.phase()) {
      case PLAN -> "plan: " + planned(s);
      case INGEST -> String.format(Locale.ROOT, "ingest: %.1f of %s (%.0f%%), %d/%d chunks, %s, %s/s, ETA %s",
          s.bytesRead() / 1e6, mb(s.totalBytes()), percent(s.bytesRead(), s.totalBytes()), s.chunksDone(),
          s.chunks(), records(s), mb((long) s.bytesPerSecond()), eta(s.etaSeconds()));
      case MERGE -> s.runBytes() > 0
          ? String.format(Locale.ROOT, "merge: %.1f of %s of runs (%.0f%%), %d/%d partitions, %s/s, ETA %s",
              s.mergedRunBytes() / 1e6, mb(s.runBytes()), percent(s.mergedRunBytes(), s.runBytes()), s.merged(),
              s.mergeTotal(), mb((long) s.runBytesPerSecond()), eta(s.etaSeconds()))
          : String.format(Locale.ROOT, "merge: %d of %d partitions (%.0f%%), %.1f partitions/s, ETA %s",
              s.merged(), s.mergeTotal(), percent(s.merged(), s.mergeTotal()), s.mergesPerSecond(), eta(s.etaSeconds()));
      case COMMIT -> String.format(Locale.ROOT, "commit: %s", seconds(s.phaseSeconds()));
      case DONE -> "done";
    };
  }

  /** {@code ingest: 45.6 MB, 4 chunks, 123456 records, 3 bad in 5.6 s (8.1 MB/s)}. */
  public static String finished(Snapshot s) {
    boolean timed = !Double.isNaN(s.phaseSeconds());
    String took = timed ? " in " + seconds(s.phaseSeconds()) : "";
    return switch (s.phase()) {
      case PLAN -> "plan: " + planned(s) + (timed ? " (" + seconds(s.phaseSeconds()) + ")" : "");
      case INGEST -> String.format(Locale.ROOT, "ingest: %s, %s, %s%s%s", mb(s.bytesRead()),
          chunks(s.chunksDone()), records(s), took, timed ? " (" + mb((long) s.bytesPerSecond()) + "/s)" : "");
      case MERGE -> String.format(Locale.ROOT, "merge: %d partitions%s%s%s", s.merged(),
          s.runBytes() > 0 ? ", " + mb(s.runBytes()) + " of runs" : "", took, !timed ? ""
              : s.runBytes() > 0 ? " (" + mb((long) s.runBytesPerSecond()) + "/s)"
              : String.format(Locale.ROOT, " (%.1f partitions/s)", s.mergesPerSecond()));
      case COMMIT -> "commit: done" + took;
      case DONE -> "done";
    };
  }

  /** The rest of a plan's line: what ingest has before it. */
  private static String planned(Snapshot s) {
    return mb(s.totalBytes()) + " in " + chunks(s.chunks());
  }

  private static String chunks(long n) {
    return n + (n == 1 ? " chunk" : " chunks");
  }

  private static String records(Snapshot s) {
    return String.format(Locale.ROOT, "%d records, %d bad", s.records(), s.badRecords());
  }

  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
  }

  private static double percent(long done, long total) {
    return total <= 0 ? 0 : 100.0 * Math.min(done, total) / total;
  }

  /** {@code 42 s}, {@code 3 min 5 s}, {@code 2 h 3 min}; {@code ?} when unknown. */
  static String eta(double seconds) {
    if (seconds < 0 || Double.isNaN(seconds)) return "?";
    long s = Math.round(seconds);
    if (s < 60) return s + " s";
    if (s < 3600) return (s / 60) + " min " + (s % 60) + " s";
    return (s / 3600) + " h " + (s % 3600 / 60) + " min";
  }

  private static String seconds(double seconds) {
    return String.format(Locale.ROOT, "%.1f s", seconds);
  }
}
