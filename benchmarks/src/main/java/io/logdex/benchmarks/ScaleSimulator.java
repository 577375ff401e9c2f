package io.logdex.benchmarks;

import io.logdex.format.index.ColumnsSummary;
import io.logdex.format.index.DocTableSummary;
import io.logdex.format.index.IndexManifest;
import io.logdex.format.index.IndexOptions;
import io.logdex.format.index.PartitionSummary;
import io.logdex.format.index.RunDescriptor;
import io.logdex.io.coders.RunDescriptorCoder;
import io.logdex.transforms.BuildConfig;
import io.logdex.transforms.BuildIndex;
import io.logdex.transforms.BuildManifest;
import io.logdex.transforms.BuildPart;
import io.logdex.transforms.BuildPlan;
import io.logdex.transforms.ChunkSummary;
import io.logdex.transforms.ChunkTask;
import io.logdex.transforms.Generations;
import io.logdex.transforms.InputSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.KV;

/**
 * What a build's serial parts cost at 10 GB, 100 GB and 1 TB on many workers, without the bytes:
 * the real planner ({@link BuildIndex} expanded on sparse op-log files: only their first line is
 * data), the real coders for the descriptor shuffle and the commit's parts, {@code RunMerger}'s
 * pass rule for the merge tree, and the real manifest encoder and atomic publish for the commit.
 * Ingest and merge times are predicted from per-core rates measured on real builds (arguments,
 * defaults from docs/BENCHMARKS.md), which is what docs/SCALE.md explains.
 *
 * <pre>
 * java -cp "$(cat pipelines/target/logdex.classpath):benchmarks/target/classes" \
 *   io.logdex.benchmarks.ScaleSimulator [--sizes=10g,100g,1t] [--workers=100] [--fileBytes=8g]
 * </pre>
 */
public final class ScaleSimulator {
  /** Measured: index bytes per input byte on the 5M s3dlio op-log (591.8 MB / 1,770 MB). */
  static final double INDEX_RATIO = 591.8 / 1770;

