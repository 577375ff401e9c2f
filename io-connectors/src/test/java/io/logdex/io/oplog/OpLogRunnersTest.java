package io.logdex.io.oplog;

import static io.logdex.io.oplog.OpLogFixtures.utf8;
import static io.logdex.io.oplog.OpLogFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.io.common.RunnerHarness;
import io.logdex.io.common.RunnerHarness.CoderLine;
import io.logdex.io.common.RunnerHarness.Collect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same op-logs read on the DirectRunner and on an embedded Flink cluster give the same records. */
class OpLogRunnersTest {
  @TempDir Path dir;

  private static final CoderLine<OpLogRecord> RECORD = new CoderLine<>(OpLogRecordCoder.of(), "rec ");
  private static final CoderLine<BadRecord> BAD = new CoderLine<>(BadRecordCoder.of(), "bad ");

  private List<String> run(PipelineOptions options, String pattern, String run) {
    Pipeline p = Pipeline.create(options);
    OpLogReadResult r = p.apply(OpLogIO.read().from(pattern).withBadRecords(BadRecordPolicy.SKIP));
    r.records().apply("Records", MapElements.via(RECORD))
        .apply("CollectRecords", ParDo.of(new Collect(run)));
    r.deadLetters().apply("Bad", MapElements.via(BAD))
        .apply("CollectBad", ParDo.of(new Collect(run)));
    p.run().waitUntilFinish();
    return RunnerHarness.collected(run);
  }

  @Test
  void directAndFlinkReadIdenticalRecords() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    byte[] tsv = utf8(OpLogFixtures.s3dlioTsv(new Random(41), 250));
    write(in, "plain.tsv", tsv);
    write(in, "frames.tsv.zst", OpLogFixtures.zstdFrames(tsv, 4096, false));
    write(in, "streamed.jsonl.zst",
        OpLogFixtures.zstdStreamed(utf8(OpLogFixtures.adversarialJsonl(new Random(42), 200))));
    write(in, "adversarial.jsonl", utf8(OpLogFixtures.adversarialJsonl(new Random(43), 200)));
    String pattern = in + "/*";

    List<String> expected = new ArrayList<>();
    for (OpLogItem i : SourceTestUtils.readFromSource(
        OpLogIO.read().from(pattern).withBadRecords(BadRecordPolicy.SKIP).source(),
        PipelineOptionsFactory.create())) {
      expected.add(i.isBad() ? BAD.apply(i.bad()) : RECORD.apply(i.record()));
    }
    expected.sort(null);
    assertTrue(expected.size() > 600, "records: " + expected.size());

    List<String> viaDirect = run(RunnerHarness.direct(), pattern, "oplog-direct");
    List<String> viaFlink = run(RunnerHarness.flink(), pattern, "oplog-flink");

    assertEquals(expected.size(), viaDirect.size());
    assertEquals(expected, viaDirect);
    assertEquals(viaDirect, viaFlink);
  }
}
