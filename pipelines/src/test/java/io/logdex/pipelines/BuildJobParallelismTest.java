package io.logdex.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** The DirectRunner gets one worker thread per core unless --targetParallelism says otherwise. */
class BuildJobParallelismTest {
  private static DirectOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(DirectOptions.class);
  }

  @Test
  void beamsDefaultBecomesOnePerCore() {
    assertEquals(2, BuildJob.directParallelism(options(), 2));
    assertEquals(1, BuildJob.directParallelism(options(), 1));
    assertEquals(16, BuildJob.directParallelism(options(), 16));
    assertEquals(1, BuildJob.directParallelism(options(), 0));
  }

  @Test
  void anExplicitValueIsKept() {
    int beamDefault = Math.max(Runtime.getRuntime().availableProcessors(), 3);
    int other = beamDefault + 5;
    assertEquals(other, BuildJob.directParallelism(options("--targetParallelism=" + other), 2));
    assertEquals(1, BuildJob.directParallelism(options("--targetParallelism=1"), 8));
  }
}
