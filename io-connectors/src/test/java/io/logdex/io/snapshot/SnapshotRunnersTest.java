package io.logdex.io.snapshot;

import static io.logdex.io.snapshot.SnapshotFixtures.utf8;
import static io.logdex.io.snapshot.SnapshotFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.token.DocumentMode;
import io.logdex.io.common.RunnerHarness;
import io.logdex.io.common.RunnerHarness.CoderLine;
import io.logdex.io.common.RunnerHarness.Collect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same snapshots read on the DirectRunner and on an embedded Flink cluster give the same records. */
class SnapshotRunnersTest {
  @TempDir Path dir;

  private static final CoderLine<SnapshotRecord> RECORD =
      new CoderLine<>(SnapshotRecordCoder.of(), "");

  private static SnapshotIO.Read read(String pattern) {
    return SnapshotIO.read().from(pattern).withMaxSubDocumentBytes(80).withSplitGranularity(512)
        .withDocuments(DocumentMode.STREAM);
  }

  private static List<String> run(PipelineOptions options, String pattern, String run) {
    Pipeline p = Pipeline.create(options);
    p.apply(read(pattern)).records()
        .apply("Lines", MapElements.via(RECORD))
        .apply("Collect", ParDo.of(new Collect(run)));
    p.run().waitUntilFinish();
    return RunnerHarness.collected(run);
  }

  @Test
  void directAndFlinkReadIdenticalRecords() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    byte[] stream = utf8(new SnapshotFixtures.Docs(41, true, 3, 5).stream(150));
    write(in, "plain.tony", stream);
    write(in, "frames.tony.zst", SnapshotFixtures.zstdFrames(stream, 1000));
    write(in, "streamed.tony.zst", SnapshotFixtures.zstdStreamed(stream));
    String pattern = in + "/*";

    List<String> expected = new ArrayList<>();
    for (SnapshotItem i : SourceTestUtils.readFromSource(read(pattern).source(),
        PipelineOptionsFactory.create())) {
      expected.add(RECORD.apply(i.record()));
    }
    expected.sort(null);
    assertTrue(expected.size() > 1000, "records: " + expected.size());

    List<String> viaDirect = run(RunnerHarness.direct(), pattern, "snapshot-direct");
    List<String> viaFlink = run(RunnerHarness.flink(), pattern, "snapshot-flink");

    assertEquals(expected, viaDirect);
    assertEquals(viaDirect, viaFlink);
  }
}
