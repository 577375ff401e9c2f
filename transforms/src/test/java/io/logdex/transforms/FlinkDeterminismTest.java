package io.logdex.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
