package io.logdex.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.index.DocIdIterator;
import io.logdex.format.index.DocRecord;
import io.logdex.format.index.Hit;
import io.logdex.format.index.PostingsIterator;
import io.logdex.format.index.Query;
import io.logdex.format.index.TermCursor;
import io.logdex.format.index.Terms;
import io.logdex.format.path.KindedPath;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import io.logdex.format.tree.TreeParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Snapshots indexed in place beside op-logs, and carried through an incremental build. */
class SnapshotBuildTest {
  @TempDir Path tmp;

  /**
   * Every snapshot sub-document with its node. Container records (nodes over the cap, which carry
   * only their path term) are left out; every doc must be the exact bytes of one value.
   */
  private static List<Object[]> snapshotDocs(BuildOutput o, int cap) throws Exception {
    List<Object[]> docs = new ArrayList<>();
    for (Hit h : o.index().search(Query.parse("-zzqqxxnotaword"), Integer.MAX_VALUE)) {
      DocRecord r = h.record();
      if (!o.isSnapshot(r.sourceId())) continue;
      Node n = o.snapshotNode(r, 1 << 20);
      assertNotNull(n);
      if (r.length() <= cap || !n.isContainer()) docs.add(new Object[] {r, n});
      else assertEquals(0, r.wordCount(), "a container record has no words of its own");
    }
    return docs;
  }

  private static Set<String> words(Node n) {
    Set<String> out = new HashSet<>();
    java.util.ArrayDeque<Node> stack = new java.util.ArrayDeque<>();
    stack.push(n);
    while (!stack.isEmpty()) {
      Node x = stack.pop();
      if (x.kind() == Node.Kind.STRING || x.kind() == Node.Kind.LITERAL) io.logdex.format.index.Words.forEach(x.text(), out::add);
      x.children().forEach(stack::push);
    }
    return out;
  }

  @Test
  void snapshotsAreIndexedBySubDocumentBesideOpLogs() throws Exception {
    Path in = tmp.resolve("in");
    Path json = Builds.copySample("cluster-state.json", in);
    Path tony = Builds.copySample("cluster-state.tony", in);
    Builds.copySample("commits.jsonl", in);
    Path out = tmp.resolve("out");
    BuildConfig c = BuildConfig.of(List.of(in + "/commits.jsonl"), out.toString())
        .withSnapshots(List.of(in + "/cluster-state.*@0"))
        .withChunkBytes(16 * 1024)
        .withMaxSubDocumentBytes(2048);
    Builds.run(c, Builds.direct(2));
    BuildManifest m = BuildManifest.read(out);
    assertEquals(List.of("snapshot", "snapshot", "oplog"), m.inputs().stream().map(InputSummary::kind).toList());
    assertEquals(0, m.inputs().get(0).commit());
    assertTrue(m.count("subDocuments") > 10, "sub-documents " + m.count("subDocuments"));
    assertTrue(m.chunks().stream().filter(x -> x.input() == 0).count() > 1, "the JSON snapshot is split");
    assertEquals(m.count("docs"), m.count("entries") + m.count("subDocuments"));

    Node whole = TreeParser.parse(Files.readAllBytes(json));
    try (BuildOutput o = BuildOutput.open(out)) {
      // Every snapshot doc is the exact bytes of a node of the snapshot, and a word query over
      // them matches a scan of their words.
      List<Object[]> docs = snapshotDocs(o, 2048);
      assertTrue(docs.size() > 10);
      for (String w : List.of("produktionscluster", "wednesday", "eu", "payments")) {
        Set<String> expected = new HashSet<>();
        for (Object[] d : docs) {
          if (d[1] != null && words((Node) d[1]).contains(w)) expected.add(((DocRecord) d[0]).sourceId() + "@" + ((DocRecord) d[0]).offset());
        }
        Set<String> got = new HashSet<>();
        for (Hit h : o.index().search(Query.parse(w), Integer.MAX_VALUE)) {
          if (o.isSnapshot(h.record().sourceId())) got.add(h.record().sourceId() + "@" + h.record().offset());
        }
        assertEquals(expected, got, w);
        assertTrue(!expected.isEmpty(), w);
      }
      // Path terms are sparse (FORMAT.md, "Terms"): each one kept carries its own node's
      // (offset, length), inside its record, and those bytes are that node; a small scalar near
      // its parent's start, such as cluster.name, has none in a snapshot.
      PostingsIterator name = o.index().postings(Terms.path("cluster.name"));
      for (long d = name == null ? DocIdIterator.NO_MORE_DOCS : name.nextDoc(); d != DocIdIterator.NO_MORE_DOCS; d = name.nextDoc()) {
        assertFalse(o.isSnapshot(o.index().docRecord(d).sourceId()), "cluster.name has no snapshot term");
      }
      byte[] jsonBytes = Files.readAllBytes(json);
      TermCursor paths = o.index().pathsWithPrefix("");
      int seen = 0;
      long[] payload = new long[3];
      while (paths.next()) {
        KindedPath p = KindedPath.parse(Terms.text(paths.term()));
        PostingsIterator it = paths.postings();
        for (long d = it.nextDoc(); d != DocIdIterator.NO_MORE_DOCS; d = it.nextDoc()) {
          DocRecord r = o.index().docRecord(d);
          if (!o.isSnapshot(r.sourceId())) continue;
          assertEquals(2, it.payload(payload), p.toString());
          assertTrue(payload[0] >= r.offset() && payload[0] + payload[1] <= r.offset() + r.length(), p.toString());
          assertEquals(0, r.commit());
          if (!o.sourceName(r.sourceId()).endsWith("cluster-state.json")) continue;
          assertEquals(NodePaths.get(whole, p),
              TreeParser.parse(jsonBytes, (int) payload[0], (int) payload[1], "cluster-state.json"), p.toString());
          seen++;
        }
      }
      assertTrue(seen > 10, "snapshot path terms: " + seen);
      assertEquals("prod-eu-1", NodePaths.get(whole, KindedPath.parse("cluster.name")).text());
      assertEquals(2, o.index().count(Query.parse("name:prod-eu-1")), "a top-level scalar field of the cluster sub-document");
    }

    // An incremental build with a new op-log keeps the snapshot documents under the same ids.
    Map<String, byte[]> before = Builds.files(m.generationDir(out).resolve("index"));
    List<String> lines = Files.readAllLines(Builds.sample("commits.jsonl"));
    Files.write(in.resolve("more.jsonl"), List.of(lines.get(199).replace("\"commit\":" + TreeParser.parse(lines.get(199)).get("commit").text(), "\"commit\":100000")));
    Builds.run(BuildConfig.of(List.of(in + "/*.jsonl"), out.toString()).withChunkBytes(16 * 1024), Builds.direct(2));
    BuildManifest m2 = BuildManifest.read(out);
    assertEquals(m.count("subDocuments"), m2.count("subDocuments"));
    assertEquals(m.count("docs") + 1, m2.count("docs"));
    assertEquals(100000, m2.maxCommit());
    try (BuildOutput o = BuildOutput.open(out)) {
      assertEquals(2, o.index().count(Query.parse("name:prod-eu-1")));
      assertEquals(1, o.index().count(Query.parse("commit:100000")));
    }
    assertTrue(!before.isEmpty());
  }
}
