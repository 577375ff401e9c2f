package io.logdex.pipelines;

import io.logdex.transforms.BuildMetrics;
import io.logdex.transforms.LiveProgress;
import java.util.Locale;
import java.util.function.Supplier;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** Live build figures from the job's Beam counters (attempted values: committed may lag or be unsupported). */
public final class BuildProgress {
  private final long totalBytes;
  private final long startedNanos;
  private final Supplier<LiveProgress> live;

  /** live: the build's in-process counters, or null (BundleOptions: a bundle's metrics come at its end). */
  BuildProgress(long totalBytes, long startedNanos, Supplier<LiveProgress> live) {
    this.totalBytes = totalBytes;
    this.startedNanos = startedNanos;
    this.live = live;
  }

  /** One sample of the counters. */
  public record Snapshot(long bytesRead, long totalBytes, long records, long badRecords, long chunksDone, double seconds) {
    public double bytesPerSecond() {
      return seconds <= 0 ? 0 : bytesRead / seconds;
    }

    /** Seconds left at the rate so far, or -1 when unknown. */
    public double etaSeconds() {
      double rate = bytesPerSecond();
      return rate <= 0 || totalBytes <= 0 ? -1 : Math.max(0, (totalBytes - bytesRead) / rate);
    }

    /** {@code 12.3 of 45.6 MB (27%), 123456 records, 3 bad, 8.1 MB/s, ETA 4 s}. */
    public String line() {
      double pct = totalBytes <= 0 ? 0 : 100.0 * Math.min(bytesRead, totalBytes) / totalBytes;
      double eta = etaSeconds();
      return String.format(Locale.ROOT, "%.1f of %.1f MB (%.0f%%), %d records, %d bad, %.1f MB/s, ETA %s",
          bytesRead / 1e6, totalBytes / 1e6, pct, records, badRecords, bytesPerSecond() / 1e6,
          eta < 0 ? "?" : String.format(Locale.ROOT, "%.0f s", eta));
    }
  }

  /** The current figures, or null when the runner cannot report metrics yet. */
  Snapshot sample(PipelineResult result) {
    MetricQueryResults q;
    try {
      q = result.metrics().queryMetrics(
          MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(BuildMetrics.NAMESPACE)).build());
    } catch (RuntimeException e) {
      return null; // some runners cannot answer while running
    }
    long bytes = 0, records = 0, bad = 0, chunks = 0;
    for (MetricResult<Long> c : q.getCounters()) {
      long v = attempted(c);
      switch (c.getName().getName()) {
        case BuildMetrics.BYTES_READ -> bytes += v;
        case BuildMetrics.RECORDS -> records += v;
        case BuildMetrics.BAD_RECORDS -> bad += v;
        case BuildMetrics.CHUNKS_DONE -> chunks += v;
        default -> { }
      }
    }
    LiveProgress l = live == null ? null : live.get();
    if (l != null) {
      bytes = Math.max(bytes, l.bytesRead());
      records = Math.max(records, l.records());
      bad = Math.max(bad, l.badRecords());
      chunks = Math.max(chunks, l.chunksDone());
    }
    return new Snapshot(bytes, totalBytes, records, bad, chunks, (System.nanoTime() - startedNanos) / 1e9);
  }

  private static long attempted(MetricResult<Long> c) {
    Long v = c.getAttempted();
    return v == null ? 0 : v;
  }
}
