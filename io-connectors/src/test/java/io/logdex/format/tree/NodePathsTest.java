package io.logdex.format.tree;

import static io.logdex.format.tree.NodePathsTestTrees.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.path.KindedPath;
import io.logdex.format.path.PathSegment;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NodePathsTest {
  private static KindedPath p(String s) {
    return KindedPath.parse(s);
  }

  private static List<String> paths(Node root) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<KindedPath, Node> e : NodePaths.extractAll(root)) out.add(e.getKey().toString());
    return out;
  }

  @Test
  void extractAllReportsWhatTheReferenceReports() {
    assertEquals(List.of("a", "a.b"), paths(t("{a: {b: \"value\"}}")));
    assertEquals(List.of("[0]", "[1]", "[2]"), paths(t("[\"a\",\"b\",\"c\"]")));
    assertEquals(List.of("{0}", "{1}"), paths(t("{0:\"a\",1:\"b\"}")));
    assertEquals(List.of("[0]", "[0]{0}", "[0]{1}"), paths(t("[{0:\"a\",1:\"b\"}]")));
    assertEquals(List.of("key", "key{0}", "key{1}"), paths(t("{\"key\":{0:\"a\",1:\"b\"}}")));
    assertEquals(List.of("a", "a.b", "a.c"), paths(t("{a: {b: 1, c: 2}}")));
    assertEquals(List.of(), paths(t("{}")));
    assertEquals(List.of(), paths(t("5")));
    assertEquals(List.of(), paths(null));
  }

  @Test
  void keyedArrayElementsAreAddressedByKey() {
    Node doc = t("{items: !key(sku) [{sku: 'W-1', qty: 2}, {sku: 'G-2'}, {qty: 9}, {sku: 'W-1'},"
        + " {sku: {x: 1}}, {sku: 7}]}");
    assertEquals(
        List.of("items", "items(W-1)", "items(W-1).sku", "items(W-1).qty", "items(G-2)",
            "items(G-2).sku", "items[2]", "items[2].qty", "items[3]", "items[3].sku", "items[4]",
            "items[4].sku", "items[4].sku.x", "items(\"7\")", "items(\"7\").sku"),
        paths(doc));
    assertEquals(t("{sku: 'W-1', qty: 2}"), NodePaths.get(doc, p("items(W-1)")));
    assertEquals(t("2"), NodePaths.get(doc, p("items(W-1).qty")));
    assertEquals(t("{sku: 7}"), NodePaths.get(doc, p("items(7)")));
    assertNull(NodePaths.get(doc, p("items(nope)")));
    // The key path may reach into the element.
    Node nested = t("!key(meta.name) [{meta: {name: a}, v: 1}, {meta: {name: b}, v: 2}]");
    assertEquals(List.of("(a)", "(a).meta", "(a).meta.name", "(a).v", "(b)", "(b).meta",
        "(b).meta.name", "(b).v"), paths(nested));
    assertEquals(t("2"), NodePaths.get(nested, p("(b).v")));
    // Without a !key tag the key field is unknown.
    assertNull(NodePaths.get(t("[{sku: a}]"), p("(a)")));
    assertEquals(List.of("[0]", "[0].sku"), paths(t("[{sku: a}]")));
    // A key path that is not a plain path leaves the array unkeyed.
    assertEquals(List.of("[0]", "[0].sku"), paths(t("!key(a[*]) [{sku: a}]")));
  }

  @Test
  void getFollowsEachKindOfSegment() {
    Node doc = t("{data: [{users: !key(name) [{name: jane, settings: {0: off, 1: on}}]}],"
        + " 'field name': {value: 3}, \"0\": zero, 0: sparse}");
    assertEquals(t("on"), NodePaths.get(doc, p("data[0].users(jane).settings{1}")));
    assertEquals(t("3"), NodePaths.get(doc, p("'field name'.value")));
    assertEquals(t("zero"), NodePaths.get(doc, p("\"0\"")));
    assertEquals(t("sparse"), NodePaths.get(doc, p("{0}")));
    assertSame(doc, NodePaths.get(doc, KindedPath.ROOT));
    assertNull(NodePaths.get(doc, p("data[1]")));
    assertNull(NodePaths.get(doc, p("data.x")));
    assertNull(NodePaths.get(doc, p("data{0}")));
    assertNull(NodePaths.get(doc, p("\"field name\"[0]")));
    assertNull(NodePaths.get(doc, p("nope.deeper.still")));
    assertNull(NodePaths.get(doc, p("[0]")));
    assertNull(NodePaths.get(doc, p("data[9223372036854775807]")));
    assertNull(NodePaths.get(null, p("a")));
    assertThrows(IllegalArgumentException.class, () -> NodePaths.get(doc, p("data[*]")));
  }

  @Test
  void everyExtractedPathGetsItsOwnSubtree() {
    Random r = new Random(42);
    for (int iter = 0; iter < 2000; iter++) {
      Node root = NodePathsTestTrees.TREES.random(r, 5);
      List<Map.Entry<KindedPath, Node>> all = NodePaths.extractAll(root);
      HashSet<KindedPath> seen = new HashSet<>();
      List<Node> expectOrder = new ArrayList<>();
      preorder(root, expectOrder);
      assertEquals(expectOrder.size(), all.size());
      for (int k = 0; k < all.size(); k++) {
        KindedPath path = all.get(k).getKey();
        Node node = all.get(k).getValue();
        assertSame(expectOrder.get(k), node, "document order at " + path);
        assertTrue(seen.add(path), "path reported twice: " + path);
        assertSame(node, NodePaths.get(root, path), path.toString());
        assertEquals(path, KindedPath.parse(path.toString()));
        if (path.depth() > 1) assertTrue(seen.contains(path.parent()), "parent first: " + path);
      }
    }
  }

  /** Document order, written recursively as the obvious reference. */
  private static void preorder(Node n, List<Node> out) {
    for (Node c : n.children()) {
      out.add(c);
      preorder(c, out);
    }
  }

  @Test
  void setThenGetAndRemoveOnRandomTrees() {
    Random r = new Random(4242);
    Node marker = t("!marker {m: 1}");
    for (int iter = 0; iter < 1000; iter++) {
      Node root = NodePathsTestTrees.TREES.random(r, 4);
      for (Map.Entry<KindedPath, Node> e : NodePaths.extractAll(root)) {
        KindedPath path = e.getKey();
        assertEquals(root, NodePaths.set(root, path, e.getValue()), "set to itself: " + path);

        Node v = marker;
        if (path.lastSegment() instanceof PathSegment.Keyed) {
          v = marker.withField(NodeKey.field("id"), e.getValue().get("id"));
        }
        Node replaced = NodePaths.set(root, path, v);
        if (!changesAKey(path)) assertSame(v, NodePaths.get(replaced, path), path.toString());
        for (Map.Entry<KindedPath, Node> other : NodePaths.extractAll(root)) {
          KindedPath o = other.getKey();
          if (!path.isPrefixOf(o) && !o.isPrefixOf(path) && !isKeyPathUnder(path, o)) {
            assertEquals(other.getValue(), NodePaths.get(replaced, other.getKey()),
                "set " + path + " disturbed " + other.getKey());
          }
        }

        if (changesAKey(path)) continue; // the parent is then no longer found by its key
        Node removed = NodePaths.remove(root, path);
        Node parentBefore = NodePaths.get(root, path.parent());
        Node parentAfter = NodePaths.get(removed, path.parent());
        assertEquals(parentBefore.size() - 1, parentAfter.size(), "remove " + path);
        assertEquals(parentBefore.tag(), parentAfter.tag());
        PathSegment last = path.lastSegment();
        if (last instanceof PathSegment.Field || last instanceof PathSegment.Sparse) {
          assertNull(NodePaths.get(removed, path));
          assertEquals(root, NodePaths.set(removed, path, e.getValue()).equals(root)
              ? root : reorderedInsert(root, path, e.getValue(), removed));
        }
      }
    }
  }

  // When a field other than the last is removed and set again, it comes back at the end.
  private static Node reorderedInsert(Node root, KindedPath path, Node v, Node removed) {
    Node back = NodePaths.set(removed, path, v);
    Node parent = NodePaths.get(back, path.parent());
    assertEquals(path.lastSegment(), NodePaths.segmentOf(parent.key(parent.size() - 1)));
    return root;
  }

  // A path through a keyed element's key field: setting it renames the element.
  private static boolean changesAKey(KindedPath path) {
    PathSegment[] segs = path.toArray();
    for (int d = 0; d + 1 < segs.length; d++) {
      if (segs[d] instanceof PathSegment.Keyed && segs[d + 1].equals(PathSegment.field("id"))) return true;
    }
    return false;
  }

  // Replacing a keyed element's key field changes which element a sibling path names.
  private static boolean isKeyPathUnder(KindedPath set, KindedPath other) {
    for (int d = 1; d <= set.depth(); d++) {
      PathSegment s = set.prefix(d).lastSegment();
      if (s instanceof PathSegment.Keyed || s instanceof PathSegment.Index) {
        KindedPath element = set.prefix(d);
        if (element.parent().isPrefixOf(other)) return true;
      }
    }
    return false;
  }

  @Test
  void setBuildsTheRootDiffOfATransaction() {
    // The seeds' MergeToRoot: one root diff from per-path patches.
    Node root = Node.emptyObject();
    root = NodePaths.set(root, p("a.b"), t("!insert 1"));
    assertEquals(t("{a: {b: !insert 1}}"), root);
    root = NodePaths.set(root, p("a.c"), t("2"));
    root = NodePaths.set(root, p("x.y.z"), t("!delete 3"));
    assertEquals(t("{a: {b: !insert 1, c: 2}, x: {y: {z: !delete 3}}}"), root);
    root = NodePaths.set(root, p("a.b"), t("5"));
    assertEquals(t("{a: {b: 5, c: 2}, x: {y: {z: !delete 3}}}"), root);
    assertEquals(t("{a: {3: [{c: 1}]}}"), NodePaths.set(null, p("a{3}[0].c"), t("1")));
    assertEquals(t("[1]"), NodePaths.set(Node.NULL, p("[0]"), t("1")));
    assertEquals(t("{k: [1, 2, 3]}"), NodePaths.set(t("{k: [1, 2]}"), p("k[2]"), t("3")));
    assertEquals(t("{k: [1, {a: 1}]}"), NodePaths.set(t("{k: [1]}"), p("k[1].a"), t("1")));
    assertEquals(t("{a: {b: 1}}"), NodePaths.set(t("{a: null}"), p("a.b"), t("1")));
    Node v = t("{z: 1}");
    assertSame(v, NodePaths.set(t("{a: 1}"), KindedPath.ROOT, v));
  }

  @Test
  void setKeepsTagsAndKeyedArrays() {
    Node doc = t("!doc {items: !key(sku) [{sku: a, qty: 1}, {sku: b, qty: 2}]}");
    Node out = NodePaths.set(doc, p("items(b).qty"), t("5"));
    assertEquals(t("!doc {items: !key(sku) [{sku: a, qty: 1}, {sku: b, qty: 5}]}"), out);
    Node added = NodePaths.set(doc, p("items(c)"), t("{sku: c, qty: 3}"));
    assertEquals(t("!doc {items: !key(sku) [{sku: a, qty: 1}, {sku: b, qty: 2}, {sku: c, qty: 3}]}"), added);
    assertThrows(IllegalArgumentException.class, () -> NodePaths.set(doc, p("items(c)"), t("{sku: d}")));
    assertThrows(IllegalArgumentException.class, () -> NodePaths.set(doc, p("items(a)"), t("{qty: 1}")));
    assertEquals(t("!doc {items: !key(sku) [{sku: a, qty: 7}, {sku: b, qty: 2}]}"),
        NodePaths.set(doc, p("items(a)"), t("{sku: a, qty: 7}")));
    assertThrows(IllegalArgumentException.class, () -> NodePaths.set(doc, p("items(c).qty"), t("1")));
    assertEquals(t("!doc {items: !key(sku) [{sku: b, qty: 2}]}"), NodePaths.remove(doc, p("items(a)")));
  }

  @Test
  void setRefusesWhatCannotFit() {
    Node doc = t("{a: [1, 2], s: 'str', u: [{k: 1}]}");
    assertThrows(IllegalArgumentException.class, () -> NodePaths.set(doc, p("a.x"), t("1")));
    assertThrows(IllegalArgumentException.class, () -> NodePaths.set(doc, p("a[3]"), t("1")));
    assertThrows(IllegalArgumentException.class, () -> NodePaths.set(doc, p("s.x"), t("1")));
    assertThrows(IllegalArgumentException.class, () -> NodePaths.set(doc, p("s[0]"), t("1")));
    assertThrows(IllegalArgumentException.class, () -> NodePaths.set(doc, p("a{0}"), t("1")));
    assertThrows(IllegalArgumentException.class, () -> NodePaths.set(doc, p("u(1)"), t("{k: 1}")));
    assertThrows(IllegalArgumentException.class, () -> NodePaths.set(doc, p("new(1).x"), t("1")));
    assertThrows(IllegalArgumentException.class, () -> NodePaths.set(doc, p("a.*"), t("1")));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> NodePaths.set(doc, p("s.x.y"), t("1")));
    assertTrue(e.getMessage().contains("s.x.y") && e.getMessage().contains("a string"), e.getMessage());
  }

  @Test
  void removeLeavesAbsentPathsAlone() {
    Node doc = t("{a: {b: [1, 2, 3]}, 5: x}");
    assertSame(doc, NodePaths.remove(doc, p("a.c")));
    assertSame(doc, NodePaths.remove(doc, p("a.b[3]")));
    assertSame(doc, NodePaths.remove(doc, p("a.b.c.d")));
    assertSame(doc, NodePaths.remove(doc, p("a(k)")));
    assertNull(NodePaths.remove(doc, KindedPath.ROOT));
    assertEquals(t("{a: {b: [1, 3]}, 5: x}"), NodePaths.remove(doc, p("a.b[1]")));
    assertEquals(t("{a: {b: [1, 2, 3]}}"), NodePaths.remove(doc, p("{5}")));
    assertEquals(t("{a: {}, 5: x}"), NodePaths.remove(doc, p("a.b")));
    assertThrows(IllegalArgumentException.class, () -> NodePaths.remove(doc, p("a.*")));
  }

  @Test
  void tenThousandLevels() {
    int depth = 10_000;
    Node leaf = t("[{k: v}]");
    Node doc = NodePathsTestTrees.deepObject(depth, leaf);
    List<Map.Entry<KindedPath, Node>> all = NodePaths.extractAll(doc);
    assertEquals(depth + 2, all.size());
    KindedPath deepest = all.get(all.size() - 1).getKey();
    assertEquals(depth + 2, deepest.depth());
    assertEquals(t("v"), NodePaths.get(doc, deepest));
    assertSame(leaf, NodePaths.get(doc, deepest.parent().parent()));

    Node changed = NodePaths.set(doc, deepest, t("w"));
    assertEquals(t("w"), NodePaths.get(changed, deepest));
    assertEquals(NodePathsTestTrees.deepObject(depth, t("[{k: w}]")), changed);
    Node removed = NodePaths.remove(changed, deepest);
    assertEquals(NodePathsTestTrees.deepObject(depth, t("[{}]")), removed);

    int[] count = {0};
    NodePaths.forEachPath(doc, (path, node) -> count[0]++);
    assertEquals(depth + 2, count[0]);

    KindedPath deepNew = KindedPath.ROOT;
    for (int i = 0; i < depth; i++) deepNew = deepNew.field("n");
    Node built = NodePaths.set(Node.emptyObject(), deepNew, t("1"));
    assertEquals(NodePathsTestTrees.deepObject(depth, t("1")).toString().replace("a:", "n:"),
        built.toString());
    assertNotNull(NodePaths.get(built, deepNew));
  }
}
