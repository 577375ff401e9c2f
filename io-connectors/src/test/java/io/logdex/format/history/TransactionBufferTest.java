package io.logdex.format.history;

import static io.logdex.format.history.HistoryTrees.p;
import static io.logdex.format.history.HistoryTrees.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import io.logdex.format.log.LogEntry;
import io.logdex.format.log.LogEntryCodec;
import io.logdex.format.path.KindedPath;
import io.logdex.format.tree.DiffApplyTestDiffer;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import io.logdex.format.tree.NodePaths;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TransactionBufferTest {
  // ---- the seeds' MergeToRoot cases ----

  @Test
  void patchesNestUnderTheirPaths() throws Exception {
    TransactionBuffer tb = new TransactionBuffer(DiffKind.TONY);
    assertEquals(t("{}"), tb.rootDiff());
    tb.add(p("a.b"), t("!insert 1"));
    assertEquals(t("{a: {b: !insert 1}}"), tb.rootDiff());
    tb.add(p("a.c.d"), t("!delete 2"));
    assertEquals(t("{a: {b: !insert 1, c: {d: !delete 2}}}"), tb.rootDiff());
    tb.add(p("x{3}.y"), t("5"));
    assertEquals(t("{a: {b: !insert 1, c: {d: !delete 2}}, x: {3: {y: 5}}}"), tb.rootDiff());
    assertEquals(3, tb.size());
    // A later patch at the same path acts after the earlier one.
    tb.add(p("a.b"), t("{z: 1}"));
    assertEquals(t("{a: {b: !insert {z: 1}, c: {d: !delete 2}}, x: {3: {y: 5}}}"), tb.rootDiff());
    tb.clear();
    assertTrue(tb.isEmpty());
    assertEquals(t("{}"), tb.rootDiff());
  }

  @Test
  void toLogEntryCarriesTheMergedDiffAndRoundTrips() throws Exception {
    TransactionBuffer tb = new TransactionBuffer(DiffKind.TONY);
    tb.add(p("items"), t("!key(sku) [{sku: A, qty: 3}]"));
    tb.add(p("n"), t("!replace {from: 1, to: 2}"));
    LogEntry e = tb.toLogEntry(12, 3, "2025-10-09T10:00:00.5Z");
    assertEquals(12, e.commit());
    assertEquals(3, e.seq());
    assertEquals("2025-10-09T10:00:00.5Z", e.timestamp());
    assertEquals(t("{items: !key(sku) [{sku: A, qty: 3}], n: !replace {from: 1, to: 2}}"), e.diff());
    byte[] wire = LogEntryCodec.toWire(e);
    assertEquals(e, LogEntryCodec.fromWire(wire, 0, wire.length));
  }

  @Test
  void aConflictLeavesTheBufferAsItWas() throws Exception {
    TransactionBuffer tb = new TransactionBuffer(DiffKind.MERGE_PATCH);
    tb.add(p("a"), t("null"));
    Node before = tb.rootDiff();
    UncomposableDiffException u = assertThrows(UncomposableDiffException.class, () -> tb.add(p("a.b"), t("1")));
    assertEquals("a", u.path());
    assertSame(before, tb.rootDiff());
    assertEquals(1, tb.size());
  }

  @Test
  void positionalPathsAndCorruptDiffsAreRefused() {
    TransactionBuffer tb = new TransactionBuffer(DiffKind.TONY);
    assertThrows(IllegalArgumentException.class, () -> tb.add(p("a[0].b"), t("1")));
    assertThrows(IllegalArgumentException.class, () -> tb.add(p("a(k)"), t("1")));
    assertThrows(IllegalArgumentException.class, () -> tb.add(p("a.*"), t("1")));
    FormatException e = assertThrows(FormatException.class, () -> tb.add(p("a.b"), t("{c: !replace {to: 1}}")));
    assertEquals("a.b.c", e.path());
    assertTrue(tb.isEmpty());
  }

  /** Applying the merged root diff equals applying each patch, in order, as its own root diff. */
  @Test
  void theMergedDiffEqualsThePatchesInOrder() throws Exception {
    for (DiffKind kind : DiffKind.values()) {
      Random r = new Random(kind.ordinal() * 1000 + 5);
      int accepted = 0, refused = 0;
      for (int iter = 0; iter < 1500; iter++) {
        Node start = HistoryTrees.TREES.randomObject(r, 3);
        Node state = start;
        TransactionBuffer tb = new TransactionBuffer(kind);
        int patches = 1 + r.nextInt(5);
        for (int i = 0; i < patches; i++) {
          KindedPath path = objectPath(state, r);
          Node here = NodePaths.get(state, path);
          Node diff = kind == DiffKind.MERGE_PATCH ? Histories.patch(here, r, 2)
              : here != null && r.nextBoolean() ? orEmpty(DiffApplyTestDiffer.diff(here, HistoryTrees.TREES.mutate(here, r, 2)))
              : Histories.lenientDiff(here != null && here.isObject() ? here : Node.emptyObject(), r);
          if (kind == DiffKind.MERGE_PATCH && r.nextInt(5) == 0) diff = r.nextBoolean() ? Node.NULL : Node.integer(4);
          try {
            tb.add(path, diff);
          } catch (UncomposableDiffException u) {
            refused++;
            continue;
          }
          accepted++;
          state = kind.apply(state, NodePaths.set(null, path, diff));
        }
        Node merged = tb.rootDiff();
        Node got = kind.apply(start, merged);
        Node want = state;
        assertEquals(want, got, () -> kind + " start " + start + "\nmerged " + merged);
      }
      assertTrue(accepted > 3000 && refused > 10, kind + ": " + accepted + " accepted, " + refused + " refused");
    }
  }

  /** A path of fields and sparse keys: into state's objects, sometimes one step into nothing. */
  private static KindedPath objectPath(Node state, Random r) {
    KindedPath p = KindedPath.ROOT;
    Node cur = state;
    while (cur != null && cur.isObject() && cur.size() > 0 && r.nextInt(3) != 0) {
      int i = r.nextInt(cur.size());
      NodeKey k = cur.key(i);
      p = p.child(NodePaths.segmentOf(k));
      cur = cur.child(i);
    }
    if (r.nextInt(4) == 0 && (cur == null || cur.isObject())) p = p.field("new" + r.nextInt(2));
    return p;
  }

  private static Node orEmpty(Node d) {
    return d == null ? Node.emptyObject() : d;
  }
}
