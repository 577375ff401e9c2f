package io.logdex.io.oplog;

import static io.logdex.io.oplog.OpLogFixtures.utf8;
import static io.logdex.io.oplog.OpLogFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class OpLogIOPipelineTest {
  @TempDir Path dir;

  /** An s3dlio op-log cut mid-stream, as a crashed writer leaves it, with its expected parts. */
  private Path truncatedOplog(int rows, List<OpLogRecord> expected, long[] expectedBytes)
      throws Exception {
    Random rnd = new Random(23);
    List<String> lines = new ArrayList<>();
    lines.add(OpLogFixtures.S3DLIO_HEADER);
    for (int i = 0; i < rows; i++) lines.add(OpLogFixtures.s3dlioRow(rnd, i));
    OpLogFixtures.FlushedFrame f = OpLogFixtures.zstdFlushedPerLine(lines);
    int complete = rows / 2 + 1; // header + rows/2 rows survive
    int cut = (int) f.ends[complete - 1] + 5;
    Path p = write(dir, "crashed.tsv", Arrays.copyOf(f.bytes, cut));
    List<OpLogItem> items =
        SourceTestUtils.readFromSource(
            OpLogIO.read().from(p.toString()).withBadRecords(BadRecordPolicy.SKIP).source(),
            PipelineOptionsFactory.create());
    long bytes = 0;
    for (OpLogItem i : items) {
      bytes += i.length();
      if (!i.isBad()) expected.add(i.record());
    }
    expectedBytes[0] = bytes;
    assertEquals(rows / 2, expected.size());
    return p;
  }

  private static long counter(PipelineResult result, String name) {
    MetricQueryResults q =
        result.metrics().queryMetrics(
            MetricsFilter.builder().addNameFilter(MetricNameFilter.named(OpLogIO.class, name)).build());
    long total = 0;
    for (MetricResult<Long> c : q.getCounters()) total += c.getAttempted();
    return total;
  }

  @Test
  void skipSendsTheTornTailToDeadLettersAndCountsIt(TestPipeline pipeline) throws Exception {
    List<OpLogRecord> expected = new ArrayList<>();
    long[] bytes = new long[1];
    Path p = truncatedOplog(80, expected, bytes);
    OpLogReadResult r =
        pipeline.apply(OpLogIO.read().from(p.toString()).withBadRecords(BadRecordPolicy.SKIP));
    PAssert.that(r.records()).containsInAnyOrder(expected);
    PAssert.thatSingleton(r.deadLetters().apply(Count.globally())).isEqualTo(1L);
    OpLogRecord last = expected.get(expected.size() - 1);
    long tornAt = last.offset() + last.length();
    PAssert.that(r.deadLetters())
        .satisfies(bad -> {
          BadRecord b = bad.iterator().next();
          assertEquals(tornAt, b.offset());
          assertTrue(b.reason().contains("compressed stream"), b.reason());
          return null;
        });
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertEquals(expected.size(), counter(result, OpLogIO.RECORDS_COUNTER));
    assertEquals(1, counter(result, OpLogIO.BAD_RECORDS_COUNTER));
    assertEquals(bytes[0], counter(result, OpLogIO.BYTES_COUNTER));
  }

  @Test
  void failStopsThePipelineNamingTheOffset(TestPipeline pipeline) throws Exception {
    List<OpLogRecord> expected = new ArrayList<>();
    Path p = truncatedOplog(40, expected, new long[1]);
    OpLogRecord last = expected.get(expected.size() - 1);
    pipeline.apply(OpLogIO.read().from(p.toString()));
    Exception e = assertThrows(Exception.class, pipeline::run);
    FormatException f = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FormatException) f = (FormatException) t;
    }
    assertNotNull(f, "a FormatException in " + e);
    assertEquals(last.offset() + last.length(), f.offset());
    assertTrue(f.getMessage().contains("crashed.tsv"), f.getMessage());
  }

  @Test
  void readsAPatternOfMixedFiles(TestPipeline pipeline) throws Exception {
    Path sub = dir.resolve("logs");
    java.nio.file.Files.createDirectories(sub);
    String tsv = OpLogFixtures.s3dlioTsv(new Random(31), 200);
    write(sub, "a.tsv", utf8(tsv));
    write(sub, "b.jsonl.zst",
        OpLogFixtures.zstdFrames(utf8(OpLogFixtures.adversarialJsonl(new Random(32), 150)), 256, true));
    write(sub, "c.csv.gz", OpLogFixtures.gzip(utf8(tsv.replace('\t', ','))));
    OpLogIO.Read read = OpLogIO.read().from(sub + "/*").withBadRecords(BadRecordPolicy.SKIP);
    List<OpLogRecord> records = new ArrayList<>();
    List<BadRecord> bad = new ArrayList<>();
    for (OpLogItem i : SourceTestUtils.readFromSource(read.source(), PipelineOptionsFactory.create())) {
      if (i.isBad()) bad.add(i.bad());
      else records.add(i.record());
    }
    assertTrue(records.size() > 400 && !bad.isEmpty());
    OpLogReadResult r = pipeline.apply(read);
    PAssert.that(r.records()).containsInAnyOrder(records);
    PAssert.that(r.deadLetters()).containsInAnyOrder(bad);
    pipeline.run().waitUntilFinish();
  }

  @Test
  void displayData(TestPipeline pipeline) {
    OpLogIO.Read read =
        OpLogIO.read().from("/x/*.tsv").withFormat(OpLogFormat.TSV).withMaxLineBytes(4096);
    DisplayData d = DisplayData.from(read);
    assertTrue(d.items().stream().anyMatch(i -> i.getKey().equals("filePattern")
        && "/x/*.tsv".equals(i.getValue())));
    assertTrue(d.items().stream().anyMatch(i -> i.getKey().equals("maxLineBytes")));
    pipeline.enableAbandonedNodeEnforcement(false);
  }
}
