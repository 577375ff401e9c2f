package io.logdex.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.encode.Encoder;
import io.logdex.format.encode.OutputFormat;
import io.logdex.format.history.DiffKind;
import io.logdex.format.path.KindedPath;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import io.logdex.format.tree.TreeParser;
import io.logdex.transforms.BuildManifest;
import io.logdex.transforms.InputSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compact} end to end: read-at against a model that replays every diff from scratch, for
 * random commits and paths, before and after compacting at a random commit, for merge patches over
 * JSON and Tony diffs over Tony.
 */
class CompactCommandTest {
  @TempDir Path tmp;

  /** A built index over a sample snapshot at commit 0 and its commit log, and the replay model. */
  private final class Fixture {
    final Path out;
    final DiffKind kind;
    final Node state0;
    final List<Node> entries = new ArrayList<>();
    final long maxCommit;

    Fixture(String snapshot, String commits, DiffKind kind, boolean shuffle) throws Exception {
      this(snapshot, commits, kind, shuffle, false);
    }

    /** withOps: the sample s3dlio op-log in the same index (operations keyed by idx 0..1999). */
    Fixture(String snapshot, String commits, DiffKind kind, boolean shuffle, boolean withOps) throws Exception {
      this.kind = kind;
      Path in = Files.createDirectories(tmp.resolve("in-" + snapshot));
      Path snap = Files.copy(BuildCliTest.sample(snapshot), in.resolve(snapshot));
      Path log = in.resolve(commits);
      List<String> lines = new ArrayList<>(Files.readAllLines(BuildCliTest.sample(commits)));
      for (String line : lines) if (!line.isBlank()) entries.add(TreeParser.parse(line));
      // Shuffled: every log holds many descending steps, which the compactor must merge around.
      if (shuffle) Collections.shuffle(lines, new Random(5));
      Files.write(log, lines);
      out = tmp.resolve("out-" + snapshot);
      // Small chunks: several logs whose runs the compactor merges; small sub-documents.
      String oplogs = withOps ? log + "," + Files.copy(BuildCliTest.sample("ops.tsv.zst"), in.resolve("ops.tsv.zst")) : log.toString();
      BuildCliTest.Run r = BuildCliTest.logdex("build", "--snapshots=" + snap + "@0", "--oplogs=" + oplogs,
          "--output=" + out, "--maxSubDocumentBytes=600", "--chunkBytes=8192");
      assertEquals(0, r.code(), r.err());
      state0 = TreeParser.parse(Files.readAllBytes(snap), 0, (int) Files.size(snap), snapshot);
      maxCommit = entries.get(entries.size() - 1).get("commit").longValue();
    }

    Node model(long commit) throws Exception {
      Node s = state0;
      for (Node e : entries) if (e.get("commit").longValue() <= commit) s = kind.apply(s, e.get("diff"));
      return s;
    }

    /** read-at of random paths at random commits in [lo, hi] equals the model. */
    void checkReads(Random rnd, long lo, long hi, int reads) throws Exception {
      for (int i = 0; i < reads; i++) {
        long commit = lo + (long) rnd.nextInt((int) (hi - lo + 1));
        Node model = model(commit);
        List<Map.Entry<KindedPath, Node>> paths = NodePaths.extractAll(rnd.nextBoolean() ? model
            : entries.get(rnd.nextInt(entries.size())).get("diff"));
        KindedPath p = paths.get(rnd.nextInt(paths.size())).getKey();
        Node expected = NodePaths.get(model, p);
        BuildCliTest.Run r = BuildCliTest.logdex("read-at", "--index=" + out, "--commit=" + commit, "--to=wire",
            p.toString());
        if (expected == null) {
          assertEquals(ExitCode.NOT_FOUND, r.code(), p + " at " + commit + ": " + r.out() + r.err());
        } else {
          assertEquals(ExitCode.OK, r.code(), p + " at " + commit + ": " + r.err());
          assertEquals(expected, TreeParser.parse(r.out()), p + " at " + commit);
        }
      }
    }
  }

