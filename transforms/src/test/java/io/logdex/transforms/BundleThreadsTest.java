package io.logdex.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chunks and merges worked on in parallel inside one bundle ({@link BundleOptions}). */
class BundleThreadsTest {
  @TempDir Path tmp;

  static PipelineOptions oneWorker(int bundleThreads) {
    return PipelineOptionsFactory.fromArgs(
            "--runner=DirectRunner",
            "--targetParallelism=1",
            "--bundleThreads=" + bundleThreads,
            "--enforceImmutability=false",
            "--enforceEncodability=false")
        .withValidation()
        .as(BundleOptions.class);
  }

  @Test
  void oneBundleOfChunksWritesTheSameBytesAsABundlePerChunk() throws Exception {
    Path in = tmp.resolve("in");
    Builds.copySample("commits.jsonl", in);
    Builds.copySample("ops.jsonl", in);
    Builds.copySample("ops.tsv.zst", in);
    BuildConfig base = BuildConfig.of(List.of(in + "/*"), "").withChunkBytes(24 * 1024)
        .withPartitions(3).withSpillBudgetBytes(64 * 1024).withMergeFanIn(2);
    Path perChunk = tmp.resolve("per-chunk");
    Path inBundle = tmp.resolve("in-bundle");
    Builds.run(BuildLifecycleTest.withOutput(base, perChunk), Builds.direct(2));
    BuildPlan plan = Builds.run(BuildLifecycleTest.withOutput(base, inBundle), oneWorker(3));
    assertTrue(plan.chunks().size() > 3, "chunks " + plan.chunks().size());
    BuildLifecycleTest.assertSameOutput(perChunk, inBundle);
    assertEquals(BuildManifest.read(perChunk).count("inputRecords"), BuildManifest.read(inBundle).count("inputRecords"));
  }

  @Test
  void workersReturnResultsInSubmissionOrder() throws Exception {
    try (BundleWorkers<Integer> w = new BundleWorkers<>(3, "test")) {
      CountDownLatch first = new CountDownLatch(1);
      w.submit(() -> {
        first.await(10, TimeUnit.SECONDS); // finishes last
        return 0;
      });
      w.submit(() -> 1);
      w.submit(() -> {
        first.countDown();
        return 2;
      });
      assertEquals(List.of(0, 1, 2), w.finish());
      assertEquals(List.of(), w.finish());
    }
  }

  @Test
  void aFailureIsThrownOnlyOnceEveryPieceHasEnded() throws Exception {
    try (BundleWorkers<Integer> w = new BundleWorkers<>(2, "test")) {
      AtomicBoolean slowEnded = new AtomicBoolean();
      w.submit(() -> {
        throw new IOException("chunk 0 is corrupt");
      });
      w.submit(() -> {
        Thread.sleep(200);
        slowEnded.set(true);
        return 1;
      });
      IOException e = assertThrows(IOException.class, w::finish);
      assertEquals("chunk 0 is corrupt", e.getMessage());
      assertTrue(slowEnded.get(), "finish waited for the piece still running");
    }
  }
}
