package io.logdex.transforms;

import io.logdex.format.index.RunDescriptor;
import io.logdex.io.coders.RunDescriptorCoder;
import java.io.IOException;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Builds logs, dead letters and the index from op-logs and snapshots into a new generation of an output
 * directory, and commits it by replacing the output's manifest. Usable inside any pipeline:
 *
 * <pre>{@code
 * p.apply(BuildIndex.of(BuildConfig.of(List.of("oplogs/*.tsv.zst"), "/data/idx")));
 * }</pre>
 *
 * <pre>
 * plan (at expansion: sorted files, fixed-size chunks) → Read(ChunkSource: a split per chunk)
 *   → IngestChunk ─ runs keyed by partition → GroupByKey → MergePartition ─┐
 *                 └ chunk summaries ────────────────────────────────────────┼→ GroupByKey(one key)
 *   inputs → Checksum ──────────────────────────────────────────────────────┘   → CommitGeneration
 * </pre>
 *
 * With {@code --bundleThreads} above 1 ({@link BundleOptions}), the chunks come from Create and {@link OneBundle}
 * and the grouped runs pass through another, so ingest and merge each run as one bundle that works
 * in parallel inside itself. Only chunk tasks, run descriptors and summaries are elements. The output is the committed
 * generation's name. Op-log chunks become logs; snapshot chunks are indexed where they lie, each
 * sub-document a document whose record is its byte range in the snapshot.
 */
public final class BuildIndex extends PTransform<PBegin, PCollection<String>> {
  private static final long serialVersionUID = 1L;

  private final BuildConfig config;
  private transient BuildPlan plan;
  private transient BuildLock lock;

  private BuildIndex(BuildConfig config) {
    this.config = config;
  }

  public static BuildIndex of(BuildConfig config) {
    return new BuildIndex(config);
  }

  /** The plan made when this transform was applied; null before. */
  public BuildPlan plan() {
    return plan;
  }

  /**
   * Lets other processes build into the output again. {@code BuildJob} calls it when the job
   * ends; a pipeline of your own should call it after {@code waitUntilFinish}. Until then (or
   * until the JVM exits) the output directory is locked against other processes' builds, which
   * would otherwise delete this build's unfinished generation as stray.
   */
  public void releaseLock() throws IOException {
    if (lock != null) lock.close();
  }

  /**
   * Records that this build failed and will not commit (call it when the pipeline did not finish):
   * the output keeps its current generation; this build's generation is deleted but for its dead
   * letters, which stay, named with the reason in the pending manifest, until a build commits.
   * Returns that dead-letter directory, or null when there were none. {@code BuildJob} calls it; a
   * pipeline of your own may, else the next build removes the whole unfinished generation.
   */
  public java.nio.file.Path abandon(String reason) throws IOException {
    if (plan == null) return null;
    if (plan.generation().equals(BuildManifest.currentGeneration(plan.outputDir()))) return null;
    return Generations.abandon(plan.outputDir(), plan.generation(), reason);
  }

  @Override
  public PCollection<String> expand(PBegin begin) {
    try {
      lock = BuildPlanner.lock(config);
      try {
        plan = BuildPlanner.plan(config, begin.getPipeline().getOptions());
      } catch (Exception e) {
        lock.close();
        throw e;
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e.getMessage(), e); // the cause's words: it says what is wrong
    }
    BuildPlan small = plan.withoutWork();
    SerializableCoder<BuildPart> partCoder = SerializableCoder.of(BuildPart.class);
    // Above one thread per bundle, chunks and merges each form one bundle that works in parallel
    // within itself (BundleOptions); else each is its own bundle, spread by the runner.
    int threads = Math.max(1, begin.getPipeline().getOptions().as(BundleOptions.class).getBundleThreads());
    // One bundle: Create, then OneBundle. Else a source that splits into one part per chunk, so a
    // runner that hands out splits on demand balances the chunks over its workers (ChunkSource).
    PCollection<ChunkTask> chunks = threads > 1
        ? begin.apply("PlanChunks", Create.of(plan.chunks()).withCoder(SerializableCoder.of(ChunkTask.class)))
            .apply("Distribute", OneBundle.of())
        : begin.apply("PlanChunks", Read.from(new ChunkSource(plan.chunks())));
    PCollectionTuple ingested =
        chunks
            .apply("IngestChunks",
                ParDo.of(new IngestChunkFn(small, threads))
                    .withOutputTags(IngestChunkFn.RUNS, TupleTagList.of(IngestChunkFn.SUMMARIES)));
    PCollection<KV<Integer, Iterable<RunDescriptor>>> grouped =
        ingested
            .get(IngestChunkFn.RUNS)
            .setCoder(KvCoder.of(VarIntCoder.of(), RunDescriptorCoder.of()))
            .apply("GroupRunsByPartition", GroupByKey.create());
    if (threads > 1) grouped = grouped.apply("PartitionsInOneBundle", OneBundle.of());
    PCollection<BuildPart> merged =
        grouped
            .apply("MergePartitions", ParDo.of(new MergePartitionFn(small, threads)))
            .setCoder(partCoder);
    PCollection<BuildPart> inputs =
        begin
            .apply("Inputs", Create.of(plan.inputs()).withCoder(SerializableCoder.of(InputSummary.class)))
            .apply("ChecksumInputs", ParDo.of(new InputChecksums.Fn()))
            .setCoder(partCoder);
    return PCollectionList.of(merged)
        .and(ingested.get(IngestChunkFn.SUMMARIES).setCoder(partCoder))
        .and(inputs)
        .apply("AllParts", Flatten.pCollections())
        .apply("OneKey", WithKeys.<Integer, BuildPart>of(0))
        .setCoder(KvCoder.of(VarIntCoder.of(), partCoder))
        .apply("CollectParts", GroupByKey.create())
        .apply("CommitGeneration", ParDo.of(new CommitGenerationFn(small)))
        .setCoder(StringUtf8Coder.of());
  }
}
