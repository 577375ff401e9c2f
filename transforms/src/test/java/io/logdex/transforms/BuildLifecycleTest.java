package io.logdex.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import io.logdex.format.index.Hit;
import io.logdex.format.index.Query;
import io.logdex.format.log.LogCompression;
import io.logdex.format.tree.MergePatch;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import io.logdex.io.oplog.BadRecordPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Determinism, incremental builds and crash safety of the output's generations. */
class BuildLifecycleTest {
  @TempDir Path tmp;

  /** commits.jsonl cut in two: lines [0, split) and [split, 200). */
  private Path[] commitHalves(int split) throws Exception {
    List<String> lines = Files.readAllLines(Builds.sample("commits.jsonl"));
    Path in = Files.createDirectories(tmp.resolve("in"));
    Path a = Files.write(in.resolve("commits-a.jsonl"), lines.subList(0, split));
    Path b = Files.write(in.resolve("commits-b.jsonl"), lines.subList(split, lines.size()));
    return new Path[] {a, b};
  }

  private static List<String> hitKeys(Path out, String query) throws Exception {
    try (BuildOutput o = BuildOutput.open(out)) {
      List<String> keys = new ArrayList<>();
      for (Hit h : o.index().search(Query.parse(query), Integer.MAX_VALUE)) {
        keys.add(o.logName(h.record().sourceId()) + "@" + h.record().offset() + " " + o.entry(h.record()));
      }
      return keys;
    }
  }

  static void assertSameOutput(Path a, Path b) throws Exception {
    BuildManifest ma = BuildManifest.read(a);
    BuildManifest mb = BuildManifest.read(b);
    Map<String, byte[]> fa = Builds.files(ma.generationDir(a));
    Map<String, byte[]> fb = Builds.files(mb.generationDir(b));
    assertEquals(fa.keySet(), fb.keySet());
    // The typed columns are among the files compared (their column runs are merged by docId).
    assertTrue(fa.keySet().stream().anyMatch(k -> k.endsWith("typed.cols")), fa.keySet().toString());
    for (String name : fa.keySet()) assertArrayEquals(fa.get(name), fb.get(name), name);
    assertEquals(withoutRunMembers(ma.node()), withoutRunMembers(mb.node()));
  }

  private static Node withoutRunMembers(Node n) {
    for (String m : BuildManifest.RUN_MEMBERS) n = n.withoutField(io.logdex.format.tree.NodeKey.field(m));
    return n;
  }

  @Test
  void sameBytesWhateverTheParallelism() throws Exception {
    Path in = tmp.resolve("in");
    Builds.copySample("commits.jsonl", in);
    Builds.copySample("ops.jsonl", in);
    BuildConfig base = BuildConfig.of(List.of(in + "/*"), "").withChunkBytes(24 * 1024)
        .withPartitions(3).withSpillBudgetBytes(64 * 1024).withMergeFanIn(2);
    Path one = tmp.resolve("one");
    Path four = tmp.resolve("four");
    Builds.run(withOutput(base, one), Builds.direct(1));
    Builds.run(withOutput(base, four).withSpillBudgetBytes(1 << 20).withMergeFanIn(64), Builds.direct(4));
    assertSameOutput(one, four);
    assertEquals(3, BuildManifest.read(one).partitions());
    // The small budget really spilled several runs per partition (so fan-in 2 merged in passes).
    Path probe = tmp.resolve("probe");
    BuildPlan plan = BuildPlanner.plan(withOutput(base, probe), Builds.direct(1));
    ChunkIngester.Result r = new ChunkIngester(plan, plan.chunks().get(0)).run(Builds.direct(1));
    assertTrue(r.runs().size() > 3 * 3, "runs " + r.runs().size());
  }

  static BuildConfig withOutput(BuildConfig c, Path out) {
    return new BuildConfig(c.oplogs(), c.snapshots(), out.toString(), c.chunkBytes(), c.partitions(),
        c.maxSubDocumentBytes(), c.spillBudgetBytes(), c.mergeFanIn(), c.badRecords(), c.failure(), c.logCompression(), c.runner(),
        Map.of("output", out.toString()));
  }

