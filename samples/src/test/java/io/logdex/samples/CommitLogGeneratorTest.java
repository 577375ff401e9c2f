package io.logdex.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CommitLogGeneratorTest {

  private static byte[] log(Layout layout, long commits, DocFormat f, long seed) throws IOException {
    return TestData.generate(out -> CommitLogGenerator.write(out, layout, commits, f, seed));
  }

  /** Replays both forms of a commit log onto both forms of the snapshot they were generated for. */
  private static DiffChecker replay(Layout layout, long commits, long seed) throws IOException {
    byte[] json = TestData.generate(out -> SnapshotGenerator.write(out, layout, DocFormat.JSON, seed));
    byte[] wire = TestData.generate(out -> SnapshotGenerator.write(out, layout, DocFormat.WIRE, seed));
    List<Object> jsonl = MiniDoc.parseLines(log(layout, commits, DocFormat.JSON, seed), MiniDoc.Mode.JSON);
    List<Object> tony = MiniDoc.parseLines(log(layout, commits, DocFormat.WIRE, seed), MiniDoc.Mode.TONY);
    DiffChecker checker = new DiffChecker();
    checker.replay(MiniDoc.parse(json, MiniDoc.Mode.JSON), MiniDoc.parse(wire, MiniDoc.Mode.TONY), jsonl, tony);
    return checker;
  }

  @Test
  void diffsHitRealPathsOfASizedSnapshot() throws IOException {
    DiffChecker c = replay(Layout.forBytes(1 << 20), 400, 31);
    // About 110 namespaces: 400 commits switch flags on in many of them before any is switched off.
    assertTrue(c.replaces > 300 && c.inserts > 20, "replaces " + c.replaces + ", inserts " + c.inserts);
  }

  /** Few targets and many commits: every target is changed many times, so old values must chain. */
  @Test
  void repeatedChangesOfTheSameTargetsStayConsistent() throws IOException {
    for (long seed = 0; seed < 3; seed++) {
      DiffChecker c = replay(Layout.of(2, 2, 1, 0), 500, seed);
      assertTrue(c.deletes > 20, "flags switched on and off repeatedly: " + c.deletes);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void commitsHaveOneToThreeEntriesAndIncreasingTimestamps() throws IOException {
    List<Object> entries = MiniDoc.parseLines(log(Layout.sample(), 1000, DocFormat.JSON, 4), MiniDoc.Mode.JSON);
    int[] perCommit = new int[1001];
    String lastTimestamp = "";
    for (Object e : entries) {
      Map<String, Object> m = (Map<String, Object>) e;
      perCommit[(int) (long) (Long) m.get("commit")]++;
      String ts = (String) m.get("timestamp");
      assertTrue(ts.matches("2025-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), ts);
      assertTrue(ts.compareTo(lastTimestamp) >= 0, "timestamps never go back");
      lastTimestamp = ts;
    }
    int[] histogram = new int[4];
    for (int c = 1; c <= 1000; c++) {
      assertTrue(perCommit[c] >= 1 && perCommit[c] <= 3, "commit " + c + " has " + perCommit[c]);
      histogram[perCommit[c]]++;
    }
    assertTrue(histogram[2] > 100 && histogram[3] > 30, "multi-entry commits: " + histogram[2] + "/" + histogram[3]);
  }

  @Test
  void deterministicPerSeed() throws IOException {
    Layout layout = Layout.forBytes(512 * 1024);
    for (DocFormat f : new DocFormat[] {DocFormat.JSON, DocFormat.WIRE}) {
      String a = TestData.sha256(log(layout, 300, f, 8));
      assertEquals(a, TestData.sha256(log(layout, 300, f, 8)));
      assertNotEquals(a, TestData.sha256(log(layout, 300, f, 9)));
    }
  }

  @Test
  void permutationIsABijection() {
    Random r = new Random(99);
    for (int round = 0; round < 300; round++) {
      int n = 1 + r.nextInt(round < 100 ? 20 : 5000);
      CommitLogGenerator.Permutation p = new CommitLogGenerator.Permutation(n, r.nextLong());
      BitSet seen = new BitSet(n);
      for (int x = 0; x < n; x++) {
        long y = p.apply(x);
        assertTrue(y >= 0 && y < n && !seen.get((int) y), "n=" + n + " x=" + x + " -> " + y);
        seen.set((int) y);
      }
    }
    CommitLogGenerator.Permutation big = new CommitLogGenerator.Permutation(5_000_000_000L, 7);
    assertTrue(big.apply(4_999_999_999L) < 5_000_000_000L && big.apply(3) >= 0);
  }

  @Test
  void rejectsPrettyJsonAndNegativeCounts() {
    assertThrows(IllegalArgumentException.class,
        () -> CommitLogGenerator.write(OutputStream.nullOutputStream(), Layout.sample(), 1, DocFormat.PRETTY_JSON, 1));
    assertThrows(IllegalArgumentException.class,
        () -> CommitLogGenerator.write(OutputStream.nullOutputStream(), Layout.sample(), -1, DocFormat.JSON, 1));
  }
}
