package io.logdex.transforms;

import io.logdex.format.index.ColumnsSummary;
import io.logdex.format.index.DocTableSummary;
import io.logdex.format.index.IndexFormat;
import io.logdex.format.index.IndexManifest;
import io.logdex.format.index.PartitionSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/**
 * The build's last step, run once with every part: checks the {@link FailurePolicy} (a build over
 * its limits throws {@link BuildFailedException} and publishes nothing), writes empty files for
 * partitions no chunk touched, the index's manifest, then the build manifest, which it publishes
 * by atomic rename (the commit), and only then deletes the run files and what the pending manifest
 * retires. Emits the committed generation's name. Re-running it after the rename (a retried
 * bundle) only finishes the clean-up. For an object-store output ({@link BuildPlan#target()}) it
 * publishes the index manifest and leaves the build manifest in the build's scratch; the launcher
 * commits it and cleans up (a retry writes the same objects again).
 */
final class CommitGenerationFn extends DoFn<KV<Integer, Iterable<BuildPart>>, String> {
  private static final long serialVersionUID = 1L;

  private final BuildPlan plan;

  CommitGenerationFn(BuildPlan plan) {
    this.plan = plan;
  }

  @ProcessElement
  public void process(@Element KV<Integer, Iterable<BuildPart>> all, OutputReceiver<String> out)
      throws IOException {
    PhaseTimer timer = PhaseTimer.start(PhaseTimer.COMMIT);
    LiveProgress.of(plan).commitsStarted.incrementAndGet();
    if (plan.target() != null) {
      // An object store: the launcher commits the manifest this leaves in scratch, and cleans up.
      plan.inOwnStage(own -> {
        commit(own, all.getValue());
        return null;
      });
    } else {
      if (!plan.generation().equals(BuildManifest.currentGeneration(plan.outputDir()))) {
        commit(plan, all.getValue());
      }
      Generations.finish(plan.outputDir(), plan.pending(), plan.generation());
    }
    timer.stop();
    out.output(plan.generation());
  }

  /** Writes the generation's index manifest and build manifest; plan: this fn's, or a copy in a stage of its own. */
  private static void commit(BuildPlan plan, Iterable<BuildPart> parts) throws IOException {
    List<ChunkSummary> chunks = new ArrayList<>();
    List<InputSummary> inputs = new ArrayList<>();
    PartitionSummary[] partitions = new PartitionSummary[plan.partitions()];
    DocTableSummary docs = null;
    ColumnsSummary columns = null;
    for (BuildPart p : parts) {
      if (p instanceof ChunkSummary c) {
        chunks.add(c);
      } else if (p instanceof InputSummary i) {
        inputs.add(i);
      } else if (p instanceof BuildPart.Partition s) {
        int n = s.summary().partition();
        if (partitions[n] != null) throw new IllegalStateException("partition " + n + " merged twice");
        partitions[n] = s.summary();
      } else if (p instanceof BuildPart.DocTable d) {
        if (docs != null) throw new IllegalStateException("doc table merged twice");
        docs = d.summary();
        columns = d.columns();
      }
    }
    if (chunks.size() != plan.chunkCount()) {
      throw new IllegalStateException(
          "the commit saw " + chunks.size() + " chunk summaries, the plan has " + plan.chunkCount());
    }
    chunks.sort(Comparator.comparingInt(ChunkSummary::id));
    inputs.sort(Comparator.comparingInt(InputSummary::index));
    String violation = plan.config().failure().violation(inputs, chunks, plan.generation());
    if (violation != null) {
      // Thrown before anything is published: the output keeps its generation, and the launcher
      // (BuildJob) keeps this one's dead letters for the user.
      throw new BuildFailedException(violation);
    }
    List<PartitionSummary> all = new ArrayList<>(partitions.length);
    for (int p = 0; p < partitions.length; p++) {
      if (partitions[p] == null) {
        partitions[p] = ((BuildPart.Partition) MergePartitionFn.merge(plan, p, List.of())).summary();
      }
      all.add(partitions[p]);
    }
    if (docs == null) {
      BuildPart.DocTable d = (BuildPart.DocTable) MergePartitionFn.merge(plan, IngestChunkFn.DOC_RUNS, List.of());
      docs = d.summary();
      columns = d.columns();
    }
    IndexManifest index = IndexManifest.of(plan.config().indexOptions(plan.partitions()), docs, all, columns);
    Files.createDirectories(plan.indexDir());
    index.writeTo(plan.indexDir());
    Path indexManifest = plan.indexDir().resolve(IndexFormat.MANIFEST_FILE);
    long indexManifestBytes = Files.size(indexManifest);
    byte[] manifest = BuildManifest.encode(plan, inputs, chunks, index, indexManifestBytes,
        new BuildManifest.Run(plan.startedAtMillis(), System.currentTimeMillis(),
            plan.config().runner(), plan.config().recordedOptions()));
    ObjectStoreTarget target = plan.target();
    if (target == null) {
      Generations.publish(plan.outputDir(), manifest, plan.previousGeneration(), plan.pending().manifestTemp());
    } else {
      ObjectFiles.publish(indexManifest,
          target.fileUrl(plan.generation(), BuildPlan.INDEX_DIR + "/" + IndexFormat.MANIFEST_FILE));
      ObjectFiles.write(manifest, target.builtManifestUrl());
    }
  }
}
