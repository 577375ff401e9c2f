package io.logdex.format.history;

import static io.logdex.format.history.HistoryTrees.entry;
import static io.logdex.format.history.HistoryTrees.p;
import static io.logdex.format.history.HistoryTrees.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import io.logdex.format.log.LogEntry;
import io.logdex.format.path.KindedPath;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;

class ReadAtTest {
  private static PathState read(String base, String path, long asOf, DiffKind kind, LogEntry... entries)
      throws Exception {
    return ReadAt.read(p(path), asOf, Snapshot.ofRoot(0, base == null ? null : t(base)), List.of(entries), kind);
  }

  @Test
  void liftsAboveAnIndexWhenAnArraydiffMovesElements() throws Exception {
    Node base = t("{a: [{x: 1}, {x: 2}], b: 0}");
    LogEntry e = entry(1, 0, "{a: !arraydiff {0: !insert {x: 0}}}");
    List<KindedPath> asked = new ArrayList<>();
    Snapshot snap = Snapshot.at(0, q -> {
      asked.add(q);
      return NodePaths.get(base, q);
    });
    // The old a[0] is now a[1]: reading the base at a[1] would give 2.
    assertEquals(PathState.of(t("1")), ReadAt.read(p("a[1].x"), 1, snap, List.of(e), DiffKind.TONY));
    assertEquals(List.of(p("a")), asked);
    ReadPlan plan = ReadPlan.of(p("a[1].x"), DiffKind.TONY, List.of(e));
    assertTrue(plan.lifted());
    assertEquals(p("a"), plan.basePath());
    // Without the arraydiff there is nothing to lift for.
    assertFalse(ReadPlan.of(p("a[1].x"), DiffKind.TONY, List.of(entry(1, 0, "{b: 1}"))).lifted());
  }

  @Test
  void keyedArraysAreReadByKey() throws Exception {
    String base = "{items: !key(sku) [{sku: A, qty: 1}, {sku: C, qty: 9}]}";
    LogEntry e1 = entry(1, 0, "{items: !key(sku) [{sku: A, qty: 5}, !insert {sku: B, qty: 1}]}");
    LogEntry e2 = entry(2, 0, "{items: !key(sku) [!delete {sku: C, qty: 9}]}");
    assertEquals(PathState.of(t("5")), read(base, "items(A).qty", 2, DiffKind.TONY, e1, e2));
    assertEquals(PathState.of(t("1")), read(base, "items(B).qty", 2, DiffKind.TONY, e1, e2));
    assertEquals(PathState.of(t("9")), read(base, "items(C).qty", 1, DiffKind.TONY, e1, e2));
    assertEquals(PathState.absent(), read(base, "items(C)", 2, DiffKind.TONY, e1, e2));
    assertEquals(PathState.of(t("{sku: B, qty: 1}")), read(base, "items[1]", 2, DiffKind.TONY, e1, e2));
  }

  @Test
  void nullIsAValueInTonyAndADeletionInAMergePatch() throws Exception {
    LogEntry e = entry(1, 0, "{a: null}");
    PathState tony = read("{a: 1}", "a", 1, DiffKind.TONY, e);
    assertTrue(tony.isPresent());
    assertEquals(Node.NULL, tony.value());
    PathState patch = read("{a: 1}", "a", 1, DiffKind.MERGE_PATCH, e);
    assertTrue(patch.isAbsent());
    assertThrows(NoSuchElementException.class, patch::value);
    assertEquals(null, patch.orNull());
    assertFalse(PathState.absent().equals(PathState.of(Node.NULL)));
  }

  @Test
  void entriesOutsideSnapshotToCommitAreSkipped() throws Exception {
    List<LogEntry> es = List.of(entry(1, 0, "{n: 1}"), entry(2, 0, "{n: 2}"), entry(2, 1, "{m: 2}"),
        entry(3, 0, "{n: 3}"));
    Node atOne = t("{n: 1}"); // the snapshot at commit 1 holds commit 1's change
    assertEquals(PathState.of(t("2")), ReadAt.read(p("n"), 2, Snapshot.ofRoot(1, atOne), es, DiffKind.TONY));
    assertEquals(PathState.of(t("1")), ReadAt.read(p("n"), 1, Snapshot.ofRoot(1, atOne), es, DiffKind.TONY));
    assertEquals(PathState.of(t("3")), ReadAt.read(p("n"), 9, Snapshot.ofRoot(1, atOne), es, DiffKind.TONY));
    assertEquals(PathState.absent(), ReadAt.read(p("m"), 1, Snapshot.none(), es, DiffKind.TONY));
    assertEquals(PathState.of(t("2")), ReadAt.read(p("m"), 2, Snapshot.none(), es, DiffKind.TONY));
    assertEquals(PathState.of(t("{n: 3, m: 2}")), ReadAt.read(p(""), 3, Snapshot.none(), es, DiffKind.TONY));
    assertThrows(IllegalArgumentException.class,
        () -> ReadAt.read(p("n"), 0, Snapshot.ofRoot(1, atOne), es, DiffKind.TONY));
  }

  @Test
  void entriesMustAscendByCommitAndSeq() {
    assertThrows(IllegalArgumentException.class,
        () -> read("{}", "a", 5, DiffKind.TONY, entry(2, 0, "{a: 1}"), entry(1, 0, "{a: 2}")));
    assertThrows(IllegalArgumentException.class,
        () -> read("{}", "a", 5, DiffKind.TONY, entry(1, 1, "{a: 1}"), entry(1, 0, "{a: 2}")));
    assertThrows(IllegalArgumentException.class,
        () -> read("{}", "a", 5, DiffKind.TONY, entry(1, 0, "{a: 1}"), entry(1, 0, "{a: 1}")));
    assertThrows(IllegalArgumentException.class, () -> read("{}", "a.*", 5, DiffKind.TONY));
  }

