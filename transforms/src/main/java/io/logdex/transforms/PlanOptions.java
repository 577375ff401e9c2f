package io.logdex.transforms;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * How the launcher plans snapshot splits before any chunk runs. The split points do not depend
 * on it, only the planning time and the cores it takes (docs/ARCHITECTURE.md, "Planning in
 * parallel").
 */
public interface PlanOptions extends PipelineOptions {
  @Description("Threads that plan a big plain JSON snapshot's splits; 0 (default): one per core from"
      + " 3 cores, else serial; 1: serial")
  @Default.Integer(0)
  Integer getPlanThreads();

  void setPlanThreads(Integer value);
}
