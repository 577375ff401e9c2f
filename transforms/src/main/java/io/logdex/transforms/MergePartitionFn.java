package io.logdex.transforms;

import io.logdex.format.index.RunDescriptor;
import io.logdex.format.index.RunMerger;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * Merges one partition's runs (or, for key -1, every doc run) into its final index files. The
 * runs are sorted by path first: the merge's output does not depend on their order, but a fixed
 * order makes a failure reproducible.
 */
final class MergePartitionFn extends DoFn<KV<Integer, Iterable<RunDescriptor>>, BuildPart> {
  private static final long serialVersionUID = 1L;

  private final BuildPlan plan;

  MergePartitionFn(BuildPlan plan) {
    this.plan = plan;
  }

  @ProcessElement
  public void process(@Element KV<Integer, Iterable<RunDescriptor>> group, OutputReceiver<BuildPart> out)
      throws IOException {
    List<RunDescriptor> runs = new ArrayList<>();
    for (RunDescriptor r : group.getValue()) runs.add(r);
    runs.sort(Comparator.comparing(RunDescriptor::path));
    out.output(merge(plan, group.getKey(), runs));
    BuildMetrics.partitionsMerged.inc();
  }

  /** Merges runs of a partition (or the doc runs, for -1); with no runs, writes empty files. */
  static BuildPart merge(BuildPlan plan, int key, List<RunDescriptor> runs) throws IOException {
    Files.createDirectories(plan.mergeTmpDir());
    RunMerger merger = new RunMerger(plan.config().buildOptions());
    if (key == IngestChunkFn.DOC_RUNS) {
      return new BuildPart.DocTable(merger.mergeDocRuns(runs, plan.indexDir(), plan.mergeTmpDir()));
    }
    return new BuildPart.Partition(merger.mergeTermRuns(
        key, runs, plan.config().indexOptions(plan.partitions()), plan.indexDir(), plan.mergeTmpDir()));
  }
}
