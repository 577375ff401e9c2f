package io.logdex.pipelines;

import io.logdex.transforms.BuildMetrics;
import io.logdex.transforms.LiveProgress;
import java.util.function.Supplier;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * Samples a running build: its counters, from the job's Beam metrics (attempted values: committed
 * ones may lag or be unsupported) and from the in-process {@link LiveProgress} where the job runs
 * in this JVM (the DirectRunner, Flink's local cluster) or from a remote cluster's REST API (Flink),
 * and the phase they put it in. Phases only move forward; each one's start is when a sample first
 * saw it, so its rate is over its own time.
 */
public final class BuildProgress {
  /** The phases of a build, in order. */
  public enum Phase {
    PLAN, INGEST, MERGE, COMMIT, DONE;

    public String word() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final long totalBytes;
  private final int chunks;
  private final int partitions;
  private final Supplier<LiveProgress> live;
  private final Supplier<FlinkJobMetrics.Counters> remote;
  private final long startedNanos;
  private Phase phase = Phase.INGEST;
  private long phaseStartedNanos;

  /**
   * live: the build's in-process counters, or null (a bundle's metrics come only at its end, and
   * with {@link io.logdex.transforms.BundleOptions} all chunks are one bundle).
   */
  BuildProgress(long totalBytes, int chunks, int partitions, long startedNanos, Supplier<LiveProgress> live) {
    this(totalBytes, chunks, partitions, startedNanos, live, () -> null);
  }

  /**
   * remote: the counters a remote cluster reports while the job runs ({@link FlinkProgressPoller}),
   * or null before any; they count per bundle, like the job's metrics.
   */
  BuildProgress(long totalBytes, int chunks, int partitions, long startedNanos, Supplier<LiveProgress> live,
      Supplier<FlinkJobMetrics.Counters> remote) {
    this.remote = remote;
    this.totalBytes = totalBytes;
    this.chunks = chunks;
    this.partitions = partitions;
    this.startedNanos = startedNanos;
    this.phaseStartedNanos = startedNanos;
    this.live = live;
  }

  /**
   * One sample of a phase. merged of mergeTotal: partitions (and the doc table) merged, of those
   * that ingest wrote runs for (known in process; else every partition, an upper bound);
   * mergedRunBytes of runBytes: their runs' bytes (0 of 0 when not known in process).
   */
  public record Snapshot(Phase phase, long bytesRead, long totalBytes, long records, long badRecords,
      long chunksDone, long chunks, long merged, long mergeTotal, long mergedRunBytes, long runBytes,
      double phaseSeconds, double seconds) {
    /** Ingest: stored bytes per second in the phase; 0 before any. */
    public double bytesPerSecond() {
      return phaseSeconds <= 0 ? 0 : bytesRead / phaseSeconds;
    }

    /** Merge: partitions per second in the phase; 0 before any. */
    public double mergesPerSecond() {
      return phaseSeconds <= 0 ? 0 : merged / phaseSeconds;
    }

    /** Merge: run bytes per second in the phase; 0 before any. */
    public double runBytesPerSecond() {
      return phaseSeconds <= 0 ? 0 : mergedRunBytes / phaseSeconds;
    }

    /** Seconds left in this phase at its rate so far, or -1 when unknown (no total, no rate yet). */
    public double etaSeconds() {
      return switch (phase) {
        case INGEST -> eta(bytesRead, totalBytes, bytesPerSecond());
        // A partition counts only when it ends, and partitions merge side by side: the first to end
        // is often the smallest, and a rate from it promised minutes for a merge of seconds. So no
        // ETA before half is merged; by run bytes where known, since partitions differ in size.
        case MERGE -> runBytes > 0
            ? (2 * mergedRunBytes < runBytes ? -1 : eta(mergedRunBytes, runBytes, runBytesPerSecond()))
            : (2 * merged < mergeTotal ? -1 : eta(merged, mergeTotal, mergesPerSecond()));
        default -> -1;
      };
    }

    private static double eta(long done, long total, double rate) {
      return rate <= 0 || total <= 0 ? -1 : Math.max(0, (total - done) / rate);
    }

    /** The line a person reads for this sample (ProgressLine). */
    public String line() {
      return ProgressLine.running(this);
    }
  }

  /**
   * Samples the job (result: null while a blocking runner's run() has not returned) and tells the
   * listener: first each phase that ended since the last sample, with the figures it ended with
   * (a phase begun and ended between two samples has no duration: NaN seconds), then the current
   * phase's figures, unless the job is done.
   */
  void report(PipelineResult result, boolean done, BuildJob.ProgressListener listener) {
    Phase before = phase;
    long beforeStarted = phaseStartedNanos;
    Snapshot s = sample(result, done);
    for (Phase p = before; p.compareTo(s.phase()) < 0; p = Phase.values()[p.ordinal() + 1]) {
      double seconds = p == before ? (System.nanoTime() - beforeStarted) / 1e9 : Double.NaN;
      listener.phaseEnded(new Snapshot(p, s.bytesRead(), s.totalBytes(), s.records(), s.badRecords(),
          s.chunksDone(), s.chunks(), s.merged(), s.mergeTotal(), s.mergedRunBytes(), s.runBytes(), seconds,
          s.seconds()));
    }
    if (s.phase() != Phase.DONE) listener.progress(s);
  }

  /** The current figures and phase; done says the job is over. */
  Snapshot sample(PipelineResult result, boolean done) {
    long bytes = 0, records = 0, bad = 0, chunksDone = 0, merged = 0;
    if (result != null) {
      try {
        MetricQueryResults q = result.metrics().queryMetrics(
            MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(BuildMetrics.NAMESPACE)).build());
        for (MetricResult<Long> c : q.getCounters()) {
          long v = c.getAttempted() == null ? 0 : c.getAttempted();
          switch (c.getName().getName()) {
            case BuildMetrics.BYTES_READ -> bytes += v;
            case BuildMetrics.RECORDS -> records += v;
            case BuildMetrics.BAD_RECORDS -> bad += v;
            case BuildMetrics.CHUNKS_DONE -> chunksDone += v;
            case BuildMetrics.PARTITIONS_MERGED -> merged += v;
            default -> { }
          }
        }
      } catch (RuntimeException e) {
        // some runners cannot answer while running; the in-process figures stand alone
      }
    }
    FlinkJobMetrics.Counters r = remote.get();
    if (r != null) {
      bytes = Math.max(bytes, r.bytesRead());
      records = Math.max(records, r.records());
      bad = Math.max(bad, r.badRecords());
      chunksDone = Math.max(chunksDone, r.chunksDone());
      merged = Math.max(merged, r.partitionsMerged());
    }
    LiveProgress l = live == null ? null : live.get();
    long mergeTotal = partitions + 1L; // every partition and the doc table, at most
    long runBytes = 0, mergedRunBytes = 0;
    boolean commitStarted = false;
    if (l != null) {
      bytes = Math.max(bytes, l.bytesRead());
      records = Math.max(records, l.records());
      bad = Math.max(bad, l.badRecords());
      chunksDone = Math.max(chunksDone, l.chunksDone());
      merged = Math.max(merged, l.partitionsMerged());
      if (l.mergeTotal() > 0) mergeTotal = l.mergeTotal();
      runBytes = l.runBytes();
      mergedRunBytes = Math.min(l.mergedRunBytes(), runBytes);
      commitStarted = l.commitStarted();
    }
    // Retried attempts count twice: never show more than the whole.
    bytes = Math.min(bytes, totalBytes);
    chunksDone = Math.min(chunksDone, chunks);
    merged = Math.min(merged, mergeTotal);
    Phase now = done ? Phase.DONE
        : commitStarted || (l == null && merged >= mergeTotal) ? Phase.COMMIT
        : chunksDone >= chunks ? Phase.MERGE
        : Phase.INGEST;
    long t = System.nanoTime();
    if (now.compareTo(phase) > 0) {
      phase = now;
      phaseStartedNanos = t;
    }
    return new Snapshot(phase, bytes, totalBytes, records, bad, chunksDone, chunks, merged, mergeTotal,
        mergedRunBytes, runBytes, (t - phaseStartedNanos) / 1e9, (t - startedNanos) / 1e9);
  }
}
