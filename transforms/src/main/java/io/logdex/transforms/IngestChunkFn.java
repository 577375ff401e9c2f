package io.logdex.transforms;

import io.logdex.format.index.RunDescriptor;
import java.io.IOException;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;

/**
 * Ingests one chunk ({@link ChunkIngester}) and emits only small things: its run descriptors keyed
 * by their merge ({@link MergeKeys}: a term partition, or the doc runs) and its {@link ChunkSummary}. Records and postings never
 * become elements. With {@link BundleOptions#getBundleThreads()} above 1, a bundle's chunks are
 * ingested that many at a time and emitted when the bundle finishes.
 */
final class IngestChunkFn extends DoFn<ChunkTask, KV<Integer, RunDescriptor>> {
  private static final long serialVersionUID = 1L;

  /** The merge of the doc runs, where term runs have their partition ({@link MergeKeys#keyOf}). */
  static final int DOC_RUNS = -1;

  static final TupleTag<KV<Integer, RunDescriptor>> RUNS = new TupleTag<KV<Integer, RunDescriptor>>("runs") {};
  static final TupleTag<BuildPart> SUMMARIES = new TupleTag<BuildPart>("summaries") {};

  private final BuildPlan plan;
  private final int threads;
  private transient BundleWorkers<ChunkIngester.Result> workers;
  private transient MergeKeys mergeKeys;

  IngestChunkFn(BuildPlan plan, int threads) {
    this.plan = plan;
    this.threads = threads;
  }

  @Setup
  public void setup() {
    mergeKeys = MergeKeys.of(plan.partitions());
    if (threads > 1) workers = new BundleWorkers<>(threads, "ingest");
  }

  @ProcessElement
  public void process(@Element ChunkTask task, MultiOutputReceiver out, PipelineOptions options)
      throws IOException {
    if (workers != null) {
      workers.submit(() -> ingest(task, options));
      return;
    }
    ChunkIngester.Result r = ingest(task, options);
    for (RunDescriptor d : r.runs()) out.get(RUNS).output(KV.of(key(d), d));
    out.get(SUMMARIES).output(r.summary());
  }

  @FinishBundle
  public void finish(FinishBundleContext c) throws IOException {
    if (workers == null) return;
    for (ChunkIngester.Result r : workers.finish()) {
      for (RunDescriptor d : r.runs()) {
        c.output(RUNS, KV.of(key(d), d), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
      }
      c.output(SUMMARIES, r.summary(), GlobalWindow.INSTANCE.maxTimestamp(), GlobalWindow.INSTANCE);
    }
  }

  @Teardown
  public void teardown() {
    if (workers != null) workers.close();
  }

  private ChunkIngester.Result ingest(ChunkTask task, PipelineOptions options) throws IOException {
    PhaseTimer timer = PhaseTimer.start(PhaseTimer.INGEST);
    ChunkIngester.Result r = plan.inOwnStage(own -> new ChunkIngester(own, task).run(options));
    timer.stop();
    BuildMetrics.chunksDone.inc();
    LiveProgress live = LiveProgress.of(plan);
    for (RunDescriptor d : r.runs()) {
      live.mergeKeys.add(key(d));
      live.runBytes.addAndGet(d.bytes());
    }
    live.chunksDone.incrementAndGet();
    return r;
  }

  private int key(RunDescriptor d) {
    return mergeKeys.keyOf(d.kind() == RunDescriptor.Kind.TERMS ? d.partition() : DOC_RUNS); // columns merge with the docs
  }
}
