package io.logdex.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.logdex.format.token.DocumentMode;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.token.TokenizerOptions;
import io.logdex.format.tree.DiffApply;
import io.logdex.format.tree.MergePatch;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The samples read with logdex's own parser (io-connectors TreeParser), and its strict DiffApply
 * accepts every Tony diff of commits.tony, reaching the state MergePatch reaches from the JSON log.
 * Needs io-connectors' format, format.path, format.token, format.tree and format.encode packages.
 */
class TreeParserInteropTest {

  private static byte[] sample(String name) throws IOException {
    return Files.readAllBytes(TestData.dataDir().resolve(name));
  }

  private static List<Node> documents(String name) throws IOException {
    byte[] b = sample(name);
    Tokenizer t = Tokenizer.fromBytes(b, 0, b.length, name,
        TokenizerOptions.defaults().withDocuments(DocumentMode.STREAM));
    List<Node> docs = new ArrayList<>();
    for (Node n = TreeParser.nextDocument(t); n != null; n = TreeParser.nextDocument(t)) {
      docs.add(n);
    }
    return docs;
  }

  @Test
  void samplesParseAndCommitLogsReplayWithTheProjectParser() throws IOException {
    Node json = TreeParser.parse(sample(SampleFiles.CLUSTER_JSON));
    Node tony = TreeParser.parse(sample(SampleFiles.CLUSTER_TONY));
    assertEquals(json.get("namespaces"), tony.get("namespaces"));
    assertEquals("!key(name)", tony.get("nodes").tag());
    List<Node> jsonEntries = documents(SampleFiles.COMMITS_JSONL);
    List<Node> tonyEntries = documents(SampleFiles.COMMITS_TONY);
    assertEquals(jsonEntries.size(), tonyEntries.size());
    Node viaJson = json;
    Node viaTony = tony;
    for (int i = 0; i < jsonEntries.size(); i++) {
      viaJson = MergePatch.apply(viaJson, jsonEntries.get(i).get("diff"));
      viaTony = DiffApply.apply(viaTony, tonyEntries.get(i).get("diff"), true);
    }
    assertNotNull(viaJson.get("namespaces"));
    assertEquals(viaJson.get("namespaces"), viaTony.get("namespaces"));
    assertEquals(SampleFiles.OPS_JSONL_RECORDS, documents(SampleFiles.OPS_JSONL).size());
  }
}
