package io.logdex.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.history.DiffKind;
import io.logdex.format.index.Hit;
import io.logdex.format.index.Query;
import io.logdex.format.log.LogEntry;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One build of the samples (plus a file with injected bad lines), checked against brute force. */
class BuildIndexTest {
  @TempDir static Path tmp;
  static Path out;
  static List<Long> badOffsets = new ArrayList<>();
  static BuildPlan plan;

  @BeforeAll
  static void build() throws Exception {
    Path in = tmp.resolve("in");
    Builds.copySample("commits.jsonl", in);
    Builds.copySample("commits.tony", in);
    Builds.copySample("ops.tsv.zst", in);
    // ops.jsonl with three bad lines injected: not JSON, an unknown s3dlio op, not an object.
    List<String> lines = Files.readAllLines(Builds.sample("ops.jsonl"), StandardCharsets.UTF_8);
    String[] bad = {
      "this is not json",
      lines.get(3).replace("\"op\":\"", "\"op\":\"BOGUS_"),
      "[1, 2, 3]"
    };
    StringBuilder sb = new StringBuilder();
    int[] at = {10, 100, 200};
    int b = 0;
    for (int i = 0; i < lines.size(); i++) {
      if (b < at.length && i == at[b]) {
        badOffsets.add((long) sb.toString().getBytes(StandardCharsets.UTF_8).length);
        sb.append(bad[b++]).append('\n');
      }
      sb.append(lines.get(i)).append('\n');
    }
    Files.writeString(in.resolve("ops-bad.jsonl"), sb.toString());
    out = tmp.resolve("out");
    plan = Builds.run(
        BuildConfig.of(List.of(in + "/*.jsonl", in + "/*.zst", in + "/*.tony"), out.toString()).withChunkBytes(16 * 1024)
            // 3 bad records of 253 in ops-bad.jsonl: over the default 1%, within this build's 2%.
            .withFailurePolicy(new FailurePolicy(-1, 0.02)),
        Builds.direct(2));
  }

  @Test
  void manifestCountsEveryRecordAndChunk() throws Exception {
    BuildManifest m = BuildManifest.read(out);
    assertEquals("g000001", m.generation());
    assertEquals(4, m.inputs().size());
    assertEquals(List.of("commits.jsonl", "commits.tony", "ops-bad.jsonl", "ops.tsv.zst"),
        m.inputs().stream().map(i -> Path.of(i.path()).getFileName().toString()).toList());
    assertEquals(200 + 200 + 253 + 2000, m.count("inputRecords"));
    assertEquals(3, m.count("badRecords"));
    assertEquals(plan.chunks().size(), m.chunks().size());
    // commits.jsonl (76 KB) in 16 KiB chunks; ops.tsv.zst is one zstd frame of 103 KB: split in
    // StreamSplits.MAX_SPLITS chunks.
    assertEquals(5, m.chunks().stream().filter(c -> c.input() == 0).count());
    assertEquals(4, m.chunks().stream().filter(c -> c.input() == 3).count());
    long entries = m.chunks().stream().mapToLong(ChunkSummary::entries).sum();
    assertEquals(entries, m.count("entries"));
    assertEquals(entries, m.count("docs"));
    assertEquals(1999, m.maxCommit());
    for (InputSummary i : m.inputs()) {
      assertEquals(InputChecksums.ofLocal(Path.of(i.path())), i.crc32c());
    }
    for (ChunkSummary c : m.chunks()) {
      if (c.log() == null) continue;
      Path log = m.generationDir(out).resolve(c.log());
      assertEquals(Files.size(log), c.logBytes());
      assertEquals(InputChecksums.ofLocal(log), c.logCrc32c());
    }
    // Runs and temporary files are gone; only logs, dead letters and the index remain.
    assertFalse(Files.exists(m.generationDir(out).resolve(BuildPlan.TMP_DIR)));
    assertFalse(Files.exists(out.resolve(ScratchDir.DEFAULT)), "the default scratch base is gone too");
  }

  @Test
  void deadLettersNameEveryBadLine() throws Exception {
    BuildManifest m = BuildManifest.read(out);
    List<Long> seen = new ArrayList<>();
    for (ChunkSummary c : m.chunks()) {
      if (c.deadLetters() == null) {
        assertEquals(0, c.badRecords());
        continue;
      }
      List<String> lines = Files.readAllLines(m.generationDir(out).resolve(c.deadLetters()));
      assertEquals(c.badRecords(), lines.size());
      for (String l : lines) {
        Node n = TreeParser.parse(l);
        assertTrue(n.get("file").text().endsWith("ops-bad.jsonl"));
        assertFalse(n.get("reason").text().isEmpty());
        seen.add(n.get("offset").longValue());
      }
    }
    seen.sort(null);
    assertEquals(badOffsets, seen);
  }

