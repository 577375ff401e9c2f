package io.logdex.format.history;

import static io.logdex.format.history.HistoryTrees.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import io.logdex.format.path.KindedPath;
import io.logdex.format.tree.DiffApply;
import io.logdex.format.tree.DiffApplyTestDiffer;
import io.logdex.format.tree.MergePatch;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DiffComposeTest {
  private static Node tony(String a, String b) throws Exception {
    return DiffCompose.compose(t(a), t(b), DiffKind.TONY);
  }

  private static Node patch(String a, String b) throws Exception {
    return DiffCompose.compose(t(a), t(b), DiffKind.MERGE_PATCH);
  }

  // ---- properties: the composite does what the two do in turn ----

  @Test
  void tonyCompositesEqualTheSequence() throws Exception {
    Random r = new Random(4242);
    Map<String, Integer> stats = new TreeMap<>();
    for (int iter = 0; iter < 3000; iter++) {
      Node s0 = r.nextInt(4) == 0 ? HistoryTrees.TREES.random(r, 3) : HistoryTrees.TREES.randomObject(r, 3);
      Node a = step(s0, r);
      Node s1 = DiffApply.apply(s0, a);
      Node b = step(s1, r);
      Node s2 = DiffApply.apply(s1, b);
      Node c;
      try {
        c = DiffCompose.compose(a, b, DiffKind.TONY);
      } catch (UncomposableDiffException u) {
        stats.merge("refused", 1, Integer::sum);
        continue;
      }
      stats.merge("composed", 1, Integer::sum);
      countShapes(c, stats);
      Node cc = c;
      assertEquals(s2, DiffApply.apply(s0, c), () -> "S " + s0 + "\nA " + a + "\nB " + b + "\nC " + cc);
      for (int j = 0; j < 4; j++) {
        Node other = j == 0 ? null : HistoryTrees.TREES.mutate(s0, r, 3);
        Node seq;
        try {
          seq = DiffApply.apply(DiffApply.apply(other, a), b);
        } catch (FormatException notForThisState) {
          continue;
        }
        stats.merge("other-states", 1, Integer::sum);
        assertEquals(seq, DiffApply.apply(other, c), () -> "S' " + other + "\nA " + a + "\nB " + b + "\nC " + cc);
      }
    }
    assertTrue(stats.getOrDefault("composed", 0) > 2000, stats::toString);
    assertTrue(stats.getOrDefault("refused", 0) > 20, stats::toString);
    assertTrue(stats.getOrDefault("arraydiff", 0) > 100, stats::toString);
    assertTrue(stats.getOrDefault("keyed", 0) > 100, stats::toString);
    assertTrue(stats.getOrDefault("other-states", 0) > 3000, stats::toString);
  }

  /** Arrays only, so that nearly every pair is two arraydiffs of one array. */
  @Test
  void arraydiffsComposeSlotBySlot() throws Exception {
    Random r = new Random(31);
    int composed = 0;
    for (int iter = 0; iter < 3000; iter++) {
      Node s0 = smallArray(r);
      Node s1 = r.nextBoolean() ? smallArray(r) : HistoryTrees.TREES.mutate(s0, r, 2);
      Node s2 = r.nextBoolean() ? smallArray(r) : HistoryTrees.TREES.mutate(s1, r, 2);
      Node a = orEmpty(DiffApplyTestDiffer.diff(s0, s1));
      Node b = orEmpty(DiffApplyTestDiffer.diff(s1, s2));
      if (!"arraydiff".equals(a.tagName()) || !"arraydiff".equals(b.tagName())) continue;
      Node c = DiffCompose.compose(a, b, DiffKind.TONY);
      assertEquals("arraydiff", c.tagName());
      assertEquals(s2, DiffApply.apply(s0, c), () -> "S " + s0 + "\nA " + a + "\nB " + b + "\nC " + c);
      // Every array as long as s0 takes the ops the same way.
      Node other = HistoryTrees.TREES.mutate(s0, r, 1);
      if (other.isArray() && other.size() == s0.size()) {
        assertEquals(DiffApply.apply(DiffApply.apply(other, a), b), DiffApply.apply(other, c));
      }
      composed++;
    }
    assertTrue(composed > 1000, "only " + composed);
  }

  @Test
  void mergePatchCompositesEqualTheSequence() throws Exception {
    Random r = new Random(7386);
    int composed = 0, refused = 0;
    for (int iter = 0; iter < 4000; iter++) {
      Node s0 = HistoryTrees.TREES.randomObject(r, 3);
      Node a = r.nextInt(30) == 0 ? HistoryTrees.TREES.random(r, 1) : Histories.patch(s0, r, 3);
      Node s1 = MergePatch.apply(s0, a);
      Node b = r.nextInt(30) == 0 ? HistoryTrees.TREES.random(r, 1) : Histories.patch(s1, r, 3);
      Node c;
      try {
        c = DiffCompose.compose(a, b, DiffKind.MERGE_PATCH);
      } catch (UncomposableDiffException u) {
        refused++;
        continue;
      }
      composed++;
      assertEquals(MergePatch.apply(s1, b), MergePatch.apply(s0, c), () -> "S " + s0 + "\nA " + a + "\nB " + b + "\nC " + c);
      for (int j = 0; j < 4; j++) {
        Node other = j == 0 ? null : HistoryTrees.TREES.random(r, 3);
        assertEquals(MergePatch.apply(MergePatch.apply(other, a), b), MergePatch.apply(other, c));
      }
    }
    assertTrue(composed > 2000, composed + " composed, " + refused + " refused");
    assertTrue(refused > 50, composed + " composed, " + refused + " refused");
  }

  // ---- by hand ----

  @Test
  void knownResultsAreWrittenAsOneChange() throws Exception {
    assertEquals(t("{a: !replace {from: 1, to: 2}}"), tony("{a: !insert 1}", "{a: !replace {from: 1, to: 2}}"));
    assertEquals(t("{a: !insert {x: 1, y: 2}}"), tony("{a: !insert {x: 1}}", "{a: {y: 2}}"));
    assertEquals(t("{a: !replace {from: 0, to: {x: 1, y: 2}}}"), tony("{a: !replace {from: 0, to: {x: 1}}}", "{a: {y: !insert 2}}"));
    assertEquals(t("{a: 1, b: 2}"), tony("{a: 1}", "{b: 2}"));
    // Data tags under an insert stay data.
    assertEquals(t("{a: !insert {x: !delete 1, y: 2}}"), tony("{a: !insert {x: !delete 1}}", "{a: {y: 2}}"));
    // The root may be deleted and re-created: there is no field order to keep.
    assertEquals(t("!replace {from: {a: 1}, to: {b: 2}}"), tony("!delete {a: 1}", "{b: !insert 2}"));
  }

  @Test
  void arraydiffAlignmentsCompose() throws Exception {
    Node c = tony("!arraydiff {0: !insert a}", "!arraydiff {1: !delete x, 3: !insert z}");
    assertEquals(t("[a, y, z]"), DiffApply.apply(t("[x, y]"), c));
    // Inserted then deleted: nothing at all.
    assertEquals(t("!arraydiff {}"), tony("!arraydiff {0: !insert a}", "!arraydiff {0: !delete a}"));
    // Changed twice: one change, the second applied to the first's result.
    c = tony("!arraydiff {1: {v: 1}}", "!arraydiff {1: {w: 2}}");
    assertEquals(t("!arraydiff {1: {v: 1, w: 2}}"), c);
    c = tony("!arraydiff {0: !replace {from: 1, to: {v: 1}}}", "!arraydiff {0: {w: 2}}");
    assertEquals(t("!arraydiff {0: !replace {from: 1, to: {v: 1, w: 2}}}"), c);
    // Changed, then deleted: the delete names the old value when the change did.
    assertEquals(t("!arraydiff {0: !delete 1}"), tony("!arraydiff {0: !replace {from: 1, to: 2}}", "!arraydiff {0: !delete 2}"));
  }

  @Test
  void keyedDiffsComposeByKey() throws Exception {
    Node c = tony("!key(id) [{id: 1, v: 2}, !insert {id: 3}]", "!key(id) [{id: 3, w: 1}, !delete {id: 2}]");
    Node s = t("!key(id) [{id: 1, v: 1}, {id: 2}]");
    assertEquals(t("!key(id) [{id: 1, v: 2}, {id: 3, w: 1}]"), DiffApply.apply(s, c));
    assertEquals(DiffApply.apply(DiffApply.apply(s, t("!key(id) [{id: 1, v: 2}, !insert {id: 3}]")),
        t("!key(id) [{id: 3, w: 1}, !delete {id: 2}]")), DiffApply.apply(s, c));
  }

  @Test
  void whatNoOneDiffSaysIsRefused() {
    UncomposableDiffException u = assertThrows(UncomposableDiffException.class, () -> tony("{a: !delete 1}", "{a: !insert 2}"));
    assertEquals("a", u.path());
    u = assertThrows(UncomposableDiffException.class, () -> tony("{x: {a: !delete 1}}", "{x: {a: {b: 1}}}"));
    assertEquals("x.a", u.path());
    assertThrows(UncomposableDiffException.class, () -> tony("{a: {b: 1}}", "{a: !arraydiff {0: !insert 1}}"));
    assertThrows(UncomposableDiffException.class, () -> tony("!arraydiff {0: !insert 1}", "!key(id) [{id: 1}]"));
    assertThrows(UncomposableDiffException.class, () -> tony("!key(id) [{id: 1}]", "!key(sku) [{sku: 1}]"));
    assertThrows(UncomposableDiffException.class, () -> tony("!key(id) [!delete {id: 1}]", "!key(id) [!insert {id: 1}]"));
    assertThrows(UncomposableDiffException.class,
        () -> tony("!key(id) [!replace {from: {id: 1}, to: {id: 2}}]", "!key(id) [{id: 2, v: 1}]"));
    assertThrows(UncomposableDiffException.class, () -> tony("!key(id) [{v: 1}]", "!key(id) [{id: 2}]"));
    // Merge patches.
    u = assertThrows(UncomposableDiffException.class, () -> patch("{a: null}", "{a: 1}"));
    assertEquals("a", u.path());
    assertThrows(UncomposableDiffException.class, () -> patch("{a: 1}", "{a: {b: 1}}"));
    assertThrows(UncomposableDiffException.class, () -> patch("5", "{a: 1}"));
    assertThrows(UncomposableDiffException.class, () -> patch("null", "{a: 1}"));
  }

  @Test
  void mergePatchesComposeFieldByField() throws Exception {
    assertEquals(t("{a: {b: 1, c: null}}"), patch("{a: {b: 1}}", "{a: {c: null}}"));
    assertEquals(t("7"), patch("{a: 1}", "7"));
    assertEquals(t("{a: null}"), patch("{a: null}", "{a: null}"));
    assertEquals(t("{a: 2, b: null}"), patch("{a: 1, b: 3}", "{a: 2, b: null}"));
    assertEquals(t("{a: [1]}"), patch("{a: {x: 1}}", "{a: [1]}"));
  }

  @Test
  void aSecondDiffThatCanNeverApplyIsAnError() {
    FormatException e = assertThrows(FormatException.class, () -> tony("{a: !insert 5}", "{a: !arraydiff {0: !delete 1}}"));
    assertEquals("a", e.path());
  }

  @Test
  void hostileSlotsCostNothing() {
    assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
      Node c = tony("!arraydiff {4294967295: {x: 1}}", "!arraydiff {4294967294: {y: 1}}");
      assertEquals(t("!arraydiff {4294967294: {y: 1}, 4294967295: {x: 1}}"), c);
      assertThrows(UncomposableDiffException.class,
          () -> tony("!arraydiff {4294967295: !insert 1}", "!arraydiff {0: !insert 2}"));
    });
  }

  @Test
  void tenThousandLevels() throws Exception {
    KindedPath deep = KindedPath.ROOT;
    for (int i = 0; i < 10_000; i++) deep = deep.field("a");
    Node a = NodePaths.set(null, deep, t("{x: !insert 1, y: !arraydiff {0: !insert 1}}"));
    Node b = NodePaths.set(null, deep, t("{z: !insert 2, y: !arraydiff {1: !insert 2}}"));
    Node c = DiffCompose.compose(a, b, DiffKind.TONY);
    Node s = NodePaths.set(null, deep, t("{y: []}"));
    assertEquals(DiffApply.apply(DiffApply.apply(s, a), b), DiffApply.apply(s, c));
    assertEquals(NodePaths.set(null, deep, t("{y: [1, 2], x: 1, z: 2}")), DiffApply.apply(s, c));
  }

  // ---- helpers ----

  private static Node step(Node s, Random r) {
    if (s != null && s.isObject() && r.nextInt(4) == 0) return Histories.lenientDiff(s, r);
    Node next = HistoryTrees.TREES.mutate(s, r, 3);
    return orEmpty(DiffApplyTestDiffer.diff(s, next));
  }

  private static Node orEmpty(Node d) {
    return d == null ? Node.emptyObject() : d;
  }

  private static Node smallArray(Random r) {
    List<Node> es = new ArrayList<>();
    int n = r.nextInt(6);
    for (int i = 0; i < n; i++) es.add(r.nextInt(4) == 0 ? t("{v: " + r.nextInt(3) + "}") : Node.integer(r.nextInt(4)));
    return Node.array(es);
  }

  private static void countShapes(Node c, Map<String, Integer> stats) {
    java.util.ArrayDeque<Node> work = new java.util.ArrayDeque<>();
    work.push(c);
    while (!work.isEmpty()) {
      Node n = work.pop();
      String name = n.tagName();
      if ("arraydiff".equals(name)) stats.merge("arraydiff", 1, Integer::sum);
      if ("key".equals(name) && n.isArray()) stats.merge("keyed", 1, Integer::sum);
      if ("insert".equals(name) || "delete".equals(name) || "replace".equals(name)) continue;
      for (Node k : n.children()) work.push(k);
    }
  }
}
