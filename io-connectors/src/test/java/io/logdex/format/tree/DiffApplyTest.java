package io.logdex.format.tree;

import static io.logdex.format.tree.NodePathsTestTrees.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DiffApplyTest {
  private static Node apply(String state, String diff) throws FormatException {
    return DiffApply.apply(state == null ? null : t(state), diff == null ? null : t(diff));
  }

  private static Node strict(String state, String diff) throws FormatException {
    return DiffApply.apply(state == null ? null : t(state), diff == null ? null : t(diff), true);
  }

  private static FormatException failsStrict(String state, String diff) {
    return assertThrows(FormatException.class, () -> strict(state, diff));
  }

  // ---- the seeds' applyDiff cases ----

  @Test
  void nilStateTakesTheDiffResolved() throws Exception {
    Node d = t("{a: {b: 1}, c: [1, 2]}");
    assertSame(d, DiffApply.apply(null, d)); // nothing to resolve: no copy
    assertEquals(t("{a: {b: 1}, c: 2}"), apply(null, "{a: {b: !insert 1, x: !delete 5}, c: !replace {from: 1, to: 2}}"));
    assertEquals(t("5"), apply(null, "!insert 5"));
    assertNull(apply(null, "!delete 5"));
    assertEquals(t("[1, 3]"), apply(null, "[1, !delete 2, !insert 3]"));
    assertEquals(t("[7]"), apply(null, "!arraydiff {0: !insert 7}"));
  }

  @Test
  void nilDiffLeavesTheState() throws Exception {
    Node s = t("{a: 1}");
    assertSame(s, DiffApply.apply(s, null));
    assertNull(DiffApply.apply(null, null));
  }

  @Test
  void objectsMerge() throws Exception {
    assertEquals(t("{a: 1, b: 3, c: 4}"), strict("{a: 1, b: 2}", "{b: 3, c: 4}"));
    assertEquals(t("{a: {x: 1, y: 3}, b: 2}"), strict("{a: {x: 1, y: 2}, b: 2}", "{a: {y: 3}}"));
    assertEquals(t("{a: 1}"), strict("{a: 1}", "{}"));
    // Against a non-object the object is resolved and replaces it.
    assertEquals(t("{b: 2}"), strict("[1, 2]", "{b: 2}"));
    assertEquals(t("{b: 2, c: 9}"), apply("5", "{b: 2, c: !insert 9}"));
    assertEquals(t("{x: {y: 1}}"), apply("{x: 5}", "{x: {y: 1}}"));
  }

  @Test
  void untaggedArraysAndScalarsReplace() throws Exception {
    assertEquals(t("{a: [3]}"), strict("{a: [1, 2]}", "{a: [3]}"));
    assertEquals(t("{a: x}"), strict("{a: {b: 1}}", "{a: x}"));
    assertEquals(t("{a: null}"), strict("{a: 1}", "{a: null}")); // null sets null; it does not delete
    assertEquals(t("!foo {z: 1}"), strict("{y: 1}", "!foo {z: 1}")); // a non-diff tag makes a value
    assertEquals(t("{a: !t 3}"), strict("{a: !u 2}", "{a: !t 3}"));
  }

  @Test
  void deletions() throws Exception {
    assertEquals(t("{b: 2}"), strict("{a: 1, b: 2}", "{a: !delete 1}"));
    assertEquals(t("{b: 2}"), apply("{a: 1, b: 2}", "{a: !delete 999}")); // lenient: no check
    assertEquals(t("{b: 2}"), apply("{b: 2}", "{a: !delete 1}")); // lenient: nothing to delete
    assertNull(strict("{a: 1}", "!delete {a: 1}"));
    assertEquals(t("{}"), strict("{k: !key(sku) [{sku: a}]}", "{k: !delete(key(sku)) [{sku: a}]}"));
    FormatException e = failsStrict("{x: {b: 2}}", "{x: {a: !delete 1}}");
    assertEquals("x.a", e.path());
    assertEquals(DiffApply.SOURCE, e.source());
    assertTrue(e.getMessage().contains("not there"), e.getMessage());
    e = failsStrict("{x: {a: 2}}", "{x: {a: !delete 1}}");
    assertEquals("x.a", e.path());
    // The tag is part of the old value.
    failsStrict("{k: !key(sku) [{sku: a}]}", "{k: !delete [{sku: a}]}");
  }

  @Test
  void insertions() throws Exception {
    assertEquals(t("{a: 1, b: {c: [1]}}"), strict("{a: 1}", "{b: !insert {c: [1]}}"));
    assertEquals(t("{a: 1, b: !key(id) [{id: 1}]}"), strict("{a: 1}", "{b: !insert(key(id)) [{id: 1}]}"));
    // An inserted value is data: tags in it are not interpreted.
    assertEquals(t("{b: {c: !delete 1}}"), strict("{}", "{b: !insert {c: !delete 1}}"));
    assertEquals(t("{a: 2}"), apply("{a: 1}", "{a: !insert 2}")); // lenient: replaces
    FormatException e = failsStrict("{a: 1}", "{a: !insert 2}");
    assertEquals("a", e.path());
    assertThrows(FormatException.class, () -> apply("{}", "{a: !insert() 2}"));
  }

  @Test
  void replacements() throws Exception {
    assertEquals(t("{a: 2}"), strict("{a: 1}", "{a: !replace {from: 1, to: 2}}"));
    assertEquals(t("{a: {x: !delete 1}}"), strict("{a: [1]}", "{a: !replace {from: [1], to: {x: !delete 1}}}"));
    assertEquals(t("{a: 2}"), apply("{a: 5}", "{a: !replace {from: 1, to: 2}}"));
    FormatException e = failsStrict("{a: 5}", "{a: !replace {from: 1, to: 2}}");
    assertEquals("a", e.path());
    e = assertThrows(FormatException.class, () -> apply("{a: 1}", "{a: !replace {from: 1}}"));
    assertEquals("a", e.path());
    assertTrue(e.getMessage().contains("from: and to:"), e.getMessage());
    assertThrows(FormatException.class, () -> apply("{a: 1}", "{a: !replace 2}"));
  }

  @Test
  void nested() throws Exception {
    assertEquals(
        t("{a: {b: {c: 2, e: 5}, f: [1]}, g: 1}"),
        strict("{a: {b: {c: 1, d: 4}, f: [0]}, g: 1}",
            "{a: {b: {c: !replace {from: 1, to: 2}, d: !delete 4, e: !insert 5}, f: [1]}}"));
  }

  @Test
  void stateTagsThatAreNotDiffTagsStay() throws Exception {
    assertEquals(t("!t {a: 1, b: 2}"), strict("!t {a: 1}", "{b: 2}"));
    assertEquals(t("!t [1, 3]"), strict("!t [1, 2]", "!arraydiff {1: !replace {from: 2, to: 3}}"));
    assertEquals(t("!key(id) [{id: 1, v: 2}]"), strict("!key(id) [{id: 1, v: 1}]", "!key(id) [{id: 1, v: 2}]"));
  }

  @Test
  void sparseArraysMergeLikeObjects() throws Exception {
    assertEquals(t("{0: a, 14: c}"), strict("{0: a, 13: b}", "{13: !delete b, 14: !insert c}"));
    assertEquals(t("{0: x, 4294967295: y}"), strict("{0: a}", "{0: x, 4294967295: y}"));
    FormatException e = failsStrict("{0: {a: 1}}", "{0: {a: !delete 2}}");
    assertEquals("{0}.a", e.path());
  }

  // ---- !arraydiff ----

  @Test
  void arraydiffKeysAreAlignmentSlots() throws Exception {
    // formats.md's example. Slot 0 deletes old[0]; slots 1-4 keep old[1..4]; slot 5 inserts;
    // slot 6 keeps old[5]; slot 7 replaces old[6]; old[7] is kept.
    assertEquals(t("[2, 3, 4, 5, 4, 6, 9, 10]"),
        strict("[1, 2, 3, 4, 5, 6, 8, 10]", "!arraydiff {0: !delete 1, 5: !insert 4, 7: !replace {from: 8, to: 9}}"));
    // Inserts take a slot each: the element after two inserts is old[0] at slot 2.
    assertEquals(t("[a, b, x, 2]"), strict("[1, 2]", "!arraydiff {0: !insert a, 1: !insert b, 2: !replace {from: 1, to: x}}"));
    // A delete takes a slot too: after deleting old[0] at slot 0, slot 1 is old[1].
    assertEquals(t("[{v: 2}, 3]"), strict("[1, {v: 1}, 3]", "!arraydiff {0: !delete 1, 1: {v: 2}}"));
    // Appending after the last element.
    assertEquals(t("[1, 2, 3]"), strict("[1, 2]", "!arraydiff {2: !insert 3}"));
    // A value at a slot merges into that old element; a nested arraydiff works the same way.
    assertEquals(t("[[1, 5], {a: 1, b: 2}]"),
        strict("[[1], {a: 1}]", "!arraydiff {0: !arraydiff {1: !insert 5}, 1: {b: 2}}"));
    // JSON-read diffs have string keys.
    assertEquals(t("[1, 2]"), strict("[2]", "!arraydiff {\"0\": !insert 1}"));
  }

  @Test
  void arraydiffErrorsNameThePath() {
    FormatException e = assertThrows(FormatException.class,
        () -> apply("{a: [1, 2]}", "{a: !arraydiff {3: !insert 9}}"));
    assertEquals("a", e.path());
    assertTrue(e.getMessage().contains("key 3"), e.getMessage());
    // A hostile key fails at once instead of walking to it.
    e = assertThrows(FormatException.class, () -> apply("[1]", "!arraydiff {4294967295: !delete 1}"));
    assertTrue(e.getMessage().contains("4294967295"), e.getMessage());
    assertThrows(FormatException.class, () -> apply("[1]", "!arraydiff {1: !delete 1}"));
    assertThrows(FormatException.class, () -> apply("[1]", "!arraydiff {1: {a: 1}}"));
    assertThrows(FormatException.class, () -> apply("[1]", "!arraydiff {1: !replace {from: 1, to: 2}}"));
    assertThrows(FormatException.class, () -> apply("{a: 1}", "!arraydiff {0: !insert 1}"));
    assertThrows(FormatException.class, () -> apply("[1]", "!arraydiff [1]"));
    assertThrows(FormatException.class, () -> apply("[1]", "!arraydiff {x: !insert 1}"));
    assertThrows(FormatException.class, () -> apply("[1]", "!arraydiff {\"01\": !insert 1}"));
    assertThrows(FormatException.class, () -> apply("[1]", "!arraydiff {0: !insert 1, \"0\": !insert 2}"));
    e = assertThrows(FormatException.class, () -> strict("{a: [1, {b: 2}]}", "{a: !arraydiff {1: {b: !delete 3}}}"));
    assertEquals("a[1].b", e.path());
    e = assertThrows(FormatException.class, () -> strict("{a: [1, 2]}", "{a: !arraydiff {1: !delete 3}}"));
    assertEquals("a[1]", e.path());
  }

  // ---- keyed arrays ----

  @Test
  void keyedArraysMergeByKey() throws Exception {
    String items = "{items: !key(sku) [{sku: 'WIDGET-A', qty: 2, price: 9.99}, {sku: 'GADGET-B', qty: 1, price: 24.99}]}";
    // orders.tony: add an item with a keyed insert.
    Node added = strict(items, "{items: !key(sku) [!insert {sku: 'GIZMO-C', qty: 3, price: 14.99}]}");
    assertEquals(t("{items: !key(sku) [{sku: 'WIDGET-A', qty: 2, price: 9.99}, {sku: 'GADGET-B', qty: 1, price: 24.99},"
        + " {sku: 'GIZMO-C', qty: 3, price: 14.99}]}"), added);
    // Merge one, delete one, insert one.
    Node d = t("{items: !key(sku) [!insert {sku: X, qty: 1}, {sku: 'WIDGET-A', qty: 5},"
        + " !delete {sku: 'GADGET-B', qty: 1, price: 24.99}]}");
    assertEquals(t("{items: !key(sku) [{sku: 'WIDGET-A', qty: 5, price: 9.99}, {sku: X, qty: 1}]}"),
        DiffApply.apply(t(items), d, true));
    // The state's tag stays; with no state the diff's keyed array is resolved and keeps its tag.
    assertEquals(t("{items: !key(sku) [{sku: a}]}"), strict("{}", "{items: !key(sku) [!insert {sku: a}]}"));
    failsStrict("{}", "{items: !key(sku) [!delete {sku: b}]}"); // strict: nothing to delete
    assertEquals(t("!key(sku) [{sku: a}]"), apply(null, "!key(sku) [!insert {sku: a}, !delete {sku: b}]"));
    // A replace element is matched by its from:'s key.
    assertEquals(t("!key(id) [{id: 2, v: 0}, {id: 1, v: 9}]"),
        strict("!key(id) [{id: 2, v: 0}, {id: 1, v: 1}]", "!key(id) [!replace {from: {id: 1, v: 1}, to: {id: 1, v: 9}}]"));
    // Keys compare as values: 1 and "1" differ.
    assertEquals(t("!key(id) [{id: 1}, {id: '1', v: 2}]"), apply("!key(id) [{id: 1}]", "!key(id) [{id: '1', v: 2}]"));
    // Elements of a nested key path.
    assertEquals(t("!key(m.n) [{m: {n: a}, v: 2}]"), strict("!key(m.n) [{m: {n: a}, v: 1}]", "!key(m.n) [{m: {n: a}, v: 2}]"));
  }

  @Test
  void keyedErrorsNameTheElement() {
    FormatException e = assertThrows(FormatException.class,
        () -> strict("{items: !key(sku) [{sku: a, qty: 1}]}", "{items: !key(sku) [{sku: a, qty: !delete 2}]}"));
    assertEquals("items(a).qty", e.path());
    e = assertThrows(FormatException.class,
        () -> strict("{items: !key(sku) [{sku: a}]}", "{items: !key(sku) [!delete {sku: b}]}"));
    assertEquals("items(b)", e.path());
    e = assertThrows(FormatException.class,
        () -> strict("{items: !key(sku) [{sku: a}]}", "{items: !key(sku) [!insert {sku: a}]}"));
    assertEquals("items(a)", e.path());
    e = assertThrows(FormatException.class, () -> apply("{items: [{sku: a}]}", "{items: !key(sku) [{qty: 1}]}"));
    assertEquals("items[0]", e.path());
    assertThrows(FormatException.class, () -> apply("[{sku: a}]", "!key(sku) [{sku: a}, {sku: a}]"));
    assertThrows(FormatException.class, () -> apply("[]", "!key(a[*]) [{sku: a}]"));
  }

  // ---- the brute-force check: a diff built from A to B takes A to B ----

  @Test
  void aDiffFromAToBAppliedToAGivesB() throws Exception {
    Random r = new Random(1234);
    int nontrivial = 0;
    Map<String, Integer> ops = new HashMap<>();
    for (int iter = 0; iter < 4000; iter++) {
      Node a = NodePathsTestTrees.TREES.random(r, 4);
      Node b = r.nextInt(5) == 0 ? NodePathsTestTrees.TREES.random(r, 4) : NodePathsTestTrees.TREES.mutate(a, r, 4);
      Node d = DiffApplyTestDiffer.diff(a, b);
      if (d != null && !"replace".equals(d.tagName())) nontrivial++;
      countOps(d, ops);
      assertEquals(b, DiffApply.apply(a, d, true), () -> "A " + a + "\nB " + b + "\nD " + d);
      assertEquals(b, DiffApply.apply(a, d, false));
      // The inverse direction too.
      assertEquals(a, DiffApply.apply(b, DiffApplyTestDiffer.diff(b, a), true));
    }
    assertTrue(nontrivial > 1200, "too few structural diffs: " + nontrivial);
    for (String op : new String[] {"insert", "delete", "replace", "arraydiff", "key", "merge"}) {
      assertTrue(ops.getOrDefault(op, 0) > 100, "too few " + op + " in the diffs: " + ops);
    }
    assertTrue(ops.getOrDefault("tagged-payload", 0) > 20, ops.toString());
  }

  /** How often each diff shape occurs, so the check above is known to exercise them all. */
  private static void countOps(Node d, Map<String, Integer> ops) {
    if (d == null) return;
    String name = d.tagName();
    String op = name == null ? (d.isObject() ? "merge" : null) : name;
    if (op != null) ops.merge(op, 1, Integer::sum);
    if (d.tagArgument() != null && !"key".equals(name)) ops.merge("tagged-payload", 1, Integer::sum);
    if ("insert".equals(name) || "delete".equals(name) || "replace".equals(name)) return; // data below
    for (Node c : d.children()) countOps(c, ops);
  }

  @Test
  void aDiffIsRejectedStrictlyByAStateItWasNotMadeFor() throws Exception {
    Random r = new Random(77);
    int rejected = 0;
    for (int iter = 0; iter < 2000; iter++) {
      Node a = NodePathsTestTrees.TREES.randomObject(r, 3);
      Node b = NodePathsTestTrees.TREES.mutate(a, r, 3);
      Node d = DiffApplyTestDiffer.diff(a, b);
      Node other = NodePathsTestTrees.TREES.mutate(a, r, 3);
      try {
        Node got = DiffApply.apply(other, d, true);
        // When it applies, it must apply as the lenient mode does.
        assertEquals(DiffApply.apply(other, d, false), got);
      } catch (FormatException e) {
        rejected++;
        assertTrue(e.path() != null);
      }
    }
    assertTrue(rejected > 100, "strict mode rejected only " + rejected);
  }

  // ---- depth ----

  @Test
  void tenThousandLevelDiffs() throws Exception {
    int depth = 10_000;
    Node state = NodePathsTestTrees.deepObject(depth, t("{x: 1, y: [1, 2]}"));
    Node diff = NodePathsTestTrees.deepObject(depth, t("{x: !delete 1, y: !arraydiff {0: !delete 1, 2: !insert 3}, z: !insert 4}"));
    Node out = DiffApply.apply(state, diff, true);
    assertEquals(NodePathsTestTrees.deepObject(depth, t("{y: [2, 3], z: 4}")), out);

    // Resolution against nothing is just as deep.
    Node resolved = DiffApply.apply(null, NodePathsTestTrees.deepObject(depth, t("{x: !delete 1, y: !arraydiff {0: !insert 3}, z: !insert 4}")));
    assertEquals(NodePathsTestTrees.deepObject(depth, t("{y: [3], z: 4}")), resolved);
    // ...and an arraydiff that deletes from nothing fails there, naming the path.
    FormatException overrun = assertThrows(FormatException.class, () -> DiffApply.apply(null, diff));
    assertTrue(overrun.path().endsWith("a.a.y"));
    assertTrue(overrun.reason().contains("!delete at element 0 of an array of 0"), overrun.reason());

    // Nested arraydiffs and keyed arrays.
    Node arr = t("1");
    Node arrDiff = t("!replace {from: 1, to: 2}");
    Node keyedState = t("1");
    Node keyedDiff = t("!replace {from: 1, to: 2}");
    for (int i = 0; i < depth; i++) {
      arr = Node.array(arr);
      arrDiff = Node.objectBuilder().put(NodeKey.sparse(0), arrDiff).build().withTag("!arraydiff");
      keyedState = Node.array(Node.objectBuilder().put("id", Node.integer(i)).put("v", keyedState).build()).withTag("!key(id)");
      keyedDiff = Node.array(Node.objectBuilder().put("id", Node.integer(i)).put("v", keyedDiff).build()).withTag("!key(id)");
    }
    Node arrOut = DiffApply.apply(arr, arrDiff, true);
    Node expect = t("2");
    for (int i = 0; i < depth; i++) expect = Node.array(expect);
    assertEquals(expect, arrOut);
    Node keyedOut = DiffApply.apply(keyedState, keyedDiff, true);
    Node keyedExpect = t("2");
    for (int i = 0; i < depth; i++) {
      keyedExpect = Node.array(Node.objectBuilder().put("id", Node.integer(i)).put("v", keyedExpect).build()).withTag("!key(id)");
    }
    assertEquals(keyedExpect, keyedOut);

    // An error deep down names the whole path.
    Node bad = NodePathsTestTrees.deepObject(depth, t("{x: !delete 2}"));
    FormatException e = assertThrows(FormatException.class, () -> DiffApply.apply(state, bad, true));
    assertTrue(e.path().endsWith("a.a.x") && e.path().length() == 2 * depth + 1, e.reason());
  }
}
