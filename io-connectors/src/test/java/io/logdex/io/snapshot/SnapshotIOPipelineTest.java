package io.logdex.io.snapshot;

import static io.logdex.io.snapshot.SnapshotFixtures.readAll;
import static io.logdex.io.snapshot.SnapshotFixtures.records;
import static io.logdex.io.snapshot.SnapshotFixtures.utf8;
import static io.logdex.io.snapshot.SnapshotFixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(TestPipelineExtension.class)
class SnapshotIOPipelineTest {
  @TempDir Path dir;

  private static long counter(PipelineResult result, String name) {
    MetricQueryResults q = result.metrics().queryMetrics(MetricsFilter.builder()
        .addNameFilter(MetricNameFilter.named(SnapshotIO.class, name)).build());
    long total = 0;
    for (MetricResult<Long> c : q.getCounters()) total += c.getAttempted();
    return total;
  }

  @Test
  void readsAPatternOfPlainAndCompressedSnapshots(TestPipeline pipeline) throws Exception {
    Path sub = Files.createDirectories(dir.resolve("snaps"));
    byte[] json = utf8(new SnapshotFixtures.Docs(31, false, 4, 5).document(3000));
    byte[] tony = utf8(new SnapshotFixtures.Docs(32, true, 4, 5).document(3000));
    write(sub, "a.json", json);
    write(sub, "b.tony.zst", SnapshotFixtures.zstdFrames(tony, 300));
    write(sub, "c.json.zst", SnapshotFixtures.zstdStreamed(json));
    write(sub, "d.json", utf8("{\"ok\": [1, 2, 3], \"broken\": {\"x\": }}"));
    SnapshotIO.Read read = SnapshotIO.read().from(sub + "/*").withMaxSubDocumentBytes(100)
        .withSplitGranularity(256).withBadInput(BadInputPolicy.SKIP);
    List<SnapshotItem> items = readAll(read);
    List<SnapshotRecord> expected = records(items);
    List<SnapshotDeadLetter> bad = new ArrayList<>();
    long subDocs = 0;
    long bytes = 0;
    for (SnapshotItem i : items) {
      if (i.isDeadLetter()) {
        bad.add(i.deadLetter());
      } else if (i.record().isSubDocument()) {
        subDocs++;
        bytes += i.record().length();
      }
    }
    assertEquals(1, bad.size());
    assertTrue(bad.get(0).file().endsWith("d.json"));
    assertTrue(expected.size() > 100, "records: " + expected.size());

    SnapshotReadResult r = pipeline.apply(read);
    PAssert.that(r.records()).containsInAnyOrder(expected);
    PAssert.that(r.deadLetters()).containsInAnyOrder(bad);
    PipelineResult result = pipeline.run();
    result.waitUntilFinish();
    assertEquals(subDocs, counter(result, SnapshotIO.SUB_DOCUMENTS_COUNTER));
    assertEquals(expected.size() - subDocs, counter(result, SnapshotIO.CONTAINERS_COUNTER));
    assertEquals(1, counter(result, SnapshotIO.DEAD_LETTERS_COUNTER));
    assertEquals(bytes, counter(result, SnapshotIO.BYTES_COUNTER));
  }

  @Test
  void failStopsThePipelineNamingWhereItBroke(TestPipeline pipeline) throws Exception {
    Path p = write(dir, "broken.json", utf8("{\"ok\": [1, 2, 3],\n \"broken\": {\"x\": }}"));
    pipeline.apply(SnapshotIO.read().from(p.toString()).withMaxSubDocumentBytes(4));
    Exception e = assertThrows(Exception.class, pipeline::run);
    FormatException f = null;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof FormatException) f = (FormatException) t;
    }
    assertNotNull(f, "a FormatException in " + e);
    assertEquals(p.toString(), f.source());
    assertEquals(2, f.line());
    assertEquals("broken.x", f.path());
  }

  @Test
  void displayData(TestPipeline pipeline) {
    SnapshotIO.Read read = SnapshotIO.read().from("/x/*.json").withMaxSubDocumentBytes(4096)
        .withSplitGranularity(1 << 22);
    DisplayData d = DisplayData.from(read);
    assertTrue(d.items().stream().anyMatch(i -> i.getKey().equals("filePattern")
        && "/x/*.json".equals(i.getValue())));
    assertTrue(d.items().stream().anyMatch(i -> i.getKey().equals("maxSubDocumentBytes")
        && Long.valueOf(4096).equals(i.getValue())));
    assertTrue(d.items().stream().anyMatch(i -> i.getKey().equals("splitGranularity")));
    pipeline.enableAbandonedNodeEnforcement(false);
  }
}
