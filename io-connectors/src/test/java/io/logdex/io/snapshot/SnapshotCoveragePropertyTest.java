package io.logdex.io.snapshot;

import static io.logdex.io.snapshot.SnapshotFixtures.OPTIONS;
import static io.logdex.io.snapshot.SnapshotFixtures.readAll;
import static io.logdex.io.snapshot.SnapshotFixtures.records;
import static io.logdex.io.snapshot.SnapshotFixtures.utf8;
import static io.logdex.io.snapshot.SnapshotFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.logdex.format.path.KindedPath;
import io.logdex.format.token.DocumentMode;
import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.token.TokenizerOptions;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import io.logdex.format.tree.TreeParser;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * For random documents, the records cover every node the tokenizer reports: a node either has a
 * record at its path (with its exact offset and length), or exactly one sub-document is its
 * ancestor and walking that sub-document's bytes gives the same subtree as parsing the whole
 * document. Sub-documents are disjoint, fit the cap unless scalar, carry their exact bytes and are
 * maximal (their parent is a container record); container records are exactly the containers
 * over the cap, with their child counts.
 */
class SnapshotCoveragePropertyTest {
  @TempDir Path dir;

  /** A node as the tokenizer sees it. */
  private record TokNode(String path, long start, long end, boolean container) {}

  private static List<TokNode> nodes(byte[] b, TokenizerOptions options) throws Exception {
    List<TokNode> out = new ArrayList<>();
    Tokenizer t = Tokenizer.fromBytes(b, 0, b.length, "whole", options);
    ArrayDeque<Integer> open = new ArrayDeque<>();
    for (TokenKind k = t.next(); k != TokenKind.END_OF_INPUT; k = t.next()) {
      switch (k) {
        case BEGIN_OBJECT:
        case BEGIN_ARRAY:
          open.push(out.size());
          out.add(new TokNode(t.path(), t.nodeOffset(), -1, true));
          break;
        case END_OBJECT:
        case END_ARRAY: {
          int i = open.pop();
          TokNode n = out.get(i);
          assertEquals(n.start(), t.nodeOffset());
          out.set(i, new TokNode(n.path(), n.start(), t.offset() + 1, true));
          break;
        }
        case KEY:
        case TAG:
          break;
        default:
          out.add(new TokNode(t.path(), t.nodeOffset(), t.offset() + t.length(), false));
      }
    }
    return out;
  }

  private static Node wholeTree(byte[] b, TokenizerOptions options) throws Exception {
    Tokenizer t = Tokenizer.fromBytes(b, 0, b.length, "whole", options);
    if (options.documents() == DocumentMode.SINGLE) return TreeParser.parse(b);
    List<Node> docs = new ArrayList<>();
    for (Node n = TreeParser.nextDocument(t); n != null; n = TreeParser.nextDocument(t)) docs.add(n);
    return Node.array(docs);
  }

