package io.logdex.transforms;

import io.logdex.io.oplog.OpLogItem;
import io.logdex.io.snapshot.SnapshotItem;
import java.io.Serializable;
import java.util.Locale;
import org.apache.beam.sdk.io.BoundedSource;

/**
 * One unit of ingest work: a fixed byte range of an input, planned before the pipeline runs. Its
 * numbers name its output files, and {@link #id} is the index's source id and the high bits of its
 * docIds, so output never depends on which worker ran it or how the runner bundled it.
 *
 * <p>An {@link Kind#OPLOG} task reads its range with the op-log source's own reader and writes a
 * log; a {@link Kind#SNAPSHOT} task reads its range of a snapshot with SnapshotIO's reader and
 * indexes the sub-documents where they are, writing no log. A {@link Kind#LOG} task, in an
 * incremental build, carries a log of the previous generation into the new one and indexes it
 * again.
 */
public final class ChunkTask implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Where the entries come from. */
  public enum Kind {
    OPLOG,
    SNAPSHOT,
    LOG
  }

  /** The most chunks a build may have: the source id sits above 40 ordinal bits of a docId. */
  public static final int MAX_CHUNKS = 1 << 22;

  final Kind kind;
  final int id;
  final int input;
  final int chunk;
  final String inputPath;
  final long estimatedBytes;
  final BoundedSource<OpLogItem> source;
  final BoundedSource<SnapshotItem> snapshotSource;
  /** A snapshot's commit (its {@code @COMMIT}), or {@link Long#MIN_VALUE}. */
  final long commit;
  final String previousLog;
  final String previousDeadLetters;
  final ChunkSummary carried;

  private ChunkTask(
      Kind kind, int id, int input, int chunk, String inputPath, long estimatedBytes,
      BoundedSource<OpLogItem> source, BoundedSource<SnapshotItem> snapshotSource, long commit,
      String previousLog, String previousDeadLetters, ChunkSummary carried) {
    if (id < 0 || id >= MAX_CHUNKS) throw new IllegalArgumentException("chunk id out of range: " + id);
    this.kind = kind;
    this.id = id;
    this.input = input;
    this.chunk = chunk;
    this.inputPath = inputPath;
    this.estimatedBytes = estimatedBytes;
    this.source = source;
    this.snapshotSource = snapshotSource;
    this.commit = commit;
    this.previousLog = previousLog;
    this.previousDeadLetters = previousDeadLetters;
    this.carried = carried;
  }

  static ChunkTask oplog(
      int id, int input, int chunk, String inputPath, long estimatedBytes,
      BoundedSource<OpLogItem> source) {
    return new ChunkTask(Kind.OPLOG, id, input, chunk, inputPath, estimatedBytes, source, null,
        Long.MIN_VALUE, null, null, null);
  }

  static ChunkTask snapshot(
      int id, int input, int chunk, String inputPath, long estimatedBytes,
      BoundedSource<SnapshotItem> source, long commit) {
    return new ChunkTask(Kind.SNAPSHOT, id, input, chunk, inputPath, estimatedBytes, null, source,
        commit, null, null, null);
  }

  static ChunkTask carriedLog(ChunkSummary old, String inputPath, String previousLog, String previousDeadLetters) {
    return new ChunkTask(Kind.LOG, old.id(), old.input(), old.chunk(), inputPath, 0, null, null,
        Long.MIN_VALUE, previousLog, previousDeadLetters, old);
  }

  public Kind kind() {
    return kind;
  }

  public int id() {
    return id;
  }

  public int input() {
    return input;
  }

  public int chunk() {
    return chunk;
  }

  public String inputPath() {
    return inputPath;
  }

  /** Stored bytes of the range (compressed for zstd inputs); what progress counts. */
  public long estimatedBytes() {
    return estimatedBytes;
  }

  /** {@code <input>-<chunk>}, the stem of its log and dead-letter files. */
  public String stem() {
    return stem(input, chunk);
  }

  static String stem(int input, int chunk) {
    return String.format(Locale.ROOT, "%05d-%05d", input, chunk);
  }

  @Override
  public String toString() {
    return "chunk " + id + " (" + stem() + ", " + kind + ", " + inputPath + ")";
  }
}
