package io.logdex.transforms;

import io.logdex.format.FormatException;
import io.logdex.io.oplog.BadRecordPolicy;
import io.logdex.io.oplog.OpLogIO;
import io.logdex.io.oplog.OpLogItem;
import io.logdex.io.snapshot.BadInputPolicy;
import io.logdex.io.snapshot.SnapshotIO;
import io.logdex.io.snapshot.SnapshotItem;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Plans a build before the pipeline runs, from the input bytes alone: the matched files in sorted
 * order (snapshots, then op-logs), each split by its own source with {@code desiredBundleSize =
 * chunkBytes} (plain op-logs at fixed offsets, multi-frame zstd at frame groups, a single-frame
 * zstd stream at even decompressed offsets, gzip whole, snapshots at sub-document boundaries), so
 * the chunks and therefore every output file are the same on any runner. It also settles the output's generations: it removes what
 * failed builds left, and picks the next generation number.
 */
final class BuildPlanner {
  private BuildPlanner() {}

  /** One {@code --snapshots} value: a pattern and, after its last {@code @}, an optional commit. */
  record SnapshotPattern(String pattern, long commit) {
    static SnapshotPattern parse(String spec) {
      int at = spec.lastIndexOf('@');
      if (at > 0) {
        try {
          return new SnapshotPattern(spec.substring(0, at), Long.parseLong(spec.substring(at + 1)));
        } catch (NumberFormatException e) {
          // an @ that is part of the file name
        }
      }
      return new SnapshotPattern(spec, Long.MIN_VALUE);
    }
  }

  /**
   * Takes the output directory's build lock, before planning: creates the directory, or first
   * checks that logdex owns it (so not even a lock file lands in somebody else's directory).
   */
  static BuildLock lock(BuildConfig config) throws IOException {
    Path out = Path.of(config.output()).toAbsolutePath().normalize();
    OutputOwnership.claim(out);
    return BuildLock.acquire(out);
  }

  /** Plans a build; the caller holds {@link #lock} (planning deletes stray generations). */
  static BuildPlan plan(BuildConfig config, PipelineOptions options) throws Exception {
    long started = System.currentTimeMillis();
    Path out = Path.of(config.output()).toAbsolutePath().normalize();
    // Checked again under the lock: another build may have written or removed a manifest since.
    OutputOwnership.claim(out);
    BuildManifest previous;
    try {
      previous = BuildManifest.read(out);
    } catch (NoSuchFileException e) {
      previous = null;
    }
    String previousGeneration = previous == null ? null : previous.generation();

    // An object-store output (the launcher's stage is `out`): workers write to the URL themselves.
    String published = options.as(ObjectOutputOptions.class).getPublishedOutput();
    Work w = new Work(config, options);
    long previousMax = Long.MIN_VALUE;
    if (previous != null) {
      w.carry(previous, published == null
          ? previous.generationDir(out).toString()
          : ObjectStoreTarget.generationUrl(published, previous.generation()));
      if (previous.hasMaxCommit()) previousMax = previous.maxCommit();
    }
    for (SnapshotPattern s : snapshotPatterns(config.snapshots())) {
      for (MatchResult.Metadata m : match(List.of(s.pattern()))) {
        String path = m.resourceId().toString();
        if (w.alreadyIndexed(previous, path, m.sizeBytes())) continue;
        InputSummary in = w.input(InputSummary.SNAPSHOT, path, s.commit(), m.sizeBytes(), -1);
        w.addSnapshotChunks(in, null);
      }
    }
    for (MatchResult.Metadata m : match(config.oplogs())) {
      String path = m.resourceId().toString();
      if (w.alreadyIndexed(previous, path, m.sizeBytes())) continue;
      InputSummary in = w.input(InputSummary.OPLOG, path, Long.MIN_VALUE, m.sizeBytes(), -1);
      List<? extends BoundedSource<OpLogItem>> parts =
          OpLogIO.read().from(path).withBadRecords(config.badRecords()).withFormat(config.format()).asSource()
              .split(opLogChunkBytes(m.sizeBytes(), config.chunkBytes()), options);
      for (int c = 0; c < parts.size(); c++) {
        long est = parts.get(c).getEstimatedSizeBytes(options);
        w.chunks.add(ChunkTask.oplog(w.nextId++, in.index(), c, path, est, parts.get(c)));
        w.readBytes += est;
      }
    }
    if (w.chunks.isEmpty()) throw new IllegalArgumentException("nothing to build: the inputs hold no data");
    w.chunks.sort((a, b) -> Integer.compare(a.id(), b.id()));
    // Only now, with the inputs matched and split, does the build claim a generation: a plan that
    // fails leaves the output as it was.
    // For an object store, the stage's own .tmp only reserves the scratch name; the scratch is
    // under --tempLocation's URL (ObjectStoreTarget).
    PendingBuild pending = Generations.begin(out, previous,
        published == null ? ScratchDir.base(out, options.getTempLocation()) : out.resolve(ScratchDir.DEFAULT));
    ObjectStoreTarget target = published == null ? null
        : ObjectStoreTarget.of(published, options.getTempLocation(), Path.of(pending.scratch()).getFileName().toString());
    BuildPlan plan = new BuildPlan(
        config, out.toString(), pending, previousGeneration, previous != null, previousMax,
        partitions(config, w.allInputBytes), started, w.readBytes, w.inputs, w.chunks, target);
    if (target == null) {
      for (Path d : List.of(plan.logsDir(), plan.deadLetterDir(), plan.indexDir(), plan.runsDir(), plan.mergeTmpDir())) {
        Files.createDirectories(d);
      }
    }
    return plan;
  }

