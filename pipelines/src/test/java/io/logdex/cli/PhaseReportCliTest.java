package io.logdex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --phaseReport: the job's phase distributions reach the launcher. With a worker per chunk (an
 * explicit --targetParallelism), every chunk, every merge and the commit report once.
 */
class PhaseReportCliTest {
  @TempDir Path tmp;

  @Test
  void everyChunkMergeAndTheCommitAreTimed() throws Exception {
    Path report = tmp.resolve("phases.json");
    BuildCliTest.Run r = BuildCliTest.logdex("build", "--oplogs=" + BuildCliTest.sample("ops.jsonl"),
        "--output=" + tmp.resolve("out"), "--chunkBytes=20000", "--partitions=3", "--targetParallelism=2",
        "--phaseReport=" + report);
    assertEquals(0, r.code(), r.err());
    Node j = json(report);
    assertTrue(j.get("planMillis").longValue() >= 0);
    Node d = j.get("distributions");
    Node m = json(tmp.resolve("out/manifest.json"));
    long chunks = m.get("counts").get("chunks").longValue();
    assertTrue(chunks > 1, "chunks: " + chunks);
    assertEquals(chunks, d.get("ingestWallMillis").get("count").longValue());
    assertEquals(chunks, d.get("ingestCpuMillis").get("count").longValue());
    assertEquals(4, d.get("mergeWallMillis").get("count").longValue()); // 3 partitions and the doc table
    assertEquals(1, d.get("commitWallMillis").get("count").longValue());
    assertTrue(d.get("ingestStartedAt").get("min").longValue() <= d.get("mergeStartedAt").get("min").longValue());
    assertTrue(d.get("mergeEndedAt").get("max").longValue() <= d.get("commitEndedAt").get("max").longValue());
  }

  private static Node json(Path file) throws Exception {
    try (var in = Files.newInputStream(file)) {
      return TreeParser.parseJson(in, file.getFileName().toString());
    }
  }
}