  // ---- corrupt entries are errors, never skips ----

  @Test
  void aReplaceWithoutToOnThePathNamesCommitSeqAndPath() {
    CorruptEntryException e = assertThrows(CorruptEntryException.class,
        () -> read("{a: {b: 1}}", "a.b", 9, DiffKind.TONY, entry(1, 0, "{a: {c: 1}}"),
            entry(4, 2, "{a: {b: !replace {from: 1}}}")));
    assertEquals(4, e.commit());
    assertEquals(2, e.seq());
    assertEquals("a.b", e.path());
    assertTrue(e.getMessage().contains("commit 4, seq 2"), e.getMessage());
    assertTrue(e.getMessage().contains("from: and to:"), e.getMessage());
  }

  @Test
  void aCorruptPartOffThePathStillFailsTheRead() {
    // The read of x never applies a.b, but the entry is corrupt all the same.
    CorruptEntryException e = assertThrows(CorruptEntryException.class,
        () -> read("{x: 1}", "x", 9, DiffKind.TONY, entry(3, 0, "{x: 2, a: {b: !replace {to: 1}}}")));
    assertEquals(3, e.commit());
    assertEquals("a.b", e.path());
    e = assertThrows(CorruptEntryException.class,
        () -> read("{x: 1}", "x", 9, DiffKind.TONY, entry(3, 0, "{a: !arraydiff {0: !insert 1, \"0\": !delete 2}}")));
    assertEquals("a", e.path());
    e = assertThrows(CorruptEntryException.class,
        () -> read("{x: 1}", "x", 9, DiffKind.TONY, entry(3, 0, "{a: !arraydiff {x: !insert 1}}")));
    Node unusableKey = Node.objectBuilder()
        .put("a", Node.array(Node.array(t("{id: 1}")).withTag("!key(a[*])"))).build();
    e = assertThrows(CorruptEntryException.class,
        () -> read("{x: 1}", "x", 9, DiffKind.TONY, entry(3, 0, unusableKey)));
    assertEquals("a[0]", e.path());
    assertTrue(e.getMessage().contains("unusable key path"), e.getMessage());
    e = assertThrows(CorruptEntryException.class,
        () -> read("{x: 1}", "x", 9, DiffKind.TONY, entry(3, 0, "{a: !insert() 1}")));
    assertEquals("a", e.path());
  }

  @Test
  void aDiffThatDoesNotFitTheStateNamesTheAbsolutePath() {
    // Deleting slot 5 of a two-element array: found when applied at the lifted base "a.b".
    CorruptEntryException e = assertThrows(CorruptEntryException.class,
        () -> read("{a: {b: [1, 2]}}", "a.b[0]", 9, DiffKind.TONY, entry(7, 1, "{a: {b: !arraydiff {5: !delete 1}}}")));
    assertEquals(7, e.commit());
    assertEquals(1, e.seq());
    assertEquals("a.b", e.path());
    CorruptEntryException located = e.located("logs/in-0001.log", 4096);
    assertEquals("logs/in-0001.log", located.source());
    assertEquals(4096, located.offset());
    assertTrue(located.getMessage().startsWith("logs/in-0001.log: offset 4096, path \"a.b\": commit 7, seq 1: "),
        located.getMessage());
    // Keyed elements without a key are found against a real array.
    e = assertThrows(CorruptEntryException.class,
        () -> read("{k: [{id: 1}]}", "k", 9, DiffKind.TONY, entry(2, 0, "{k: !key(id) [{v: 1}]}")));
    assertEquals("k[0]", e.path());
  }

  @Test
  void tenThousandLevelsDeep() throws Exception {
    int depth = 10_000;
    KindedPath deep = KindedPath.ROOT;
    for (int i = 0; i < depth; i++) deep = deep.field("a");
    Node base = NodePaths.set(null, deep, t("{x: 1, y: [1, 2]}"));
    Node diff = NodePaths.set(null, deep, t("{x: !delete 1, y: !arraydiff {0: !delete 1}}"));
    LogEntry e = entry(1, 0, diff);
    Snapshot snap = Snapshot.ofRoot(0, base);
    assertEquals(PathState.of(t("2")), ReadAt.read(deep.field("y").index(0), 1, snap, List.of(e), DiffKind.TONY));
    assertEquals(PathState.absent(), ReadAt.read(deep.field("x"), 1, snap, List.of(e), DiffKind.TONY));
    assertEquals(PathState.of(t("{y: [2]}")), ReadAt.read(deep, 1, snap, List.of(e), DiffKind.TONY));
  }

  @Test
  void pathStateKeepsAbsenceApart() {
    assertEquals(PathState.of(t("1")), PathState.ofNullable(t("1")));
    assertEquals("<absent>", PathState.absent().toString());
    assertEquals("null", PathState.of(Node.NULL).toString());
    assertTrue(PathState.absent().toOptional().isEmpty());
    assertThrows(NullPointerException.class, () -> PathState.of(null));
  }

  @Test
  void corruptionIsAFormatException() {
    FormatException e = assertThrows(FormatException.class,
        () -> read("{}", "", 9, DiffKind.TONY, entry(1, 0, "!replace 3")));
    assertEquals("", e.path());
  }
}
