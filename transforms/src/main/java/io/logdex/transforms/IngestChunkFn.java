package io.logdex.transforms;

import io.logdex.format.index.RunDescriptor;
import java.io.IOException;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Ingests one chunk ({@link ChunkIngester}) and emits only small things: its run descriptors keyed
 * by term partition (-1 for doc runs) and its {@link ChunkSummary}. Records and postings never
 * become elements.
 */
final class IngestChunkFn extends DoFn<ChunkTask, KV<Integer, RunDescriptor>> {
  private static final long serialVersionUID = 1L;

  /** Key of doc runs; term runs are keyed by their partition. */
  static final int DOC_RUNS = -1;

  static final TupleTag<KV<Integer, RunDescriptor>> RUNS = new TupleTag<KV<Integer, RunDescriptor>>("runs") {};
  static final TupleTag<BuildPart> SUMMARIES = new TupleTag<BuildPart>("summaries") {};

  private final BuildPlan plan;

  IngestChunkFn(BuildPlan plan) {
    this.plan = plan;
  }

  @ProcessElement
  public void process(@Element ChunkTask task, MultiOutputReceiver out, PipelineOptions options)
      throws IOException {
    ChunkIngester.Result r = new ChunkIngester(plan, task).run(options);
    for (RunDescriptor d : r.runs()) {
      int key = d.kind() == RunDescriptor.Kind.DOCS ? DOC_RUNS : d.partition();
      out.get(RUNS).output(KV.of(key, d));
    }
    out.get(SUMMARIES).output(r.summary());
    BuildMetrics.chunksDone.inc();
  }
}
