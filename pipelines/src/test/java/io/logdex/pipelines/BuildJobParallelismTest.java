package io.logdex.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/**
 * The DirectRunner gets one worker whose bundles work on one chunk per core, unless
 * --targetParallelism says otherwise.
 */
class BuildJobParallelismTest {
  private static DirectOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(DirectOptions.class);
  }

  @Test
  void beamsDefaultBecomesOneWorkerWithAThreadPerCore() {
    assertEquals(new BuildJob.DirectShape(1, 2), BuildJob.directShape(options(), 1, 2));
    assertEquals(new BuildJob.DirectShape(1, 1), BuildJob.directShape(options(), 1, 1));
    assertEquals(new BuildJob.DirectShape(1, 16), BuildJob.directShape(options(), 1, 16));
    assertEquals(new BuildJob.DirectShape(1, 1), BuildJob.directShape(options(), 1, 0));
  }

  @Test
  void givenBundleThreadsAreKept() {
    assertEquals(new BuildJob.DirectShape(1, 3), BuildJob.directShape(options(), 3, 8));
  }

  @Test
  void anExplicitWorkerCountKeepsBundlesAsGiven() {
    int beamDefault = Math.max(Runtime.getRuntime().availableProcessors(), 3);
    int other = beamDefault + 5;
    assertEquals(new BuildJob.DirectShape(other, 1),
        BuildJob.directShape(options("--targetParallelism=" + other), 1, 2));
    assertEquals(new BuildJob.DirectShape(1, 1), BuildJob.directShape(options("--targetParallelism=1"), 1, 8));
    assertEquals(new BuildJob.DirectShape(4, 2), BuildJob.directShape(options("--targetParallelism=4"), 2, 8));
  }
}
