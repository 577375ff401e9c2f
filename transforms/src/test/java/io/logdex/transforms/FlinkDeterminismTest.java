package io.logdex.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logdex.format.index.IndexFormat;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same build on the DirectRunner and on an embedded Flink cluster writes the same bytes. */
class FlinkDeterminismTest {
  @TempDir Path tmp;

  @Test
  void directAndFlinkLocalWriteIdenticalFiles() throws Exception {
    Path in = tmp.resolve("in");
    Builds.copySample("commits.jsonl", in);
    Builds.copySample("ops.tsv.zst", in);
    BuildConfig base = BuildConfig.of(List.of(in + "/*"), "").withChunkBytes(16 * 1024).withPartitions(2);
    Path direct = tmp.resolve("direct");
    Path flink = tmp.resolve("flink");
    Builds.run(BuildLifecycleTest.withOutput(base, direct), Builds.direct(2));
    Builds.run(BuildLifecycleTest.withOutput(base, flink), Builds.flinkLocal(2));
    BuildLifecycleTest.assertSameOutput(direct, flink);
    assertEquals(2200, BuildManifest.read(flink).count("inputRecords"));
  }

  /**
   * A snapshot too: its sparse path terms are decided per node from offsets, in whichever reader
   * and bundle cut it. A small span keeps some terms and drops others within each sub-document.
   */
  @Test
  void directAndFlinkLocalWriteIdenticalSnapshotIndexes() throws Exception {
    Path in = tmp.resolve("snap");
    Builds.copySample("cluster-state.json", in);
    Builds.copySample("commits.jsonl", in);
    BuildConfig base = BuildConfig.of(List.of(in + "/commits.jsonl"), "").withSnapshots(List.of(in + "/cluster-state.json@0"))
        .withChunkBytes(16 * 1024).withMaxSubDocumentBytes(2048).withPartitions(2);
    int saved = IndexFormat.setSnapshotPathSpanForTests(256);
    try {
      Path direct = tmp.resolve("snap-direct");
      Path flink = tmp.resolve("snap-flink");
      Builds.run(BuildLifecycleTest.withOutput(base, direct), Builds.direct(2));
      Builds.run(BuildLifecycleTest.withOutput(base, flink), Builds.flinkLocal(2));
      BuildLifecycleTest.assertSameOutput(direct, flink);
    } finally {
      IndexFormat.setSnapshotPathSpanForTests(saved);
    }
  }
}
