package io.logdex.format.history;

import static io.logdex.format.history.HistoryTrees.p;
import static io.logdex.format.history.HistoryTrees.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.logdex.format.FormatException;
import io.logdex.format.tree.Node;
import org.junit.jupiter.api.Test;

class DiffRestrictionTest {
  private static Effect tony(String diff, String path) throws FormatException {
    return DiffRestriction.restrict(t(diff), p(path), DiffKind.TONY);
  }

  private static Effect patch(String diff, String path) throws FormatException {
    return DiffRestriction.restrict(t(diff), p(path), DiffKind.MERGE_PATCH);
  }

  private static Effect constant(String value) {
    return new Effect.Constant(t(value));
  }

  // ---- the cuts DiffApply's javadoc warns NodePaths.get gets wrong ----

  @Test
  void belowADeleteThePathIsGoneNotSetToTheOldValue() throws Exception {
    // NodePaths.get would hand back 1, which applied at a.b would set it to 1.
    assertEquals(Effect.DELETED, tony("{a: !delete {b: 1}}", "a.b"));
    assertEquals(Effect.DELETED, tony("{a: !delete {b: 1}}", "a.zz"));
    assertEquals(Effect.DELETED, tony("{a: !delete {b: 1}}", "a"));
  }

  @Test
  void belowAnInsertTheValueReplacesRatherThanMerges() throws Exception {
    // NodePaths.get would give the untagged {c: 1}, which would merge into the old a.b.
    assertEquals(constant("{c: 1}"), tony("{a: !insert {b: {c: 1}}}", "a.b"));
    assertEquals(Effect.DELETED, tony("{a: !insert {b: {c: 1}}}", "a.x"));
    // Tags inside inserted data are data.
    assertEquals(constant("!delete 1"), tony("{a: !insert {b: !delete 1}}", "a.b"));
    assertEquals(constant("!key(id) [{id: 1}]"), tony("{a: !insert(key(id)) [{id: 1}]}", "a"));
    assertEquals(constant("{id: 1}"), tony("{a: !insert(key(id)) [{id: 1}]}", "a(1)"));
  }

  @Test
  void belowAReplaceThePathRunsThroughTo() throws Exception {
    // NodePaths.get(a.b) finds nothing (a has from/to), which would leave a.b as it was.
    assertEquals(Effect.DELETED, tony("{a: !replace {from: {b: 1}, to: {c: 2}}}", "a.b"));
    assertEquals(constant("2"), tony("{a: !replace {from: {b: 1}, to: {c: 2}}}", "a.c"));
    assertEquals(Effect.DELETED, tony("{a: !replace {from: {b: 1}, to: {c: 2}}}", "a.from"));
  }

  @Test
  void positionalAndKeyedChangesAboveThePathNeedTheAncestor() throws Exception {
    assertEquals(new Effect.NeedsAncestor(p("a")), tony("{a: !arraydiff {0: !insert 5}}", "a[1].x"));
    assertEquals(new Effect.NeedsAncestor(p("a")), tony("{a: !arraydiff {0: !insert 5}}", "a.x"));
    assertEquals(new Effect.DiffAt(t("!arraydiff {0: !insert 5}")), tony("{a: !arraydiff {0: !insert 5}}", "a"));
    assertEquals(new Effect.NeedsAncestor(p("items")),
        tony("{items: !key(sku) [{sku: A, qty: 2}]}", "items(A).qty"));
    assertEquals(new Effect.NeedsAncestor(p("")), tony("!arraydiff {1: {x: 1}}", "[1].x"));
    // Deeper changes do not matter when something above settles the path.
    assertEquals(Effect.UNCHANGED, tony("{a: {b: !arraydiff {0: !insert 5}}}", "a.c[0]"));
  }

