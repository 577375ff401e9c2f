package io.logdex.transforms;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The build's Beam counters (namespace {@value #NAMESPACE}), which progress reporting reads while
 * the job runs. Counted per chunk attempt, so a retried chunk counts twice in attempted metrics.
 */
public final class BuildMetrics {
  public static final String NAMESPACE = "io.logdex.transforms.BuildIndex";
  /** Stored input bytes consumed (compressed for zstd inputs), against the plan's total. */
  public static final String BYTES_READ = "bytesRead";
  public static final String RECORDS = "records";
  public static final String BAD_RECORDS = "badRecords";
  public static final String ENTRIES = "entries";
  public static final String CHUNKS_DONE = "chunksDone";
  public static final String PARTITIONS_MERGED = "partitionsMerged";

  static final Counter bytesRead = Metrics.counter(NAMESPACE, BYTES_READ);
  static final Counter records = Metrics.counter(NAMESPACE, RECORDS);
  static final Counter badRecords = Metrics.counter(NAMESPACE, BAD_RECORDS);
  static final Counter entries = Metrics.counter(NAMESPACE, ENTRIES);
  static final Counter chunksDone = Metrics.counter(NAMESPACE, CHUNKS_DONE);
  static final Counter partitionsMerged = Metrics.counter(NAMESPACE, PARTITIONS_MERGED);

  private BuildMetrics() {}
}