  private void check(String text, long cap, DocumentMode mode, String label) throws Exception {
    byte[] b = utf8(text);
    Path p = write(dir, label, b);
    SnapshotIO.Read read = SnapshotIO.read().from(p.toString()).withMaxSubDocumentBytes(cap)
        .withDocuments(mode).withSplitGranularity(64).withBufferSize(32);
    List<SnapshotItem> items = readAll(read);
    List<SnapshotRecord> rs = records(items);
    assertEquals(rs.size(), items.size(), "no dead letters on valid input");
    // The split reading, in order, is the same.
    List<SnapshotItem> split = new ArrayList<>();
    for (SnapshotFileSource s : read.source().split(200, OPTIONS)) {
      split.addAll(SourceTestUtils.readFromSource(s, OPTIONS));
    }
    assertEquals(items, split, label);

    TokenizerOptions options = TokenizerOptions.defaults().withDocuments(mode);
    List<TokNode> nodes = nodes(b, options);
    Node whole = wholeTree(b, options);
    Map<String, SnapshotRecord> byPath = new HashMap<>();
    long lastPosition = -1;
    long lastSubEnd = -1;
    for (SnapshotRecord r : rs) {
      assertTrue(r.position() >= lastPosition, () -> label + ": out of order at " + r);
      lastPosition = r.position();
      if (byPath.put(r.path(), r) != null) fail(label + ": two records at " + r.path());
      if (r.isSubDocument()) {
        assertTrue(r.offset() >= lastSubEnd, () -> label + ": overlapping sub-document " + r);
        lastSubEnd = r.end();
        assertTrue(r.length() <= cap || r.isScalar(), () -> label + ": too big " + r);
        assertArrayEquals(Arrays.copyOfRange(b, (int) r.offset(), (int) r.end()), r.bytes(), label);
        KindedPath kp = KindedPath.parse(r.path());
        boolean root = kp.isRoot() || (mode == DocumentMode.STREAM && kp.depth() == 1);
        if (!root) {
          SnapshotRecord parent = byPath.get(kp.parent().toString());
          // The parent's record comes later (at its closing bracket); checked below.
          assertTrue(parent == null || !parent.isSubDocument(), label);
        }
      } else {
        assertTrue(r.length() > cap, () -> label + ": container record that fits " + r);
      }
    }
    for (SnapshotRecord r : rs) {
      if (!r.isSubDocument()) continue;
      KindedPath kp = KindedPath.parse(r.path());
      boolean root = kp.isRoot() || (mode == DocumentMode.STREAM && kp.depth() == 1);
      if (!root) {
        SnapshotRecord parent = byPath.get(kp.parent().toString());
        assertNotNull(parent, () -> label + ": no record for the parent of " + r);
        assertTrue(!parent.isSubDocument(), () -> label + ": not maximal " + r);
      }
    }
    int covered = 0;
    for (TokNode n : nodes) {
      SnapshotRecord own = byPath.get(n.path());
      boolean big = n.end() - n.start() > cap;
      if (own != null) {
        assertEquals(n.start(), own.offset(), label + " " + n);
        assertEquals(n.end() - n.start(), own.length(), label + " " + n);
        assertEquals(big && n.container(), !own.isSubDocument(), label + " " + n);
        if (!own.isSubDocument()) {
          assertEquals(NodePaths.get(whole, KindedPath.parse(n.path())).size(), own.childCount());
        }
      } else {
        assertTrue(!big || !n.container(), () -> label + ": big container without record " + n);
      }
      // Exactly one sub-document at or above the node.
      KindedPath kp = KindedPath.parse(n.path());
      SnapshotRecord sub = null;
      int subs = 0;
      for (KindedPath a = kp; ; a = a.parent()) {
        SnapshotRecord r = byPath.get(a.toString());
        if (r != null && r.isSubDocument()) {
          subs++;
          sub = r;
        }
        if (a.isRoot()) break;
      }
      if (big && n.container()) {
        assertEquals(0, subs, label + " " + n);
        continue;
      }
      assertEquals(1, subs, () -> label + ": sub-documents above " + n);
      Node expected = NodePaths.get(whole, kp);
      Node viaSub = NodePaths.get(sub.parse(), kp.relativeTo(KindedPath.parse(sub.path())));
      assertEquals(expected, viaSub, () -> label + ": " + n);
      covered++;
    }
    assertTrue(covered > 0, label);
  }

  @Test
  void everyNodeIsReachedForRandomDocuments() throws Exception {
    Random seeds = new Random(2024);
    for (int i = 0; i < 60; i++) {
      long seed = seeds.nextLong();
      boolean tony = i % 2 == 1;
      SnapshotFixtures.Docs docs = new SnapshotFixtures.Docs(seed, tony, 1 + i % 5, 2 + i % 6);
      long cap = 4 + docs.random().nextInt(i % 3 == 0 ? 30 : 300);
      boolean stream = i % 4 == 3;
      String text = stream ? docs.stream(1 + i % 7) : docs.document(50 + (i * 37) % 800);
      check(text, cap, stream ? DocumentMode.STREAM : DocumentMode.SINGLE,
          "doc" + i + "-" + seed + "-cap" + cap + (tony ? ".tony" : ".json"));
    }
  }

  @Test
  void handPickedEdges() throws Exception {
    check("{a b c: !t, d: |, e: [>-, '|'], f: \"" + "z".repeat(40) + "\"}", 6, DocumentMode.SINGLE,
        "literals.tony");
    check("[[[[[[1]]]]],[[[[[2]]]]]]", 3, DocumentMode.SINGLE, "nested.json");
    check("{}\n[]\n{\"a\":{}}\n!t []\n", 2, DocumentMode.STREAM, "empties.tony");
    check("{0: {1: {2: x}}, 4294967295: y, \"4294967296\": z}", 5, DocumentMode.SINGLE,
        "sparse.tony");
  }
}
