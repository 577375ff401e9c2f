package io.logdex.format.history;

import static io.logdex.format.history.HistoryTrees.entry;
import static io.logdex.format.history.HistoryTrees.t;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.log.LogEntry;
import io.logdex.format.tree.Node;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EntryMergeTest {
  @Test
  void theMergedEntryTakesTheFirstSeqAndTheLastTimestamp() throws Exception {
    LogEntry a = new LogEntry(5, 2, "2025-10-09T10:00:01Z", t("{x: !insert 1}"));
    LogEntry b = new LogEntry(5, 7, "2025-10-09T10:00:02Z", t("{y: 2}"));
    LogEntry m = EntryMerge.merge(List.of(b, a), DiffKind.TONY); // any order in
    assertEquals(new LogEntry(5, 2, "2025-10-09T10:00:02Z", t("{x: !insert 1, y: 2}")), m);
  }

  @Test
  void malformedInputsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> EntryMerge.merge(List.of(), DiffKind.TONY));
    assertThrows(IllegalArgumentException.class,
        () -> EntryMerge.merge(List.of(entry(1, 0, "{a: 1}"), entry(2, 1, "{b: 1}")), DiffKind.TONY));
    assertThrows(IllegalArgumentException.class,
        () -> EntryMerge.merge(List.of(entry(1, 0, "{a: 1}"), entry(1, 0, "{b: 1}")), DiffKind.TONY));
    CorruptEntryException e = assertThrows(CorruptEntryException.class,
        () -> EntryMerge.merge(List.of(entry(3, 0, "{a: 1}"), entry(3, 1, "{b: {c: !replace {from: 1}}}")), DiffKind.TONY));
    assertEquals(3, e.commit());
    assertEquals(1, e.seq());
    assertEquals("b.c", e.path());
    // A part that can never apply after the earlier ones.
    e = assertThrows(CorruptEntryException.class,
        () -> EntryMerge.merge(List.of(entry(3, 0, "{a: !insert 1}"), entry(3, 4, "{a: !arraydiff {0: !delete 1}}")), DiffKind.TONY));
    assertEquals(4, e.seq());
    assertEquals("a", e.path());
    UncomposableDiffException u = assertThrows(UncomposableDiffException.class,
        () -> EntryMerge.merge(List.of(entry(3, 0, "{a: null}"), entry(3, 1, "{a: 1}")), DiffKind.MERGE_PATCH));
    assertTrue(u.getMessage().contains("commit 3, seq 1"), u.getMessage());
  }

  /** Every multi-seq commit of random histories: replaying the merged entry equals replaying the parts. */
  @Test
  void mergedCommitsReplayAsTheirParts() throws Exception {
    for (DiffKind kind : DiffKind.values()) {
      Random r = new Random(17 + kind.ordinal());
      int merged = 0, refused = 0;
      for (int iter = 0; iter < 400; iter++) {
        Histories h = kind == DiffKind.TONY ? Histories.tony(r, 6) : Histories.mergePatch(r, 6);
        List<LogEntry> replay = new ArrayList<>();
        for (long c = 1; c <= h.maxCommit(); c++) {
          List<LogEntry> parts = new ArrayList<>();
          for (LogEntry e : h.entries) if (e.commit() == c) parts.add(e);
          if (parts.size() < 2) {
            replay.addAll(parts);
            continue;
          }
          List<LogEntry> shuffled = new ArrayList<>(parts);
          Collections.shuffle(shuffled, r);
          try {
            LogEntry m = EntryMerge.merge(shuffled, kind);
            assertEquals(parts.get(0).seq(), m.seq());
            replay.add(m);
            merged++;
          } catch (UncomposableDiffException u) {
            replay.addAll(parts);
            refused++;
          }
        }
        Node want = h.stateAtCommit.get((int) h.maxCommit());
        assertEquals(want, Compaction.replay(h.base, replay, kind).orNull(), kind + " history " + iter);
        // And every commit in between still reads as the model says.
        long n = 1 + r.nextInt((int) h.maxCommit());
        assertEquals(h.stateAtCommit.get((int) n), ReadAt.read(io.logdex.format.path.KindedPath.ROOT, n,
            Snapshot.ofRoot(0, h.base), replay, kind).orNull());
      }
      assertTrue(merged > 300 && refused > 5, kind + ": " + merged + " merged, " + refused + " refused");
    }
  }
}