  @Test
  void searchMatchesBruteForce() throws Exception {
    List<BruteForce.Doc> docs = BruteForce.docs(out);
    assertEquals(BuildManifest.read(out).count("entries"), docs.size());
    List<Query> queries = List.of(
        Query.parse("op:GET"),
        Query.parse("gs"),
        Query.parse("op:PUT OR op:DELETE"),
        Query.parse("op:GET -gs"),
        Query.parse("trace"),
        Query.parse("commit:5"),
        Query.parse("commit:[3 TO 40} -op:GET"),
        Query.parse("bytes:>=67108864 OR duration_ns:<1000000"),
        Query.parse("start:[2025-10-09T10:43:00Z TO 2025-10-09T10:44:00.5Z] -op:PUT"),
        Query.parse("timestamp:<2025-10-09T10:48:00Z trace"),
        Query.parse("sai3 agent 05"),
        Query.parse("-op:GET"),
        Query.parse("canary OR (op:HEAD -direct)"),
        Query.parse("nosuchwordanywhere"),
        BruteForce.pathTerm("op"), // none: s3dlio operations carry no path terms
        BruteForce.pathTerm("namespaces"));
    try (BuildOutput o = BuildOutput.open(out)) {
      for (Query q : queries) {
        Set<String> expected = new HashSet<>();
        for (BruteForce.Doc d : docs) if (BruteForce.matches(q, d.terms())) expected.add(BruteForce.key(d.source(), d.position()));
        List<Hit> hits = o.index().search(q, Integer.MAX_VALUE);
        Set<String> got = new HashSet<>();
        for (Hit h : hits) {
          got.add(BruteForce.key(h.record().sourceId(), h.record().offset()));
          LogEntry e = o.entry(h.record());
          assertEquals(e.commit(), h.record().commit());
          assertEquals(e.seq(), h.record().seq());
        }
        assertEquals(hits.size(), got.size(), "duplicate hits for " + q);
        assertEquals(expected, got, "query " + q);
        assertEquals(expected.size(), o.index().count(q), "count of " + q);
      }
      // The queries are not vacuous.
      assertTrue(o.index().count(Query.parse("op:GET")) > 100);
      assertTrue(o.index().count(Query.parse("trace")) > 0);
    }
  }

  @Test
  void pathPayloadsPointAtTheEntry() throws Exception {
    try (BuildOutput o = BuildOutput.open(out)) {
      var it = o.index().postings(io.logdex.format.index.Terms.path("namespaces"));
      int n = 0;
      long[] payload = new long[3];
      for (long d = it.nextDoc(); d != io.logdex.format.index.DocIdIterator.NO_MORE_DOCS && n < 50; d = it.nextDoc(), n++) {
        assertEquals(3, it.payload(payload));
        var rec = o.index().docRecord(d);
        assertEquals(rec.commit(), payload[0]);
        assertEquals(rec.seq(), payload[1]);
        assertEquals(rec.offset(), payload[2]);
      }
      assertTrue(n > 0);
    }
  }

  @Test
  void sameCommitEntriesMergeWithoutChangingState() throws Exception {
    assertMergedStateEquals(0, "commits.jsonl", DiffKind.MERGE_PATCH);
    assertMergedStateEquals(1, "commits.tony", DiffKind.TONY);
  }

  private static void assertMergedStateEquals(int input, String sample, DiffKind kind) throws Exception {
    BuildManifest m = BuildManifest.read(out);
    List<LogEntry> entries = BruteForce.entriesOfInput(BruteForce.docs(out), m, input);
    Node fromLog = Node.emptyObject();
    for (LogEntry e : entries) fromLog = kind.apply(fromLog, e.diff());
    Node fromInput = Node.emptyObject();
    int records = 0;
    for (String line : Files.readAllLines(Builds.sample(sample))) {
      fromInput = kind.apply(fromInput, TreeParser.parse(line).get("diff"));
      records++;
    }
    assertEquals(fromInput, fromLog, sample);
    assertTrue(entries.size() < records, "consecutive same-commit entries were merged");
    for (int i = 1; i < entries.size(); i++) {
      LogEntry a = entries.get(i - 1);
      LogEntry b = entries.get(i);
      assertTrue(a.commit() < b.commit() || (a.commit() == b.commit() && a.seq() < b.seq()), "ordered");
    }
  }
}
