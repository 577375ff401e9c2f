package io.logdex.format.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.log.LogEntry;
import io.logdex.format.path.KindedPath;
import io.logdex.format.tree.DiffApplyTestDiffer;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * ReadAt against the reference model: random bases and random diff sequences, read at random
 * commits and paths from a snapshot at commit 0 or at a random earlier commit (made by replaying
 * up to it, i.e. compaction), with all entries or only the index's candidates; the answer must be
 * the model's (replay everything on the whole state, then NodePaths.get).
 */
class ReadAtModelTest {
  private final Map<String, Integer> stats = new TreeMap<>();

  @Test
  void tonyHistoriesReadAsTheModelSays() throws Exception {
    Random r = new Random(20251009);
    for (int iter = 0; iter < 250; iter++) {
      Histories h = Histories.tony(r, 3 + r.nextInt(8));
      check(h, r);
    }
    // The walk must have met every case, or the comparison proves little.
    for (String s : new String[] {"lifted", "Constant", "Deleted", "DiffAt", "Unchanged",
        "present", "absent", "null-value"}) {
      assertTrue(stats.getOrDefault(s, 0) > 30, () -> "too few " + s + ": " + stats);
    }
  }

  @Test
  void mergePatchHistoriesReadAsTheModelSays() throws Exception {
    Random r = new Random(7386);
    for (int iter = 0; iter < 250; iter++) {
      Histories h = Histories.mergePatch(r, 3 + r.nextInt(8));
      check(h, r);
    }
    assertEquals(0, stats.getOrDefault("lifted", 0), "merge patches never need an ancestor");
    for (String s : new String[] {"Constant", "Deleted", "DiffAt", "Unchanged", "present", "absent"}) {
      assertTrue(stats.getOrDefault(s, 0) > 30, () -> "too few " + s + ": " + stats);
    }
  }

  /** Tony histories that start from nothing: no snapshot, the first entry inserts the base. */
  @Test
  void withoutASnapshotReadsStartFromAbsence() throws Exception {
    Random r = new Random(99);
    for (int iter = 0; iter < 80; iter++) {
      Histories h = Histories.tony(r, 2 + r.nextInt(5));
      List<LogEntry> entries = new ArrayList<>();
      entries.add(HistoryTrees.entry(0, 0, DiffApplyTestDiffer.diff(Node.emptyObject(), h.base)));
      entries.addAll(h.entries);
      long n = r.nextInt((int) h.maxCommit() + 1);
      Node whole = Compaction.replay(null, selectUpTo(entries, n), DiffKind.TONY).orNull();
      assertEquals(h.stateAtCommit.get((int) n), whole);
      for (KindedPath p : h.probes(r, 20)) {
        PathState got = ReadAt.read(p, n, Snapshot.none(), entries, DiffKind.TONY);
        assertEquals(PathState.ofNullable(NodePaths.get(whole, p)), got, () -> "at " + p + " commit " + n);
      }
    }
  }

  private void check(Histories h, Random r) throws Exception {
    for (int round = 0; round < 3; round++) {
      long k = round == 0 ? 0 : r.nextInt((int) h.maxCommit() + 1);
      long n = k + r.nextInt((int) (h.maxCommit() - k) + 1);
      // Compaction: the snapshot at k is the replay of everything up to k.
      Node snapshotRoot = Compaction.replay(h.base, h.entriesUpTo(k), h.kind).orNull();
      assertEquals(h.stateAtCommit.get((int) k), snapshotRoot);
      for (KindedPath p : h.probes(r, 25)) {
        PathState want = h.model(n, p);
        count(want.isAbsent() ? "absent" : want.value().isNull() ? "null-value" : "present");
        List<KindedPath> asked = new ArrayList<>();
        Snapshot snap = Snapshot.at(k, q -> {
          asked.add(q);
          return NodePaths.get(snapshotRoot, q);
        });
        PathState all = ReadAt.read(p, n, snap, h.entries, h.kind);
        assertEquals(want, all, () -> describe(h, k, n, p));
        assertEquals(1, asked.size(), "one base read");
        assertTrue(asked.get(0).isPrefixOf(p), "the base path is an ancestor of the path");
        if (!asked.get(0).equals(p)) count(asked.get(0).isRoot() ? "lifted-root" : "lifted");

        List<LogEntry> candidates = new ArrayList<>();
        for (LogEntry e : h.entries) if (Histories.touches(e, p)) candidates.add(e);
        assertEquals(want, ReadAt.read(p, n, Snapshot.ofRoot(k, snapshotRoot), candidates, h.kind),
            () -> "index candidates only: " + describe(h, k, n, p));

        for (LogEntry e : h.entries) count(DiffRestriction.restrict(e.diff(), p, h.kind).getClass().getSimpleName());
        checkSubtree(h, snapshotRoot, k, n, p);
      }
    }
  }

  /** Compaction of one sub-document gives the model's value there, or names an ancestor that does. */
  private void checkSubtree(Histories h, Node snapshotRoot, long k, long n, KindedPath p) throws Exception {
    List<LogEntry> later = new ArrayList<>();
    for (LogEntry e : h.entries) if (e.commit() > k && e.commit() <= n) later.add(e);
    SubtreeResult sub = Compaction.applyToSubtree(p, NodePaths.get(snapshotRoot, p), later, h.kind);
    if (sub.isComplete()) {
      assertEquals(h.model(n, p), sub.state(), () -> "subtree " + describe(h, k, n, p));
      return;
    }
    KindedPath a = sub.ancestor();
    assertTrue(a.isAncestorOf(p));
    SubtreeResult up = Compaction.applyToSubtree(a, NodePaths.get(snapshotRoot, a), later, h.kind);
    assertTrue(up.isComplete(), "the named ancestor is enough");
    assertEquals(h.model(n, p), PathState.ofNullable(NodePaths.get(up.state().orNull(), p.relativeTo(a))));
    assertFalse(a.equals(p));
  }

  private static List<LogEntry> selectUpTo(List<LogEntry> entries, long n) {
    List<LogEntry> out = new ArrayList<>();
    for (LogEntry e : entries) if (e.commit() <= n) out.add(e);
    return out;
  }

  private void count(String what) {
    stats.merge(what, 1, Integer::sum);
  }

  private static String describe(Histories h, long k, long n, KindedPath p) {
    StringBuilder sb = new StringBuilder();
    sb.append("path \"").append(p).append("\" at commit ").append(n).append(" from snapshot ").append(k)
        .append("\nbase ").append(h.base);
    for (LogEntry e : h.entries) sb.append("\n  ").append(e.commit()).append('/').append(e.seq()).append(' ').append(e.diff());
    return sb.toString();
  }
}