  /** Below this, splitting a file or the terms in two costs more than a second worker saves. */
  static final long MIN_PARALLEL_BYTES = 16L << 20;

  /**
   * The bundle size an op-log file is split with: its size divided evenly into the fewest chunks
   * of at most chunkBytes, and at least two once the file is {@link #MIN_PARALLEL_BYTES} or more,
   * so a file just over chunkBytes is not one full chunk and a sliver (the split folds a small
   * tail into the last chunk, which left a single worker busy) and a mid-sized file keeps two
   * workers busy. A function of the file's size and chunkBytes alone, so the chunks are the same
   * on every runner.
   */
  static long opLogChunkBytes(long fileBytes, long chunkBytes) {
    if (fileBytes <= 0) return chunkBytes;
    long n = (fileBytes - 1) / chunkBytes + 1;
    if (n == 1 && fileBytes >= 2 * MIN_PARALLEL_BYTES) n = 2;
    return Math.max(1, (fileBytes - 1) / n + 1);
  }

  /**
   * The configured partition count, or when automatic, {@link BuildConfig#partitionsFor} but at
   * least two for {@link #MIN_PARALLEL_BYTES} of input or more: each partition is merged by one
   * worker, and a single one left the merge of a mid-sized build on one core.
   */
  static int partitions(BuildConfig config, long inputBytes) {
    int n = config.partitionsFor(inputBytes);
    if (config.partitions() == 0 && n == 1 && inputBytes >= MIN_PARALLEL_BYTES) n = 2;
    return n;
  }

  static List<SnapshotPattern> snapshotPatterns(List<String> specs) {
    List<SnapshotPattern> out = new ArrayList<>();
    for (String s : specs) out.add(SnapshotPattern.parse(s));
    return out;
  }

  /** The inputs and chunks being planned. */
  private static final class Work {
    final BuildConfig config;
    final PipelineOptions options;
    final List<InputSummary> inputs = new ArrayList<>();
    final List<ChunkTask> chunks = new ArrayList<>();
    long allInputBytes;
    long readBytes;
    int nextInput;
    int nextId;

    Work(BuildConfig config, PipelineOptions options) {
      this.config = config;
      this.options = options;
    }

    InputSummary input(String kind, String path, long commit, long bytes, long crc) {
      InputSummary in = new InputSummary(nextInput++, kind, path, commit, bytes, crc);
      inputs.add(in);
      allInputBytes += bytes;
      return in;
    }

    /**
     * Carries the previous generation: op-log chunks as LOG tasks (their logs are linked and
     * indexed again); snapshot chunks are planned again from their unchanged files under their
     * old ids, since their documents live in the snapshot, not in a log.
     */
    void carry(BuildManifest previous, String dir) throws Exception {
      Map<Integer, InputSummary> byIndex = new HashMap<>();
      for (InputSummary i : previous.inputs()) {
        inputs.add(i);
        byIndex.put(i.index(), i);
        allInputBytes += i.bytes();
        nextInput = Math.max(nextInput, i.index() + 1);
      }
      Map<Integer, Map<Integer, Integer>> snapshotIds = new TreeMap<>();
      for (ChunkSummary c : previous.chunks()) {
        nextId = Math.max(nextId, c.id() + 1);
        InputSummary in = byIndex.get(c.input());
        if (in == null) {
          throw new FormatException(
              "chunk " + c.id() + " names unknown input " + c.input(), Generations.MANIFEST, -1);
        }
        if (in.kind().equals(InputSummary.SNAPSHOT)) {
          snapshotIds.computeIfAbsent(c.input(), k -> new HashMap<>()).put(c.chunk(), c.id());
          continue;
        }
        chunks.add(ChunkTask.carriedLog(
            c, in.path(),
            c.log() == null ? null : dir + "/" + c.log(),
            c.deadLetters() == null ? null : dir + "/" + c.deadLetters()));
      }
      for (Map.Entry<Integer, Map<Integer, Integer>> e : snapshotIds.entrySet()) {
        InputSummary in = byIndex.get(e.getKey());
        long size = FileSystems.matchSingleFileSpec(in.path()).sizeBytes();
        if (size != in.bytes() || InputChecksums.of(in.path()) != in.crc32c()) {
          throw new IOException("snapshot " + in.path() + " changed since the previous build indexed it in place;"
              + " build into a new output instead");
        }
        addSnapshotChunks(in, e.getValue(), previous.chunkBytes(), previous.maxSubDocumentBytes());
      }
    }

