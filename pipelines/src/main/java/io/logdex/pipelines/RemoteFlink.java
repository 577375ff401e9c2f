package io.logdex.pipelines;

import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Whether a build runs on a remote Flink cluster, and the poller of its progress if so. Flink's
 * bracketed masters ({@code [local]}, {@code [auto]}, {@code [collection]}) run in this JVM, or are
 * resolved by Flink from its environment, so only {@code host:port} (or a URL) is polled.
 */
final class RemoteFlink {
  /** Sampled about once a second: the JobManager's metric fetcher refreshes no faster by default. */
  static final long POLL_MILLIS = 1000;
  /** How far the JobManager's clock may run behind ours when matching the job's start time. */
  private static final long CLOCK_SKEW_MILLIS = 5 * 60_000;

  private RemoteFlink() {}

  /** The REST address of a remote Flink cluster the options run on, or null. */
  static String master(PipelineOptions options) {
    // By name, so the Flink runner's classes load only for a Flink build.
    if (!"FlinkRunner".equals(options.getRunner().getSimpleName())) return null;
    String m = options.as(FlinkPipelineOptions.class).getFlinkMaster();
    return m == null || m.isBlank() || m.startsWith("[") ? null : m.trim();
  }

  /** A started poller of the job's counters, or null when the build does not run on a remote cluster. */
  static FlinkProgressPoller poller(PipelineOptions options, BuildJob.ProgressListener listener) {
    String master = master(options);
    if (master == null) return null;
    FlinkJobMetrics job = new FlinkJobMetrics(master, options.getJobName(),
        System.currentTimeMillis() - CLOCK_SKEW_MILLIS);
    return new FlinkProgressPoller(job, POLL_MILLIS, listener::note).start();
  }
}
