package io.logdex.transforms;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * How {@link BuildIndex} lays its work into bundles. With the default of 1, every chunk and every
 * partition merge is a bundle of its own and the runner spreads them over its workers. Above 1,
 * all chunks go into one bundle and all merges into another, and each of those bundles works on
 * that many elements at once on threads of its own ({@link BundleWorkers}): for a runner that needs
 * only one worker then, and whose scheduler costs CPU while workers idle (the DirectRunner:
 * docs/ARCHITECTURE.md, "Where the ingest time goes"). Outputs are the same bytes either way.
 */
public interface BundleOptions extends PipelineOptions {
  @Description("Chunks (and partition merges) one bundle works on at once; above 1, all chunks form one"
      + " bundle and all merges another (for a single-worker DirectRunner); default 1")
  @Default.Integer(1)
  Integer getBundleThreads();

  void setBundleThreads(Integer value);
}