  @Test
  void incrementalBuildAddsOnlyNewerCommitsAndKeepsTheOld() throws Exception {
    Path[] halves = commitHalves(120);
    Path out = tmp.resolve("out");
    BuildConfig first = BuildConfig.of(List.of(halves[0].toString()), out.toString()).withChunkBytes(16 * 1024);
    Builds.run(first, Builds.direct(2));
    BuildManifest m1 = BuildManifest.read(out);
    long max1 = m1.maxCommit();
    // An overlapping file: its first 20 lines repeat commits the output already holds.
    List<String> lines = Files.readAllLines(Builds.sample("commits.jsonl"));
    Path overlap = Files.write(tmp.resolve("in/commits-overlap.jsonl"), lines.subList(100, 200));
    BuildConfig second = BuildConfig.of(
        List.of(halves[0].toString(), overlap.toString()), out.toString()).withChunkBytes(16 * 1024);
    BuildPlan plan2 = Builds.run(second, Builds.direct(2));
    BuildManifest m2 = BuildManifest.read(out);
    assertEquals("g000002", m2.generation());
    assertTrue(plan2.incremental());
    assertTrue(Files.exists(out.resolve("g000001")), "the previous generation is retained for its readers");
    assertEquals(List.of("g000001"), m2.retained());
    // commits-a was read before (same path, size, checksum): not an input again.
    assertEquals(2, m2.inputs().size());
    assertTrue(m2.count("skipped") > 0, "lines at or below maxCommit " + max1 + " are skipped");
    assertTrue(m2.maxCommit() > max1);
    // The state from all logs equals the state from the whole input.
    Node fromLogs = Node.emptyObject();
    List<BruteForce.Doc> docs = BruteForce.docs(out);
    docs.sort((x, y) -> x.entry().commit() != y.entry().commit()
        ? Long.compare(x.entry().commit(), y.entry().commit()) : Long.compare(x.entry().seq(), y.entry().seq()));
    for (BruteForce.Doc d : docs) fromLogs = MergePatch.apply(fromLogs, d.entry().diff());
    Node fromInput = Node.emptyObject();
    for (String l : lines) fromInput = MergePatch.apply(fromInput, TreeParser.parse(l).get("diff"));
    assertEquals(fromInput, fromLogs);
    // Entries of both builds are searchable, and doc counts add up.
    assertEquals(m1.count("entries") + m2.chunks().stream().filter(c -> c.input() == 1).mapToLong(ChunkSummary::entries).sum(),
        m2.count("docs"));
    assertEquals(m2.count("docs"), docs.size());
    try (BuildOutput o = BuildOutput.open(out)) {
      assertEquals(1, o.index().count(Query.parse("commit:" + m2.maxCommit())));
      assertTrue(o.index().count(Query.parse("commit:1")) >= 1);
    }
  }

