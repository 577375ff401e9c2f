package io.logdex.transforms;

import io.logdex.format.index.RunDescriptor;
import io.logdex.format.index.ColumnMerger;
import io.logdex.format.index.RunMerger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;

/**
 * Merges one partition's runs (or every doc run) into its final index files; the group's key
 * names which ({@link MergeKeys}). The
 * runs are sorted by path first: the merge's output does not depend on their order, but a fixed
 * order makes a failure reproducible. With {@link BundleOptions#getBundleThreads()} above 1, a
 * bundle's partitions are merged that many at a time and emitted when the bundle finishes.
 */
final class MergePartitionFn extends DoFn<KV<Integer, Iterable<RunDescriptor>>, BuildPart> {
  private static final long serialVersionUID = 1L;

  private final BuildPlan plan;
  private final int threads;
  private transient BundleWorkers<BuildPart> workers;

  MergePartitionFn(BuildPlan plan, int threads) {
    this.plan = plan;
    this.threads = threads;
  }

  @Setup
  public void setup() {
    if (threads > 1) workers = new BundleWorkers<>(threads, "merge");
  }

  @ProcessElement
  public void process(@Element KV<Integer, Iterable<RunDescriptor>> group, OutputReceiver<BuildPart> out)
      throws IOException {
    List<RunDescriptor> runs = new ArrayList<>();
    for (RunDescriptor r : group.getValue()) runs.add(r);
    runs.sort(Comparator.comparing(RunDescriptor::path));
    int key = MergeKeys.mergeOf(group.getKey(), plan.partitions());
    if (workers != null) {
      workers.submit(() -> mergeCounted(key, runs));
    } else {
      out.output(mergeCounted(key, runs));
    }
  }

  @FinishBundle
  public void finish(FinishBundleContext c) throws IOException {
    if (workers == null) return;
    for (BuildPart part : workers.finish()) {
      c.output(part, GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
    }
  }

  @Teardown
  public void teardown() {
    if (workers != null) workers.close();
  }

  private BuildPart mergeCounted(int key, List<RunDescriptor> runs) throws IOException {
    PhaseTimer timer = PhaseTimer.start(PhaseTimer.MERGE);
    BuildPart part = merge(plan, key, runs);
    timer.stop();
    BuildMetrics.partitionsMerged.inc();
    LiveProgress live = LiveProgress.of(plan);
    live.partitionsMerged.incrementAndGet();
    for (RunDescriptor r : runs) live.mergedRunBytes.addAndGet(r.bytes());
    return part;
  }

  /**
   * Merges runs of a partition (or the doc runs, for -1); with no runs, writes empty files. For an
   * object-store output, in a stage of this merge's own on this worker: fetches the runs, merges,
   * publishes the files to the generation's index/; the stage goes when the merge ends.
   */
  static BuildPart merge(BuildPlan plan, int key, List<RunDescriptor> runs) throws IOException {
    if (plan.target() == null) {
      Files.createDirectories(plan.mergeTmpDir());
      return mergeInto(plan, key, runs, plan.indexDir(), plan.mergeTmpDir());
    }
    return plan.inOwnStage(own -> fetchMergePublish(own, key, runs));
  }

  /** merge's object-store half, in a stage of this merge's own (removed when it ends). */
  private static BuildPart fetchMergePublish(BuildPlan plan, int key, List<RunDescriptor> runs) throws IOException {
    Path work = plan.mergeTmpDir();
    Path fetched = Files.createDirectories(work.resolve("runs"));
    Path index = Files.createDirectories(work.resolve(BuildPlan.INDEX_DIR));
    Path tmp = Files.createDirectories(work.resolve("tmp"));
    List<RunDescriptor> local = new ArrayList<>(runs.size());
    for (RunDescriptor r : runs) {
      Path p = fetched.resolve(r.path().substring(r.path().lastIndexOf('/') + 1));
      ObjectFiles.fetch(r.path(), p);
      local.add(new RunDescriptor(r.kind(), r.partition(), p.toString(), r.entries(), r.bytes()));
    }
    BuildPart part = mergeInto(plan, key, local, index, tmp);
    List<Path> files;
    try (Stream<Path> s = Files.list(index)) {
      files = s.sorted().toList();
    }
    for (Path f : files) {
      ObjectFiles.publish(f, plan.target().fileUrl(plan.generation(), BuildPlan.INDEX_DIR + "/" + f.getFileName()));
    }
    return part;
  }

  private static BuildPart mergeInto(BuildPlan plan, int key, List<RunDescriptor> runs, Path indexDir, Path tmpDir)
      throws IOException {
    RunMerger merger = new RunMerger(plan.config().buildOptions());
    if (key == IngestChunkFn.DOC_RUNS) {
      List<RunDescriptor> docRuns = new ArrayList<>();
      List<RunDescriptor> columnRuns = new ArrayList<>();
      for (RunDescriptor r : runs) (r.kind() == RunDescriptor.Kind.COLUMNS ? columnRuns : docRuns).add(r);
      return new BuildPart.DocTable(merger.mergeDocRuns(docRuns, indexDir, tmpDir),
          ColumnMerger.merge(columnRuns, indexDir));
    }
    return new BuildPart.Partition(merger.mergeTermRuns(
        key, runs, plan.config().indexOptions(plan.partitions()), indexDir, tmpDir));
  }
}
