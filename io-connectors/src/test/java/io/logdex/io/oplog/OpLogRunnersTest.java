package io.logdex.io.oplog;

import static io.logdex.io.oplog.OpLogFixtures.utf8;
import static io.logdex.io.oplog.OpLogFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same op-logs read on the DirectRunner and on an embedded Flink cluster give the same records. */
class OpLogRunnersTest {
  @TempDir Path dir;

  /** A record as one deterministic line: its coder bytes. */
  static final class RecordLine extends SimpleFunction<OpLogRecord, String> {
    @Override
    public String apply(OpLogRecord r) {
      try {
        return Base64.getEncoder().encodeToString(
            CoderUtils.encodeToByteArray(OpLogRecordCoder.of(), r));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  static final class BadLine extends SimpleFunction<BadRecord, String> {
    @Override
    public String apply(BadRecord b) {
      try {
        return Base64.getEncoder().encodeToString(CoderUtils.encodeToByteArray(BadRecordCoder.of(), b));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /**
   * Outputs by run: both runners execute in this JVM (Flink's "[local]" is an embedded mini
   * cluster), so a static sink sees every element without a file-writing stage.
   */
  static final Map<String, Queue<String>> SINK = new ConcurrentHashMap<>();

  static final class Collect extends DoFn<String, Void> {
    private final String run;

    Collect(String run) {
      this.run = run;
    }

    @ProcessElement
    public void process(@Element String line) {
      SINK.computeIfAbsent(run, k -> new ConcurrentLinkedQueue<>()).add(line);
    }
  }

  static final class Prefix extends SimpleFunction<String, String> {
    private final String prefix;

    Prefix(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public String apply(String s) {
      return prefix + s;
    }
  }

  private List<String> run(PipelineOptions options, String pattern, String run) {
    Pipeline p = Pipeline.create(options);
    OpLogReadResult r = p.apply(OpLogIO.read().from(pattern).withBadRecords(BadRecordPolicy.SKIP));
    r.records().apply("Records", MapElements.via(new RecordLine()))
        .apply("TagRecords", MapElements.via(new Prefix("rec ")))
        .apply("CollectRecords", ParDo.of(new Collect(run)));
    r.deadLetters().apply("Bad", MapElements.via(new BadLine()))
        .apply("TagBad", MapElements.via(new Prefix("bad ")))
        .apply("CollectBad", ParDo.of(new Collect(run)));
    p.run().waitUntilFinish();
    List<String> lines = new ArrayList<>(SINK.getOrDefault(run, new ConcurrentLinkedQueue<>()));
    lines.sort(null);
    return lines;
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
      expected.add(i.isBad() ? "bad " + new BadLine().apply(i.bad()) : "rec " + new RecordLine().apply(i.record()));
    }
    expected.sort(null);
    assertTrue(expected.size() > 600, "records: " + expected.size());

    PipelineOptions direct = PipelineOptionsFactory.create();
    direct.setRunner(DirectRunner.class);
    List<String> viaDirect = run(direct, pattern, "direct");

    FlinkPipelineOptions flink = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    flink.setRunner(FlinkRunner.class);
    flink.setFlinkMaster("[local]");
    flink.setParallelism(2);
    List<String> viaFlink = run(flink, pattern, "flink");

    assertEquals(expected.size(), viaDirect.size());
    assertEquals(expected, viaDirect);
    assertEquals(viaDirect, viaFlink);
  }
}