  @Test
  void failedBuildLeavesThePreviousOutputIntact() throws Exception {
    Path in = tmp.resolve("in");
    Builds.copySample("ops.jsonl", in);
    Path out = tmp.resolve("out");
    Builds.run(BuildConfig.of(List.of(in + "/ops.jsonl"), out.toString()).withChunkBytes(16 * 1024), Builds.direct(2));
    List<String> before = hitKeys(out, "op:GET");
    Map<String, byte[]> filesBefore = Builds.files(out);
    assertFalse(before.isEmpty());

    // A later input with a bad line, and --badRecords=fail: the job fails midway.
    List<String> lines = new ArrayList<>(Files.readAllLines(Builds.sample("ops.jsonl")));
    // Commits above the first build's (idx + 1000), and line 150 an s3dlio row with an unknown op.
    for (int i = 0; i < lines.size(); i++) lines.set(i, lines.get(i).replace("{\"idx\":", "{\"idx\":1"));
    lines.set(150, "{\"idx\": 5000, \"op\": \"NOT_AN_OP\"}");
    Files.write(in.resolve("ops-2.jsonl"), lines);
    BuildConfig failing = BuildConfig.of(List.of(in + "/*.jsonl"), out.toString())
        .withChunkBytes(16 * 1024).withBadRecords(BadRecordPolicy.FAIL);
    Throwable t = assertThrows(Throwable.class, () -> Builds.run(failing, Builds.direct(2)));
    Throwable root = t;
    while (!(root instanceof FormatException) && root.getCause() != null) root = root.getCause();
    assertTrue(root instanceof FormatException, "caused by " + t);
    assertTrue(root.getMessage().contains("ops-2.jsonl"), root.getMessage());
    assertTrue(((FormatException) root).offset() > 0);

    Builds.awaitQuiet(out.resolve("g000002"));
    // Everything the old generation had is still there and byte-identical; the stray g000002 stays
    // until the next build starts.
    assertEquals("g000001", BuildManifest.currentGeneration(out));
    Map<String, byte[]> filesAfter = Builds.files(out);
    for (Map.Entry<String, byte[]> e : filesBefore.entrySet()) assertArrayEquals(e.getValue(), filesAfter.get(e.getKey()), e.getKey());
    assertTrue(Files.isDirectory(out.resolve("g000002")));
    assertEquals(before, hitKeys(out, "op:GET"));

    // The next (good) build removes the stray directory, then commits g000002 over g000001.
    Builds.run(BuildConfig.of(List.of(in + "/*.jsonl"), out.toString()).withChunkBytes(16 * 1024), Builds.direct(2));
    BuildManifest m = BuildManifest.read(out);
    assertEquals("g000002", m.generation());
    assertEquals(1, m.count("badRecords"));
    assertEquals(List.of("g000001"), m.retained(), "the previous generation stays for its readers");
    assertFalse(Files.exists(out.resolve(PendingBuild.FILE)));
    assertTrue(hitKeys(out, "op:GET").size() > before.size());
  }

  @Test
  void compressedLogsHoldTheSameEntriesAtTheSamePositions() throws Exception {
    Path in = tmp.resolve("in");
    Builds.copySample("commits.jsonl", in);
    Path plain = tmp.resolve("plain");
    Path zstd = tmp.resolve("zstd");
    // zstd is the default; the plain build opts out.
    BuildConfig c = BuildConfig.of(List.of(in + "/*"), zstd.toString()).withChunkBytes(32 * 1024);
    assertEquals(LogCompression.ZSTD, c.logCompression());
    Builds.run(c, Builds.direct(2));
    Builds.run(withOutput(c, plain).withLogCompression(LogCompression.NONE), Builds.direct(2));
    assertEquals(hitKeys(plain, "trace OR canary").size(), hitKeys(zstd, "trace OR canary").size());
    List<String> a = hitKeys(plain, "trace OR canary").stream().map(s -> s.substring(s.indexOf('@'))).toList();
    List<String> b = hitKeys(zstd, "trace OR canary").stream().map(s -> s.substring(s.indexOf('@'))).toList();
    assertEquals(a, b);
    // Index files are identical too: positions are uncompressed offsets.
    Map<String, byte[]> ia = Builds.files(BuildManifest.read(plain).generationDir(plain).resolve("index"));
    Map<String, byte[]> ib = Builds.files(BuildManifest.read(zstd).generationDir(zstd).resolve("index"));
    for (String n : ia.keySet()) assertArrayEquals(ia.get(n), ib.get(n), n);
    BuildManifest mz = BuildManifest.read(zstd);
    byte[] head = Files.readAllBytes(mz.generationDir(zstd).resolve(mz.chunks().get(0).log()));
    assertEquals((byte) 0x28, head[0]);
    BuildManifest mp = BuildManifest.read(plain);
    byte[] plainHead = Files.readAllBytes(mp.generationDir(plain).resolve(mp.chunks().get(0).log()));
    assertTrue(plainHead[0] != (byte) 0x28);
  }
}
