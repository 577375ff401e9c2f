package io.logdex.io.snapshot;

import static io.logdex.io.snapshot.SnapshotFixtures.utf8;
import static io.logdex.io.snapshot.SnapshotFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.token.DocumentMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
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

/** The same snapshots read on the DirectRunner and on an embedded Flink cluster give the same records. */
class SnapshotRunnersTest {
  @TempDir Path dir;

  /** A record as one deterministic line: its coder bytes. */
  static final class RecordLine extends SimpleFunction<SnapshotRecord, String> {
    @Override
    public String apply(SnapshotRecord r) {
      try {
        return Base64.getEncoder().encodeToString(
            CoderUtils.encodeToByteArray(SnapshotRecordCoder.of(), r));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Both runners execute in this JVM (Flink "[local]" is a mini cluster), so a static sink works. */
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

  private static SnapshotIO.Read read(String pattern) {
    return SnapshotIO.read().from(pattern).withMaxSubDocumentBytes(80).withSplitGranularity(512)
        .withDocuments(DocumentMode.STREAM);
  }

  private static List<String> run(PipelineOptions options, String pattern, String run) {
    Pipeline p = Pipeline.create(options);
    p.apply(read(pattern)).records()
        .apply("Lines", MapElements.via(new RecordLine()))
        .apply("Collect", ParDo.of(new Collect(run)));
    p.run().waitUntilFinish();
    List<String> lines = new ArrayList<>(SINK.getOrDefault(run, new ConcurrentLinkedQueue<>()));
    lines.sort(null);
    return lines;
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
      expected.add(new RecordLine().apply(i.record()));
    }
    expected.sort(null);
    assertTrue(expected.size() > 1000, "records: " + expected.size());

    PipelineOptions direct = PipelineOptionsFactory.create();
    direct.setRunner(DirectRunner.class);
    List<String> viaDirect = run(direct, pattern, "direct");

    FlinkPipelineOptions flink = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    flink.setRunner(FlinkRunner.class);
    flink.setFlinkMaster("[local]");
    flink.setParallelism(2);
    List<String> viaFlink = run(flink, pattern, "flink");

    assertEquals(expected, viaDirect);
    assertEquals(viaDirect, viaFlink);
  }
}