    void addSnapshotChunks(InputSummary in, Map<Integer, Integer> ids) throws Exception {
      addSnapshotChunks(in, ids, config.chunkBytes(), config.maxSubDocumentBytes());
    }

    /**
     * Split points planned by the pre-scan: a quarter chunk apart, at most SnapshotIO's default
     * 1 MiB, so chunks come out near chunkBytes. A function of chunkBytes alone, so a carried
     * snapshot splits as it did.
     */
    static long splitGranularity(long chunkBytes) {
      return Math.max(1, Math.min(1L << 20, chunkBytes / 4));
    }

    /** Splits a snapshot; ids, when given, are the chunk ids a previous build used. */
    void addSnapshotChunks(InputSummary in, Map<Integer, Integer> ids, long chunkBytes, long maxSubDocumentBytes)
        throws Exception {
      List<? extends BoundedSource<SnapshotItem>> parts =
          SnapshotIO.read().from(in.path()).withMaxSubDocumentBytes(maxSubDocumentBytes)
              .withSplitGranularity(splitGranularity(chunkBytes)).withFormat(config.format())
              .withPlanThreads(options.as(PlanOptions.class).getPlanThreads())
              .withBadInput(config.badRecords() == BadRecordPolicy.FAIL ? BadInputPolicy.FAIL : BadInputPolicy.SKIP)
              .asSource().split(chunkBytes, options);
      if (ids != null && ids.size() != parts.size()) {
        throw new IOException("snapshot " + in.path() + " now splits into " + parts.size()
            + " chunks, not " + ids.size() + " as in the previous build");
      }
      for (int c = 0; c < parts.size(); c++) {
        long est = parts.get(c).getEstimatedSizeBytes(options);
        int id = ids == null ? nextId++ : ids.get(c);
        chunks.add(ChunkTask.snapshot(id, in.index(), c, in.path(), est, parts.get(c), in.commit()));
        readBytes += est;
      }
    }

    /**
     * An incremental build skips a file the previous build read with the same path, size and
     * checksum: reading it again would add nothing but its bad lines, twice. A file that grew is
     * read again; its old entries fall below maxCommit, but its old bad lines are reported again.
     */
    boolean alreadyIndexed(BuildManifest previous, String path, long size) throws IOException {
      if (previous == null) return false;
      for (InputSummary i : previous.inputs()) {
        if (i.path().equals(path) && i.bytes() == size && i.crc32c() == InputChecksums.of(path)) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * Every file the patterns match, once, in sorted order. A pattern matching nothing is an error:
   * an empty build would silently replace a good index with nothing.
   */
  static List<MatchResult.Metadata> match(List<String> patterns) throws IOException {
    TreeMap<String, MatchResult.Metadata> files = new TreeMap<>();
    for (String pattern : patterns) {
      MatchResult r = FileSystems.match(pattern, EmptyMatchTreatment.DISALLOW);
      if (r.status() == MatchResult.Status.NOT_FOUND) throw new FileNotFoundException("no input matches " + pattern);
      for (MatchResult.Metadata m : r.metadata()) {
        if (m.resourceId().isDirectory()) continue;
        String name = m.resourceId().toString();
        if (hasGlob(name)) {
          throw new IllegalArgumentException(
              "input file name holds a glob character, which cannot be read back by name: " + name);
        }
        files.put(name, m);
      }
    }
    return new ArrayList<>(files.values());
  }

  private static boolean hasGlob(String s) {
    for (int i = 0; i < s.length(); i++) {
      if ("*?[]{}".indexOf(s.charAt(i)) >= 0) return true;
    }
    return false;
  }
}
