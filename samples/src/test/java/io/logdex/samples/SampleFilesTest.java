package io.logdex.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SampleFilesTest {

  private static byte[] committed(String name) throws IOException {
    return Files.readAllBytes(TestData.dataDir().resolve(name));
  }

  @Test
  void committedFilesAreReproducedByteForByte() throws IOException {
    for (String name : SampleFiles.names()) {
      byte[] regenerated = TestData.generate(out -> SampleFiles.write(name, out));
      assertArrayEquals(committed(name), regenerated, name + " differs from its generator; run Generate samples");
    }
  }

  @Test
  void everySampleIsSmall() throws IOException {
    for (String name : SampleFiles.names()) {
      int size = committed(name).length;
      assertTrue(size > 10_000 && size < 160_000, name + " is " + size + " bytes");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void clusterStateJsonAndTonyHoldTheSameState() throws IOException {
    byte[] json = committed(SampleFiles.CLUSTER_JSON);
    byte[] tony = committed(SampleFiles.CLUSTER_TONY);
    Object jsonTree = MiniDoc.parse(json, MiniDoc.Mode.JSON);
    Object tonyTree = MiniDoc.parse(tony, MiniDoc.Mode.TONY);
    assertEquals(jsonTree, MiniDoc.untag(tonyTree));

    String jsonText = new String(json, StandardCharsets.UTF_8);
    String tonyText = new String(tony, StandardCharsets.UTF_8);
    assertTrue(jsonText.startsWith("{\n  \"cluster\": {\n    \"name\": \"prod-eu-1\","), "pretty JSON, prod-eu-1");
    assertTrue(tonyText.startsWith("{cluster: {name: \"prod-eu-1\", "), "wire form with bare keys");
    assertEquals(tonyText.length() - 1, tonyText.indexOf('\n'), "wire document is one line");
    assertTrue(tonyText.contains("maintenanceWindows: {0: {"), "sparse array with integer keys");
    assertTrue(tonyText.contains("nodes: !key(name) [{name: "), "keyed array");
    assertTrue(tonyText.contains("\"app.kubernetes.io/name\": "), "keys that are not identifiers stay quoted");
    assertTrue(jsonText.contains("\\n") && jsonText.contains("\\\""), "escapes present");
    assertTrue(jsonText.chars().anyMatch(c -> c > 0x7f), "non-ASCII text present");
    assertTrue(jsonText.codePoints().anyMatch(c -> c > 0xffff), "4-byte UTF-8 present");

    Map<String, Object> root = (Map<String, Object>) jsonTree;
    assertEquals(List.of("cluster", "namespaces", "nodes", "events"), List.copyOf(root.keySet()));
    Map<String, Object> namespaces = (Map<String, Object>) root.get("namespaces");
    assertEquals(List.of("payments", "checkout", "search", "identity"), List.copyOf(namespaces.keySet()));
    long treeNodes = MiniDoc.count(jsonTree);
    assertTrue(treeNodes > 300 && treeNodes < 2000, "tree nodes: " + treeNodes);
    Set<Object> names = new HashSet<>();
    for (Object node : (List<Object>) root.get("nodes")) {
      assertTrue(names.add(((Map<String, Object>) node).get("name")), "node names are unique keys");
    }
  }

  @Test
  void commitLogsReplayOntoTheSnapshotAndAgree() throws IOException {
    List<Object> json = MiniDoc.parseLines(committed(SampleFiles.COMMITS_JSONL), MiniDoc.Mode.JSON);
    List<Object> tony = MiniDoc.parseLines(committed(SampleFiles.COMMITS_TONY), MiniDoc.Mode.TONY);
    assertTrue(json.size() >= 180 && json.size() <= 230, "about 200 entries: " + json.size());
    DiffChecker checker = new DiffChecker();
    checker.replay(MiniDoc.parse(committed(SampleFiles.CLUSTER_JSON), MiniDoc.Mode.JSON),
        MiniDoc.parse(committed(SampleFiles.CLUSTER_TONY), MiniDoc.Mode.TONY), json, tony);
    assertTrue(checker.replaces > 100, "replaces " + checker.replaces);
    assertTrue(checker.inserts > 10, "inserts " + checker.inserts);
    assertTrue(checker.deletes > 5, "deletes " + checker.deletes);
    long multi = json.stream().filter(e -> ((Map<?, ?>) e).get("seq").equals(1L)).count();
    assertTrue(multi >= 10, "commits with several entries: " + multi);
    String text = new String(committed(SampleFiles.COMMITS_JSONL), StandardCharsets.UTF_8);
    assertTrue(text.contains("\":null}"), "merge patches delete with null");
  }

  @Test
  void opsSamplesAreOneFrameAndAgree() throws IOException {
    byte[] zst = committed(SampleFiles.OPS_TSV_ZST);
    assertEquals(1, TestData.frameSizes(zst).size(), "s3dlio writes exactly one zstd frame");
    String tsv = new String(TestData.unzstd(zst), StandardCharsets.UTF_8);
    String[] lines = tsv.split("\n", -1);
    assertEquals(SampleFiles.OPS_TSV_RECORDS + 2, lines.length, "header, records, final newline");
    OpLogChecks.Stats stats = OpLogChecks.checkTsv(tsv, SampleFiles.OPS_TSV_RECORDS);
    assertTrue(stats.errors >= 8 && stats.emptyFirstByte > 500, "errors and empty first_byte present");
    Set<String> ops = new HashSet<>();
    for (int i = 1; i <= SampleFiles.OPS_TSV_RECORDS; i++) {
      ops.add(lines[i].split("\t", -1)[2]);
    }
    assertEquals(10, ops.size(), "all ten op kinds: " + ops);
    byte[] jsonl = committed(SampleFiles.OPS_JSONL);
    OpLogChecks.assertJsonlMatchesTsv(jsonl, tsv, SampleFiles.OPS_JSONL_RECORDS);
  }
}