  private void compactAndRead(Fixture f, long seed, String ext, OutputFormat format) throws Exception {
    Random rnd = new Random(seed);
    f.checkReads(rnd, 0, f.maxCommit, 8);
    long c = 1 + rnd.nextInt((int) f.maxCommit - 1);
    BuildCliTest.Run r = BuildCliTest.logdex("compact", "--index=" + f.out, "--commit=" + c,
        "--maxRoundDiffBytes=1500");
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertTrue(r.out().contains("compacted commit " + c), r.out());
    java.util.regex.Matcher passes = java.util.regex.Pattern.compile(" in (\\d+) passes").matcher(r.out());
    assertTrue(passes.find() && Integer.parseInt(passes.group(1)) > 1, "a small budget takes several passes: " + r.out());

    // The file is the model's state at c, exactly as the encoder writes it.
    Path file = f.out.resolve("compacted").resolve("state-c" + c + ext);
    assertArrayEquals(Encoder.encode(f.model(c), format), Files.readAllBytes(file));
    BuildManifest m = BuildManifest.read(f.out);
    assertTrue(m.inputs().stream().anyMatch(i -> i.kind().equals(InputSummary.SNAPSHOT) && i.commit() == c
        && Path.of(i.path()).equals(file)), m.inputs().toString());
    try (var files = Files.list(f.out.resolve("compacted"))) {
      assertEquals(1, files.count(), "temporary files left in compacted/");
    }

    // Reads on both sides of the new snapshot still equal the replay.
    f.checkReads(rnd, c, f.maxCommit, 12);
    f.checkReads(rnd, 0, c, 6);

    // Idempotent: nothing is rebuilt.
    BuildCliTest.Run again = BuildCliTest.logdex("compact", "--index=" + f.out, "--commit=" + c);
    assertEquals(ExitCode.OK, again.code(), again.err());
    assertTrue(again.out().contains("already has a snapshot"), again.out());
    assertEquals(m.generation(), BuildManifest.read(f.out).generation());

    // Below the newest snapshot, beyond maxCommit, or no commit: usage errors.
    assertEquals(ExitCode.USAGE, BuildCliTest.logdex("compact", "--index=" + f.out, "--commit=" + (c - 1)).code());
    BuildCliTest.Run beyond = BuildCliTest.logdex("compact", "--index=" + f.out, "--commit=" + (f.maxCommit + 1));
    assertEquals(ExitCode.USAGE, beyond.code());
    assertTrue(beyond.err().contains("maxCommit"), beyond.err());
    assertEquals(ExitCode.USAGE, BuildCliTest.logdex("compact", "--index=" + f.out).code());

    // A second compaction starts from the first.
    if (c < f.maxCommit) {
      long c2 = c + 1 + rnd.nextInt((int) (f.maxCommit - c));
      // A killed compaction's temporary files are removed by the next one.
      Files.writeString(f.out.resolve("compacted").resolve(".state-c9-123.tmp"), "partial");
      BuildCliTest.Run second = BuildCliTest.logdex("compact", "--index=" + f.out, "--commit=" + c2);
      assertEquals(ExitCode.OK, second.code(), second.err());
      assertTrue(second.out().contains("state-c" + c + ext + "@" + c), second.out());
      assertArrayEquals(Encoder.encode(f.model(c2), format),
          Files.readAllBytes(f.out.resolve("compacted").resolve("state-c" + c2 + ext)));
      f.checkReads(rnd, c2, f.maxCommit, 6);
      try (var files = Files.list(f.out.resolve("compacted"))) {
        assertEquals(2, files.count(), "the two states and nothing else");
      }
    }
  }

  @Test
  void mergePatchesOverJson() throws Exception {
    compactAndRead(new Fixture("cluster-state.json", "commits.jsonl", DiffKind.MERGE_PATCH, false), 11, ".json",
        OutputFormat.JSON);
  }

  @Test
  void tonyDiffsOverTony() throws Exception {
    compactAndRead(new Fixture("cluster-state.tony", "commits.tony", DiffKind.TONY, false), 12, ".tony", OutputFormat.WIRE);
  }

  /**
   * s3dlio operations share the index (their idx is their commit) but are events, not diffs: the
   * compacted state is the commit log's alone, and reads after it still equal the replay.
   */
  @Test
  void s3dlioOperationsInTheSameIndexAreNotApplied() throws Exception {
    Fixture f = new Fixture("cluster-state.json", "commits.jsonl", DiffKind.MERGE_PATCH, false, true);
    Random rnd = new Random(21);
    long c = 1 + rnd.nextInt((int) f.maxCommit - 1);
    BuildCliTest.Run r = BuildCliTest.logdex("compact", "--index=" + f.out, "--commit=" + c);
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertArrayEquals(Encoder.encode(f.model(c), OutputFormat.JSON),
        Files.readAllBytes(f.out.resolve("compacted").resolve("state-c" + c + ".json")));
    f.checkReads(rnd, c, f.maxCommit, 8);
  }

  @Test
  void logsOutOfCommitOrderAreMerged() throws Exception {
    Fixture f = new Fixture("cluster-state.json", "commits.jsonl", DiffKind.MERGE_PATCH, true);
    Random rnd = new Random(3);
    long c = f.maxCommit / 2 + rnd.nextInt((int) f.maxCommit / 2);
    BuildCliTest.Run r = BuildCliTest.logdex("compact", "--index=" + f.out, "--commit=" + c);
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertArrayEquals(Encoder.encode(f.model(c), OutputFormat.JSON),
        Files.readAllBytes(f.out.resolve("compacted").resolve("state-c" + c + ".json")));
    f.checkReads(rnd, c, f.maxCommit, 6);
  }