  @Test
  void mergesStepFieldByField() throws Exception {
    String d = "{a: {b: 1, 7: {c: x}}, e: !delete 3}";
    assertEquals(new Effect.DiffAt(t(d)), tony(d, ""));
    assertEquals(new Effect.DiffAt(t("{b: 1, 7: {c: x}}")), tony(d, "a"));
    assertEquals(constant("1"), tony(d, "a.b"));
    assertEquals(constant("x"), tony(d, "a{7}.c"));
    assertEquals(Effect.UNCHANGED, tony(d, "a.\"7\"")); // a field named 7 is not the sparse key 7
    assertEquals(Effect.UNCHANGED, tony(d, "z.y"));
    assertEquals(Effect.UNCHANGED, tony(d, "a.q"));
    assertEquals(Effect.DELETED, tony(d, "e"));
    // Whatever a was, it is an object afterwards: no element [0] or (k).
    assertEquals(Effect.DELETED, tony(d, "a[0]"));
    assertEquals(Effect.DELETED, tony(d, "a(k).v"));
  }

  @Test
  void valuesAboveThePathAreResolvedOnce() throws Exception {
    assertEquals(constant("3"), tony("{a: [1, !delete 2, !insert 3]}", "a[1]"));
    assertEquals(Effect.DELETED, tony("{a: [1, !delete 2, !insert 3]}", "a[2]"));
    assertEquals(constant("1"), tony("{a: !t {b: !insert 1}}", "a.b"));
    assertEquals(constant("null"), tony("{a: null}", "a")); // Tony: null is a value
    assertEquals(Effect.DELETED, tony("{a: 5}", "a.b"));
    assertEquals(constant("{k: 1}"), tony("!replace {from: 1, to: {k: 1}}", ""));
  }

  @Test
  void mergePatchesNeverNeedAnAncestor() throws Exception {
    assertEquals(Effect.DELETED, patch("{a: null}", "a"));
    assertEquals(Effect.DELETED, patch("{a: null}", "a.b"));
    assertEquals(new Effect.DiffAt(t("{b: null}")), patch("{a: {b: null}}", "a"));
    assertEquals(Effect.DELETED, patch("{a: {b: null}}", "a.b"));
    assertEquals(Effect.UNCHANGED, patch("{a: {b: null}}", "a.c"));
    assertEquals(constant("2"), patch("{a: [1, 2]}", "a[1]"));
    assertEquals(Effect.DELETED, patch("{a: [1, 2]}", "a[2]"));
    assertEquals(Effect.DELETED, patch("{a: {b: 1}}", "a[0]"));
    assertEquals(constant("null"), patch("null", ""));
    assertEquals(Effect.DELETED, patch("null", "a"));
    assertEquals(constant("5"), patch("5", ""));
    // Tags mean nothing to a merge patch: an arraydiff-tagged object is an object that merges.
    assertEquals(new Effect.DiffAt(t("!arraydiff {0: 1}")), patch("{a: !arraydiff {0: 1}}", "a"));
    assertEquals(new Effect.DiffAt(t("!delete {x: 1}")), patch("{a: !delete {x: 1}}", "a"));
    assertEquals(constant("1"), patch("{a: !delete {x: 1}}", "a.x"));
    assertEquals(Effect.UNCHANGED, patch("{a: !delete {x: 1}}", "a.b"));
  }

  @Test
  void effectsApplyToTheStateAtThePath() throws Exception {
    Node s = t("{b: 1, c: 2}");
    assertEquals(t("{b: 1, c: 3}"), tony("{a: {c: 3}}", "a").applyTo(s, DiffKind.TONY));
    assertEquals(t("{b: 1}"), patch("{a: {c: null}}", "a").applyTo(s, DiffKind.MERGE_PATCH));
    assertEquals(s, Effect.UNCHANGED.applyTo(s, DiffKind.TONY));
    assertEquals(null, Effect.DELETED.applyTo(s, DiffKind.TONY));
    assertThrows(IllegalStateException.class, () -> new Effect.NeedsAncestor(p("a")).applyTo(s, DiffKind.TONY));
  }

  @Test
  void malformedNodesOnTheWayFailWithTheirPath() {
    FormatException e = assertThrows(FormatException.class, () -> tony("{a: {b: !replace {from: 1}}}", "a.b.c"));
    assertEquals("a.b", e.path());
    e = assertThrows(FormatException.class, () -> tony("{a: [1, !replace {from: 1}]}", "a[0]"));
    assertEquals("a[1]", e.path());
    assertThrows(IllegalArgumentException.class, () -> tony("{a: 1}", "a[*]"));
  }
}
