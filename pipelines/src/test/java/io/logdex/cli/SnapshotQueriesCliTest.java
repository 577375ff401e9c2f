package io.logdex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.path.KindedPath;
import io.logdex.format.tree.MergePatch;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import io.logdex.format.tree.TreeParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code get} of every path of a snapshot cut into many small sub-documents and containers, and
 * {@code read-at} against a model that replays every diff from scratch.
 */
class SnapshotQueriesCliTest {
  @TempDir static Path tmp;
  static Path out;
  static Node state0;
  static List<Node> entries = new ArrayList<>();

  @BeforeAll
  static void build() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Path snap = Files.copy(BuildCliTest.sample("cluster-state.json"), in.resolve("state.json"));
    Path commits = Files.copy(BuildCliTest.sample("commits.jsonl"), in.resolve("commits.jsonl"));
    out = tmp.resolve("out");
    // A small cap: most nodes sit inside sub-documents, the big ones are container records.
    BuildCliTest.Run r = BuildCliTest.logdex("build", "--snapshots=" + snap + "@0", "--oplogs=" + commits,
        "--output=" + out, "--maxSubDocumentBytes=600", "--chunkBytes=16384");
    assertEquals(0, r.code(), r.err());
    state0 = TreeParser.parse(Files.readAllBytes(snap), 0, (int) Files.size(snap), "state.json");
    for (String line : Files.readAllLines(commits)) entries.add(TreeParser.parse(line));
  }

  private static Node json(String text) throws Exception {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    return TreeParser.parse(b, 0, b.length, "stdout");
  }

  @Test
  void getOfEveryPathEqualsTheTree() throws Exception {
    List<Map.Entry<KindedPath, Node>> all = NodePaths.extractAll(state0);
    assertTrue(all.size() > 1000, "paths: " + all.size());
    for (Map.Entry<KindedPath, Node> e : all) {
      BuildCliTest.Run r = BuildCliTest.logdex("get", "--index=" + out, e.getKey().toString());
      assertEquals(ExitCode.OK, r.code(), e.getKey() + ": " + r.err());
      // JSON output: compare as JSON (the snapshot is JSON, so nothing is lost).
      assertEquals(e.getValue(), json(r.out()), e.getKey().toString());
    }
    BuildCliTest.Run missing = BuildCliTest.logdex("get", "--index=" + out, "cluster.noSuchField");
    assertEquals(ExitCode.NOT_FOUND, missing.code());
    assertTrue(missing.err().contains("cluster.noSuchField"), missing.err());
  }

  @Test
  void readAtEqualsReplayingEveryDiff() throws Exception {
    Random rnd = new Random(11);
    int maxCommit = (int) entries.get(entries.size() - 1).get("commit").longValue();
    for (int round = 0; round < 40; round++) {
      long commit = rnd.nextInt(maxCommit + 1);
      Node model = state0;
      for (Node e : entries) if (e.get("commit").longValue() <= commit) model = MergePatch.apply(model, e.get("diff"));
      // A path some diff touched, or any path of the state.
      List<Map.Entry<KindedPath, Node>> paths = NodePaths.extractAll(rnd.nextBoolean() ? model
          : entries.get(rnd.nextInt(entries.size())).get("diff"));
      KindedPath p = paths.get(rnd.nextInt(paths.size())).getKey();
      Node expected = NodePaths.get(model, p);
      BuildCliTest.Run r = BuildCliTest.logdex("read-at", "--index=" + out, "--commit=" + commit, p.toString());
      if (expected == null) {
        assertEquals(ExitCode.NOT_FOUND, r.code(), p + " at " + commit + ": " + r.out());
      } else {
        assertEquals(ExitCode.OK, r.code(), p + " at " + commit + ": " + r.err());
        assertEquals(expected, json(r.out()), p + " at " + commit);
      }
    }
  }
}
