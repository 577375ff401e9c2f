package io.logdex.transforms;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The progress counters of {@link BuildMetrics}, also kept in this JVM per build (by generation
 * directory) as they change. Runners report a bundle's metrics only when it ends; with all chunks in
 * one bundle ({@link BundleOptions}) that is the end of ingest, so an in-process caller (BuildJob on
 * the DirectRunner, or Flink's local cluster) reads these instead. Counted per attempt, like
 * attempted metrics. Beyond the counters: the merge keys that ingest produced runs for and their
 * bytes (the merge's totals), merges done and their runs' bytes, and whether the commit began, so
 * the launcher can tell the phase and the merge's share done.
 */
public final class LiveProgress {
  private static final ConcurrentHashMap<String, LiveProgress> BUILDS = new ConcurrentHashMap<>();

  final AtomicLong bytesRead = new AtomicLong();
  final AtomicLong records = new AtomicLong();
  final AtomicLong badRecords = new AtomicLong();
  final AtomicLong chunksDone = new AtomicLong();
  final Set<Integer> mergeKeys = ConcurrentHashMap.newKeySet();
  final AtomicLong partitionsMerged = new AtomicLong();
  final AtomicLong runBytes = new AtomicLong();
  final AtomicLong mergedRunBytes = new AtomicLong();
  final AtomicLong commitsStarted = new AtomicLong();

  private LiveProgress() {}

  static LiveProgress of(BuildPlan plan) {
    return BUILDS.computeIfAbsent(key(plan), k -> new LiveProgress());
  }

  /** This build's counters so far in this JVM, or null if none of its chunks ran here yet. */
  public static LiveProgress peek(BuildPlan plan) {
    return BUILDS.get(key(plan));
  }

  /** Drops the build's counters once nobody will read them. */
  public static void forget(BuildPlan plan) {
    BUILDS.remove(key(plan));
  }

  /** The build's own: its scratch prefix for an object store (each piece of work there has a stage of its own). */
  private static String key(BuildPlan plan) {
    if (plan.target() != null) return plan.target().scratchUrl();
    return plan.generationDir().toAbsolutePath().normalize().toString();
  }

  public long bytesRead() {
    return bytesRead.get();
  }

  public long records() {
    return records.get();
  }

  public long badRecords() {
    return badRecords.get();
  }

  public long chunksDone() {
    return chunksDone.get();
  }

  /** Partitions (and the doc table) that ingest wrote runs for so far: what the merge will merge. */
  public int mergeTotal() {
    return mergeKeys.size();
  }

  public long partitionsMerged() {
    return partitionsMerged.get();
  }

  /** Bytes of the runs ingest wrote so far: what the merge reads. */
  public long runBytes() {
    return runBytes.get();
  }

  /** Bytes of the runs of the partitions merged so far. */
  public long mergedRunBytes() {
    return mergedRunBytes.get();
  }

  public boolean commitStarted() {
    return commitsStarted.get() > 0;
  }
}
