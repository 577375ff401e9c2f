package io.logdex.transforms;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

/**
 * A planned build: the config, the output's generations, the partition count, and the chunk and
 * input lists. The DoFns carry only the small part ({@link #withoutWork()}); the chunk list travels
 * as elements.
 */
public final class BuildPlan implements Serializable {
  private static final long serialVersionUID = 1L;

  public static final String LOGS_DIR = "logs";
  public static final String DEAD_LETTER_DIR = "dead-letter";
  public static final String INDEX_DIR = "index";
  /** Where builds before {@link ScratchDir} kept their scratch, inside the generation. */
  static final String TMP_DIR = "tmp";

  private final BuildConfig config;
  private final String outputDir;
  private final String generation;
  private final PendingBuild pending;
  private final String previousGeneration;
  private final boolean incremental;
  private final long previousMaxCommit;
  private final int partitions;
  private final long startedAtMillis;
  private final long totalInputBytes;
  private final int chunkCount;
  private final ObjectStoreTarget target;
  private final transient List<InputSummary> inputs;
  private final transient List<ChunkTask> chunks;

  BuildPlan(
      BuildConfig config, String outputDir, PendingBuild pending, String previousGeneration,
      boolean incremental, long previousMaxCommit, int partitions, long startedAtMillis,
      long totalInputBytes, List<InputSummary> inputs, List<ChunkTask> chunks, ObjectStoreTarget target) {
    this(config, outputDir, pending, previousGeneration, incremental, previousMaxCommit,
        partitions, startedAtMillis, totalInputBytes, inputs, chunks, chunks.size(), target);
  }

  private BuildPlan(
      BuildConfig config, String outputDir, PendingBuild pending, String previousGeneration,
      boolean incremental, long previousMaxCommit, int partitions, long startedAtMillis,
      long totalInputBytes, List<InputSummary> inputs, List<ChunkTask> chunks, int chunkCount,
      ObjectStoreTarget target) {
    this.config = config;
    this.outputDir = outputDir;
    this.pending = pending;
    this.generation = pending.building();
    this.previousGeneration = previousGeneration;
    this.incremental = incremental;
    this.previousMaxCommit = previousMaxCommit;
    this.partitions = partitions;
    this.startedAtMillis = startedAtMillis;
    this.totalInputBytes = totalInputBytes;
    this.chunkCount = chunkCount;
    this.target = target;
    this.inputs = inputs == null ? null : Collections.unmodifiableList(inputs);
    this.chunks = chunks == null ? null : Collections.unmodifiableList(chunks);
  }

  /** The same plan without the input and chunk lists, for DoFns. */
  BuildPlan withoutWork() {
    return new BuildPlan(config, outputDir, pending, previousGeneration, incremental,
        previousMaxCommit, partitions, startedAtMillis, totalInputBytes, null, null, chunkCount, target);
  }

  public BuildConfig config() {
    return config;
  }

  public Path outputDir() {
    return Path.of(outputDir);
  }

  /** The generation this build writes, e.g. {@code g000002}. */
  public String generation() {
    return generation;
  }

  /**
   * The output's pending manifest as this build wrote it: its generation, the temporary name of
   * its commit, and what it deletes once committed.
   */
  PendingBuild pending() {
    return pending;
  }

  /** The generation the output held when planned, or null. */
  public String previousGeneration() {
    return previousGeneration;
  }

  /** Whether the previous generation's entries are carried over and only newer commits added. */
  public boolean incremental() {
    return incremental;
  }

  /** In an incremental build, op-log entries at or below this commit are skipped. */
  public long previousMaxCommit() {
    return previousMaxCommit;
  }

  public int partitions() {
    return partitions;
  }

  public long startedAtMillis() {
    return startedAtMillis;
  }

  /** Stored bytes of the ranges this build reads (progress' denominator). */
  public long totalInputBytes() {
    return totalInputBytes;
  }

  public int chunkCount() {
    return chunkCount;
  }

  /** Inputs in index order; null on a DoFn's copy. */
  public List<InputSummary> inputs() {
    return inputs;
  }

  /** Chunks in id order; null on a DoFn's copy. */
  public List<ChunkTask> chunks() {
    return chunks;
  }

  /**
   * Where this build's files go when the output is an object store, or null for a local output.
   * Then the paths below are in a stage of the work's own on its worker ({@link #inOwnStage}),
   * and every finished file is published to the target.
   */
  public ObjectStoreTarget target() {
    return target;
  }

  /** The generation's directory: in the output, or for an object store in the worker's stage. */
  public Path generationDir() {
    return (target == null ? outputDir() : target.workerStage()).resolve(generation);
  }

  public Path logsDir() {
    return generationDir().resolve(LOGS_DIR);
  }

  public Path deadLetterDir() {
    return generationDir().resolve(DEAD_LETTER_DIR);
  }

  public Path indexDir() {
    return generationDir().resolve(INDEX_DIR);
  }

  /**
   * This build's scratch directory, under --tempLocation and outside the generation; the pending
   * manifest names it, and the commit (or the next build's recovery) deletes it.
   */
  Path scratchDir() {
    return target == null ? Path.of(pending.scratch()) : target.workerStage().resolve("scratch");
  }

  /** A piece of work on a worker, given the plan it is to write through. */
  interface StagedWork<T> {
    T run(BuildPlan plan) throws java.io.IOException;
  }

  /**
   * Runs work with this plan, or, for an object-store output, with a copy whose local paths lie in
   * a stage of the work's own on this worker (created first, removed when the work ends however it
   * ends), so that no worker leaves a stage behind in its temp directory.
   */
  <T> T inOwnStage(StagedWork<T> work) throws java.io.IOException {
    if (target == null) return work.run(this);
    BuildPlan own = new BuildPlan(config, outputDir, pending, previousGeneration, incremental,
        previousMaxCommit, partitions, startedAtMillis, totalInputBytes, inputs, chunks, chunkCount,
        target.withOwnStage());
    Path stage = own.target.workerStage();
    try {
      for (Path d : List.of(own.logsDir(), own.deadLetterDir(), own.runsDir(), own.mergeTmpDir())) {
        java.nio.file.Files.createDirectories(d);
      }
      return work.run(own);
    } finally {
      Generations.deleteTree(stage);
    }
  }

  /**
   * Where a chunk attempt writes before it renames into logs/ or dead-letter/. In the scratch
   * directory, so an attempt killed mid-write (a lost TaskManager) leaves nothing in the committed
   * generation; on the output's file system (checked when planned), so the rename is atomic.
   */
  Path attemptsDir() {
    return scratchDir().resolve("attempts");
  }

  /** An attempt-private temp file for target, in {@link #attemptsDir()}. */
  Path attemptFile(Path target, String attempt) throws java.io.IOException {
    java.nio.file.Files.createDirectories(attemptsDir());
    return attemptsDir().resolve(target.getParent().getFileName() + "-" + target.getFileName() + "." + attempt + ".tmp");
  }

  Path runsDir() {
    return scratchDir().resolve("runs");
  }

  Path mergeTmpDir() {
    return scratchDir().resolve("merge");
  }
}
