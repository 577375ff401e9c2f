package io.logdex.transforms;

import io.logdex.format.index.BuildOptions;
import io.logdex.format.index.IndexOptions;
import io.logdex.format.log.LogCompression;
import io.logdex.format.log.LogWriterOptions;
import io.logdex.io.common.DocumentFormat;
import io.logdex.io.oplog.BadRecordPolicy;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one {@link BuildIndex} run reads, where it writes, and the knobs that shape its output. The
 * chunk size and partition count shape the files (so they are recorded in the manifest); the spill
 * budget and merge fan-in only change how the work is done.
 *
 * @param oplogs op-log file patterns (any Beam file system)
 * @param snapshots snapshot patterns {@code GLOB[@COMMIT]}; kept for the snapshot seam, see
 *     {@link BuildIndex}
 * @param output the output directory (a local path: logs and index files are written with
 *     java.nio)
 * @param chunkBytes target size of a chunk (the unit of work and of output files)
 * @param partitions term partitions, or 0 for one per {@link #BYTES_PER_PARTITION} of input
 * @param maxSubDocumentBytes snapshots are indexed by their largest nodes of at most this size
 * @param failure when bad or missing records keep the build from committing
 * @param runner the runner's name, recorded in the manifest only
 * @param recordedOptions options to record in the manifest (never read back)
 * @param format the syntax of the JSON/Tony inputs: AUTO by name (strict JSON but for {@code
 *     .tony}), or JSON or TONY for every input; TSV/CSV op-logs are read by name regardless
 */
public record BuildConfig(
    List<String> oplogs,
    List<String> snapshots,
    String output,
    long chunkBytes,
    int partitions,
    long maxSubDocumentBytes,
    long spillBudgetBytes,
    int mergeFanIn,
    BadRecordPolicy badRecords,
    FailurePolicy failure,
    LogCompression logCompression,
    String runner,
    Map<String, String> recordedOptions,
    DocumentFormat format)
    implements Serializable {

  public static final long DEFAULT_CHUNK_BYTES = 64L << 20;
  public static final long DEFAULT_MAX_SUB_DOCUMENT_BYTES = 64L << 10;
  public static final long DEFAULT_SPILL_BUDGET_BYTES = 64L << 20;
  /**
   * A merge holds a 16 KiB page and an open file per run: 256 runs are 4 MiB. A 64 MiB chunk
   * spills about six times, so at 64 a 1.77 GB op-log's partitions (~160 runs each) took a second
   * pass; at 256 one pass merges up to 40 chunks' runs, and RunMerger merges only the smallest runs
   * beyond that.
   */
  public static final int DEFAULT_MERGE_FAN_IN = 256;
  /**
   * Input per automatic partition. Each partition is merged by one worker ({@link MergeKeys}
   * places merge i on worker i % workers on Flink), so a build needs several per worker to
   * balance: 256 MiB gave a 1M-record op-log (493 MB) 2 partitions and a doc table, 3 merges for 2
   * workers.
   */
  public static final long BYTES_PER_PARTITION = 64L << 20;
  /** At 64 MiB each, 256 partitions are reached at 16 GiB of input. */
  public static final int MAX_AUTO_PARTITIONS = 256;
  /**
   * Logs are zstd seekable by default: on s3dlio op-logs the log is ~7x smaller (115.6 MB of Tony
   * objects become 17.1 MB at 64 KiB frames), and a single-record read stays ~55 us (docs/FORMAT.md,
   * "Compressed logs").
   */
  public static final LogCompression DEFAULT_LOG_COMPRESSION = LogCompression.ZSTD;
  /**
   * Decompressed bytes per log zstd frame (a multiple of the 32 KiB log block). Measured on 200k
   * s3dlio records: 64 KiB = 17.1 MB, readAt p50 55 us; 256 KiB = 16.6 MB, 147 us; 1 MiB = 15.5 MB,
   * 326 us. The smallest frame costs ~10% more log bytes for ~6x faster random record reads.
   */
  public static final int DEFAULT_LOG_FRAME_BYTES = 64 << 10;
  /** How many top terms each dictionary records for stats. */
  public static final int TOP_TERMS = 100;

  public BuildConfig {
    oplogs = List.copyOf(oplogs);
    snapshots = List.copyOf(snapshots);
    Objects.requireNonNull(output, "output");
    String scheme = LocalOutput.schemeOf(output);
    if (scheme != null) {
      throw new IllegalArgumentException("--output=" + output + ": logdex writes its output to a local or"
          + " mounted file system, given as a plain path; " + scheme + ":// outputs are not supported yet"
          + " (inputs may be on any Beam file system)");
    }
    Objects.requireNonNull(badRecords, "badRecords");
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(logCompression, "logCompression");
    Objects.requireNonNull(format, "format");
    runner = runner == null ? "" : runner;
    recordedOptions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(recordedOptions));
    if (chunkBytes < 1) throw new IllegalArgumentException("chunkBytes must be positive: " + chunkBytes);
    if (partitions < 0 || partitions > 65536) {
      throw new IllegalArgumentException("partitions must be in [1, 65536] (0 for automatic): " + partitions);
    }
    new BuildOptions(spillBudgetBytes, mergeFanIn); // validates both
    if (maxSubDocumentBytes < 1 || maxSubDocumentBytes > (1L << 30)) {
      throw new IllegalArgumentException("maxSubDocumentBytes must be in [1, 2^30]: " + maxSubDocumentBytes);
    }
  }

  /** As the canonical constructor, with inputs read by name ({@link DocumentFormat#AUTO}). */
  public BuildConfig(List<String> oplogs, List<String> snapshots, String output, long chunkBytes,
      int partitions, long maxSubDocumentBytes, long spillBudgetBytes, int mergeFanIn,
      BadRecordPolicy badRecords, FailurePolicy failure, LogCompression logCompression, String runner,
      Map<String, String> recordedOptions) {
    this(oplogs, snapshots, output, chunkBytes, partitions, maxSubDocumentBytes, spillBudgetBytes,
        mergeFanIn, badRecords, failure, logCompression, runner, recordedOptions, DocumentFormat.AUTO);
  }

  /** Defaults for everything but the inputs and output. */
  public static BuildConfig of(List<String> oplogs, String output) {
    return new BuildConfig(
        oplogs, List.of(), output, DEFAULT_CHUNK_BYTES, 0, DEFAULT_MAX_SUB_DOCUMENT_BYTES,
        DEFAULT_SPILL_BUDGET_BYTES,
        DEFAULT_MERGE_FAN_IN, BadRecordPolicy.SKIP, FailurePolicy.defaults(), DEFAULT_LOG_COMPRESSION, "", Map.of(),
        DocumentFormat.AUTO);
  }

  /** How this build writes its logs: the chosen compression at {@link #DEFAULT_LOG_FRAME_BYTES}. */
  public LogWriterOptions logWriterOptions() {
    LogWriterOptions o = LogWriterOptions.defaults().withCompression(logCompression);
    return logCompression == LogCompression.ZSTD ? o.withZstdFrameSize(DEFAULT_LOG_FRAME_BYTES) : o;
  }

  public BuildConfig withChunkBytes(long n) {
    return new BuildConfig(oplogs, snapshots, output, n, partitions, maxSubDocumentBytes, spillBudgetBytes, mergeFanIn,
        badRecords, failure, logCompression, runner, recordedOptions, format);
  }

  public BuildConfig withPartitions(int n) {
    return new BuildConfig(oplogs, snapshots, output, chunkBytes, n, maxSubDocumentBytes, spillBudgetBytes, mergeFanIn,
        badRecords, failure, logCompression, runner, recordedOptions, format);
  }

  public BuildConfig withSpillBudgetBytes(long n) {
    return new BuildConfig(oplogs, snapshots, output, chunkBytes, partitions, maxSubDocumentBytes, n, mergeFanIn,
        badRecords, failure, logCompression, runner, recordedOptions, format);
  }

  public BuildConfig withMergeFanIn(int n) {
    return new BuildConfig(oplogs, snapshots, output, chunkBytes, partitions, maxSubDocumentBytes, spillBudgetBytes, n,
        badRecords, failure, logCompression, runner, recordedOptions, format);
  }

  public BuildConfig withBadRecords(BadRecordPolicy p) {
    return new BuildConfig(oplogs, snapshots, output, chunkBytes, partitions, maxSubDocumentBytes,
        spillBudgetBytes, mergeFanIn, p, failure, logCompression, runner, recordedOptions, format);
  }

  public BuildConfig withFailurePolicy(FailurePolicy f) {
    return new BuildConfig(oplogs, snapshots, output, chunkBytes, partitions, maxSubDocumentBytes,
        spillBudgetBytes, mergeFanIn, badRecords, f, logCompression, runner, recordedOptions, format);
  }

  public BuildConfig withLogCompression(LogCompression c) {
    return new BuildConfig(oplogs, snapshots, output, chunkBytes, partitions, maxSubDocumentBytes,
        spillBudgetBytes, mergeFanIn, badRecords, failure, c, runner, recordedOptions, format);
  }

  public BuildConfig withMaxSubDocumentBytes(long n) {
    return new BuildConfig(oplogs, snapshots, output, chunkBytes, partitions, n, spillBudgetBytes,
        mergeFanIn, badRecords, failure, logCompression, runner, recordedOptions, format);
  }

  public BuildConfig withSnapshots(List<String> s) {
    return new BuildConfig(oplogs, s, output, chunkBytes, partitions, maxSubDocumentBytes, spillBudgetBytes, mergeFanIn,
        badRecords, failure, logCompression, runner, recordedOptions, format);
  }

  public BuildConfig withRunner(String r, Map<String, String> options) {
    return new BuildConfig(oplogs, snapshots, output, chunkBytes, partitions, maxSubDocumentBytes,
        spillBudgetBytes, mergeFanIn, badRecords, failure, logCompression, r, options, format);
  }

  public BuildConfig withFormat(DocumentFormat f) {
    return new BuildConfig(oplogs, snapshots, output, chunkBytes, partitions, maxSubDocumentBytes,
        spillBudgetBytes, mergeFanIn, badRecords, failure, logCompression, runner, recordedOptions, f);
  }

  /**
   * The partition count for this much input when none was given: 1 per 64 MiB, in [1, 256]
   * (the planner makes it at least 2 from 16 MiB of input, so two workers merge).
   */
  public int partitionsFor(long inputBytes) {
    if (partitions > 0) return partitions;
    long n = (inputBytes + BYTES_PER_PARTITION - 1) / BYTES_PER_PARTITION;
    return (int) Math.max(1, Math.min(MAX_AUTO_PARTITIONS, n));
  }

  public BuildOptions buildOptions() {
    return new BuildOptions(spillBudgetBytes, mergeFanIn);
  }

  public IndexOptions indexOptions(int partitionCount) {
    return new IndexOptions(partitionCount, TOP_TERMS);
  }
}