  @Test
  void aPathDeletedBeforeTheCompactionStaysDeleted() throws Exception {
    // The old snapshot still holds a.b; the compacted one does not, and must win for later reads.
    Path in = Files.createDirectories(tmp.resolve("in-deleted"));
    Path snap = Files.writeString(in.resolve("s.json"), "{\"a\": {\"b\": 1, \"c\": 2}, \"d\": [1, 2]}");
    Path log = Files.writeString(in.resolve("c.jsonl"), String.join("\n",
        "{\"commit\": 1, \"seq\": 0, \"timestamp\": \"2025-10-09T10:00:00Z\", \"diff\": {\"a\": {\"b\": null}, \"d\": null}}",
        "{\"commit\": 2, \"seq\": 0, \"timestamp\": \"2025-10-09T10:00:01Z\", \"diff\": {\"a\": {\"c\": 3}}}", ""));
    Path out = tmp.resolve("out-deleted");
    assertEquals(0, BuildCliTest.logdex("build", "--snapshots=" + snap + "@0", "--oplogs=" + log, "--output=" + out)
        .code());
    BuildCliTest.Run r = BuildCliTest.logdex("compact", "--index=" + out, "--commit=1");
    assertEquals(ExitCode.OK, r.code(), r.err());
    assertEquals("{\"a\":{\"c\":2}}\n", Files.readString(out.resolve("compacted/state-c1.json")));
    for (String p : new String[] {"a.b", "d", "d[0]"}) {
      for (int commit = 1; commit <= 2; commit++) {
        BuildCliTest.Run read = BuildCliTest.logdex("read-at", "--index=" + out, "--commit=" + commit, p);
        assertEquals(ExitCode.NOT_FOUND, read.code(), p + " at " + commit + ": " + read.out());
      }
    }
    BuildCliTest.Run c = BuildCliTest.logdex("read-at", "--index=" + out, "--commit=2", "a");
    assertEquals("{\"c\":3}", c.out().trim());
    // Before the compaction's commit, the old snapshot still answers.
    assertEquals("1", BuildCliTest.logdex("read-at", "--index=" + out, "--commit=0", "a.b").out().trim());
    // get reads the newest state: the compacted snapshot, where a.b is gone.
    assertEquals(ExitCode.NOT_FOUND, BuildCliTest.logdex("get", "--index=" + out, "a.b").code());
    assertEquals("2", BuildCliTest.logdex("get", "--index=" + out, "a.c").out().trim());
  }

  @Test
  void anEntryThatDoesNotFitFailsNamingItAndLeavesTheIndexAlone() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in-corrupt"));
    Path snap = Files.writeString(in.resolve("s.tony"), "{a: [1, 2], b: {c: 1}}\n");
    Path log = Files.writeString(in.resolve("c.tony"), String.join("\n",
        "{commit: 1, seq: 0, timestamp: \"2025-10-09T10:00:00Z\", diff: {b: {c: !replace {from: 1, to: 2}}}}",
        "{commit: 2, seq: 3, timestamp: \"2025-10-09T10:00:01Z\", diff: {a: !arraydiff {7: !delete 1}}}", ""));
    Path out = tmp.resolve("out-corrupt");
    assertEquals(0, BuildCliTest.logdex("build", "--snapshots=" + snap + "@0", "--oplogs=" + log, "--output=" + out)
        .code());
    String generation = BuildManifest.read(out).generation();
    BuildCliTest.Run r = BuildCliTest.logdex("compact", "--index=" + out, "--commit=2");
    assertEquals(ExitCode.BAD_INPUT, r.code(), r.out());
    assertTrue(r.err().contains("commit 2, seq 3") && r.err().contains("\"a\""), r.err());
    assertEquals(generation, BuildManifest.read(out).generation());
    try (var files = Files.list(out.resolve("compacted"))) {
      assertEquals(0, files.count(), "nothing left behind");
    }
    // Up to commit 1 everything fits.
    BuildCliTest.Run ok = BuildCliTest.logdex("compact", "--index=" + out, "--commit=1");
    assertEquals(ExitCode.OK, ok.code(), ok.err());
    assertEquals("{a: [1, 2], b: {c: 2}}\n", Files.readString(out.resolve("compacted/state-c1.tony")));
  }

  @Test
  void helpNamesTheOptions() {
    BuildCliTest.Run r = BuildCliTest.logdex("compact", "--help");
    assertEquals(ExitCode.OK, r.code());
    assertTrue((r.out() + r.err()).contains("--maxRoundDiffBytes"), r.out() + r.err());
    assertEquals(ExitCode.USAGE, BuildCliTest.logdex("compact", "--index=" + tmp, "--commit=1", "extra").code());
  }
}