  public static void main(String[] args) throws Exception {
    List<Long> sizes = List.of(10L << 30, 100L << 30, 1L << 40);
    int workers = 100;
    long fileBytes = 8L << 30;
    double ingestMBps = 19.5; // per core, DirectRunner, 5M op-log build (docs/BENCHMARKS.md)
    double mergeMBps = 88; // per core, input MB merged per second (about 4 s per 1M records)
    for (String a : args) {
      if (a.startsWith("--sizes=")) {
        sizes = new ArrayList<>();
        for (String s : a.substring(8).split(",")) sizes.add(bytes(s));
      } else if (a.startsWith("--workers=")) {
        workers = Integer.parseInt(a.substring(10));
      } else if (a.startsWith("--fileBytes=")) {
        fileBytes = bytes(a.substring(12));
      } else if (a.startsWith("--ingestMBps=")) {
        ingestMBps = Double.parseDouble(a.substring(13));
      } else if (a.startsWith("--mergeMBps=")) {
        mergeMBps = Double.parseDouble(a.substring(12));
      } else {
        throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    System.out.printf(Locale.ROOT, "workers %d, op-log files of %s, ingest %.1f MB/s and merge %.0f MB/s per core%n%n",
        workers, human(fileBytes), ingestMBps, mergeMBps);
    List<String[]> rows = new ArrayList<>();
    for (long size : sizes) rows.add(simulate(size, fileBytes, workers, ingestMBps, mergeMBps));
    print(rows);
  }

  static String[] simulate(long size, long fileBytes, int workers, double ingestMBps, double mergeMBps)
      throws Exception {
    Path dir = Files.createTempDirectory("logdex-scale");
    try {
      List<Path> files = sparseOpLogs(dir.resolve("in"), size, fileBytes);
      BuildConfig config = BuildConfig.of(List.of(dir.resolve("in") + "/*.jsonl"), dir.resolve("out").toString());

      // 1. Plan on the launcher: the real planner, as BuildIndex runs it at pipeline construction.
      long heapBefore = usedHeap();
      long t0 = System.nanoTime();
      Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
      BuildIndex build = BuildIndex.of(config);
      p.apply(build);
      BuildPlan plan = build.plan();
      double planSeconds = (System.nanoTime() - t0) / 1e9;
      long planHeap = usedHeap() - heapBefore;
      long taskBytes = 0;
      Coder<ChunkTask> taskCoder = SerializableCoder.of(ChunkTask.class);
      for (ChunkTask t : plan.chunks()) taskBytes += encoded(taskCoder, t);
      int chunks = plan.chunks().size();
      int partitions = plan.partitions();
      build.releaseLock();

      // 2. The descriptor shuffle: each chunk's spill gives one run per partition, plus its doc run.
      long spills = Math.max(1, (long) Math.ceil(config.chunkBytes() * INDEX_RATIO * 2 / config.spillBudgetBytes()));
      long descriptors = chunks * spills * (partitions + 1L);
      Coder<KV<Integer, RunDescriptor>> runCoder = KvCoder.of(VarIntCoder.of(), RunDescriptorCoder.of());
      long descriptorBytes = descriptors * encoded(runCoder, KV.of(partitions - 1, new RunDescriptor(
          RunDescriptor.Kind.TERMS, partitions - 1,
          dir.resolve("out/g000001/tmp/runs/p00063-c016383-s0001-a0123456789abcdef.run").toString(),
          1_000_000, 64L << 20)));

      // 3. Merge: one worker per partition; RunMerger first merges the smallest runs until fanIn
      // remain, so a posting is read once in the final pass plus once per earlier merge it is in.
      long runsPerPartition = chunks * spills;
      double reads = mergeReads(runsPerPartition, config.mergeFanIn());
      double partitionIndexBytes = size * INDEX_RATIO / partitions;
      int mergeWaves = (partitions + workers - 1) / workers;

      // 4. Commit: every part meets on one worker, then the real manifest is encoded and published.
      List<ChunkSummary> summaries = new ArrayList<>(chunks);
      for (ChunkTask t : plan.chunks()) {
        long b = size / chunks;
        summaries.add(new ChunkSummary(t.id(), t.input(), t.chunk(), ChunkSummary.OPLOG, b / 350, b / 350, 0, 0,
            t.id() * 1000L, b, b, String.format(Locale.ROOT, "logs/%05d-%05d.log", t.input(), t.chunk()),
            b / 4, 0x1234abcdL, null, 0));
      }
      Coder<BuildPart> partCoder = SerializableCoder.of(BuildPart.class);
      long partBytes = (long) chunks * encoded(partCoder, summaries.get(0))
          + (long) plan.inputs().size() * encoded(partCoder, plan.inputs().get(0))
          + (long) partitions * encoded(partCoder, new BuildPart.Partition(new PartitionSummary(0, 1L << 30, 1L << 34, 1L << 30, 1L << 33, 1L << 28)));
      List<PartitionSummary> parts = new ArrayList<>();
      for (int i = 0; i < partitions; i++) parts.add(new PartitionSummary(i, 1L << 30, 1L << 34, 1L << 30, 1L << 33, 1L << 28));
      IndexManifest index = IndexManifest.of(new IndexOptions(partitions, BuildConfig.TOP_TERMS),
          new DocTableSummary(size / 350, size / 20, size / 100, size / 350), parts,
          new ColumnsSummary(8, size / 50, size / 200));
      List<InputSummary> inputs = plan.inputs();
      long c0 = System.nanoTime();
      byte[] manifest = BuildManifest.encode(plan, inputs, summaries, index, 4096,
          new BuildManifest.Run(0, 1, "FlinkRunner", Map.of()));
      Generations.publish(dir.resolve("out"), manifest, null, ".manifest.json.sim.tmp");
      double commitSeconds = (System.nanoTime() - c0) / 1e9;

      // 5. Predicted wall time with every worker's core busy in ingest and the merge in waves.
      double ingestSeconds = size / 1e6 / (ingestMBps * workers);
      double mergeSeconds = mergeWaves * (size / (double) partitions) / 1e6 / mergeMBps * reads;
      double total = planSeconds + ingestSeconds + mergeSeconds + commitSeconds;
      long workerHeap = config.spillBudgetBytes() + (long) config.mergeFanIn() * 2 * 16 * 1024 + (64L << 20);
      return new String[] {
        human(size), String.valueOf(files.size()), String.format(Locale.ROOT, "%.2f s", planSeconds),
        human(Math.max(0, planHeap)), human(taskBytes), String.valueOf(chunks),
        String.format(Locale.ROOT, "%,d", descriptors), human(descriptorBytes), String.valueOf(partitions),
        human((long) partitionIndexBytes), runsPerPartition + String.format(Locale.ROOT, " runs, each posting read %.2fx", reads),
        human(manifest.length), String.format(Locale.ROOT, "%.3f s", commitSeconds), human(partBytes),
        human(workerHeap), String.format(Locale.ROOT, "%.0f s (ingest %.0f, merge %.0f)", total, ingestSeconds, mergeSeconds)
      };
    } finally {
      deleteTree(dir);
    }
  }

  /** Each merge pass past the first reads and writes the partition once more. */
  /**
   * How many times RunMerger reads a partition's postings, for runs of equal size: once in the
   * final pass, plus the share that its smallest-first merges (at most fanIn runs each, only as
   * many as the final pass needs gone) copy before it.
   */
  static double mergeReads(long runs, int fanIn) {
    java.util.PriorityQueue<Long> sizes = new java.util.PriorityQueue<>();
    for (long i = 0; i < runs; i++) sizes.add(1L);
    long copied = 0;
    while (sizes.size() > fanIn) {
      int take = (int) Math.min(fanIn, sizes.size() - fanIn + 1L);
      long merged = 0;
      for (int i = 0; i < take; i++) merged += sizes.poll();
      copied += merged;
      sizes.add(merged);
    }
    return 1 + copied / (double) Math.max(1, runs);
  }

  /** Sparse op-log files adding up to size: one real s3dlio line each, then a hole. */
  static List<Path> sparseOpLogs(Path dir, long size, long fileBytes) throws IOException {
    Files.createDirectories(dir);
    byte[] line = ("{\"idx\":0,\"thread\":1,\"op\":\"GET\",\"client_id\":\"c\",\"n_objects\":1,\"bytes\":1,"
        + "\"endpoint\":\"e\",\"file\":\"f\",\"error\":null,\"start\":\"2025-10-09T10:43:14Z\","
        + "\"first_byte\":null,\"end\":\"2025-10-09T10:43:15Z\",\"duration_ns\":1}\n").getBytes(StandardCharsets.UTF_8);
    List<Path> files = new ArrayList<>();
    long left = size;
    for (int i = 0; left > 0; i++) {
      long n = Math.min(left, fileBytes);
      Path f = dir.resolve(String.format(Locale.ROOT, "ops-%05d.jsonl", i));
      try (RandomAccessFile r = new RandomAccessFile(f.toFile(), "rw")) {
        r.write(line);
        r.setLength(n);
      }
      files.add(f);
      left -= n;
    }
    return files;
  }

  private static <T> long encoded(Coder<T> coder, T value) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    coder.encode(value, b);
    return b.size();
  }

  private static long usedHeap() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  static long bytes(String s) {
    s = s.trim().toLowerCase(Locale.ROOT);
    long m = 1;
    char c = s.charAt(s.length() - 1);
    if (c == 'k') m = 1L << 10;
    if (c == 'm') m = 1L << 20;
    if (c == 'g') m = 1L << 30;
    if (c == 't') m = 1L << 40;
    return Long.parseLong(m == 1 ? s : s.substring(0, s.length() - 1)) * m;
  }

  static String human(long b) {
    if (b >= 1L << 40) return String.format(Locale.ROOT, "%.1f TiB", b / (double) (1L << 40));
    if (b >= 1L << 30) return String.format(Locale.ROOT, "%.1f GiB", b / (double) (1L << 30));
    if (b >= 1L << 20) return String.format(Locale.ROOT, "%.1f MiB", b / (double) (1L << 20));
    if (b >= 1L << 10) return String.format(Locale.ROOT, "%.1f KiB", b / (double) (1L << 10));
    return b + " B";
  }

  private static void print(List<String[]> rows) {
    String[] names = {
      "input", "files", "plan time", "launcher heap", "plan payload", "chunks", "descriptors",
      "shuffle bytes", "partitions", "partition index", "merge fan-in tree", "manifest", "commit",
      "commit parts", "worker heap bound", "predicted time"
    };
    for (int i = 0; i < names.length; i++) {
      StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-18s", names[i]));
      for (String[] r : rows) sb.append(String.format(Locale.ROOT, " | %-30s", r[i]));
      System.out.println(sb);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    Generations.deleteTree(root);
  }
}
