package io.logdex.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logdex.pipelines.BuildProgress.Phase;
import io.logdex.pipelines.BuildProgress.Snapshot;
import org.junit.jupiter.api.Test;

/** The progress line's words: each phase's figures, its rate over its own time, and its ETA. */
class ProgressLineTest {
  private static Snapshot at(Phase phase, long bytes, long chunksDone, long merged, double phaseSeconds) {
    return new Snapshot(phase, bytes, 100_000_000, 12345, 2, chunksDone, 4, merged, 5, 0, 0, phaseSeconds, 99);
  }

  /** A merge whose runs' bytes are known (in process). */
  private static Snapshot merging(long merged, long mergedRunBytes, double phaseSeconds) {
    return new Snapshot(Phase.MERGE, 100_000_000, 100_000_000, 12345, 2, 4, 4, merged, 3, mergedRunBytes,
        40_000_000, phaseSeconds, 99);
  }

  @Test
  void ingestHasItsShareOfTheBytesARateAndAnEta() {
    Snapshot s = at(Phase.INGEST, 25_000_000, 1, 0, 5.0);
    assertEquals(5_000_000, s.bytesPerSecond(), 1e-6);
    assertEquals(15.0, s.etaSeconds(), 1e-9);
    assertEquals("ingest: 25.0 of 100.0 MB (25%), 1/4 chunks, 12345 records, 2 bad, 5.0 MB/s, ETA 15 s",
        ProgressLine.running(s));
  }

  @Test
  void theRateIsTheRunningPhasesNotTheBuilds() {
    // 99 s into the build, 3 s into the merge: 3 of 5 partitions at 1 a second leaves 2 s.
    Snapshot s = at(Phase.MERGE, 100_000_000, 4, 3, 3.0);
    assertEquals(2.0, s.etaSeconds(), 1e-9);
    assertEquals("merge: 3 of 5 partitions (60%), 1.0 partitions/s, ETA 2 s", ProgressLine.running(s));
  }

  @Test
  void aMergeHasNoEtaBeforeHalfOfItIsMerged() {
    // The small doc table ended first: 1 MB of 40 in 1 s would promise 39 s for a merge of seconds.
    assertEquals(-1, merging(1, 1_000_000, 1.0).etaSeconds());
    assertEquals(-1, at(Phase.MERGE, 0, 4, 2, 1.0).etaSeconds(), "2 of 5 partitions");
    assertEquals(3.0, at(Phase.MERGE, 0, 4, 3, 4.5).etaSeconds(), 1e-9, "3 of 5 partitions in 4.5 s: 2 more");
  }

  @Test
  void aMergeWithKnownRunBytesGoesByBytesNotPartitions() {
    // 1 of 3 partitions, but it held 30 of 40 MB of runs: 2 s for 30 MB leaves 0.7 s, not 4 s.
    Snapshot s = merging(1, 30_000_000, 2.0);
    assertEquals(10.0 / 15, s.etaSeconds(), 1e-9);
    assertEquals("merge: 30.0 of 40.0 MB of runs (75%), 1/3 partitions, 15.0 MB/s, ETA 1 s", ProgressLine.running(s));
    assertEquals("merge: 3 partitions, 40.0 MB of runs in 4.0 s (10.0 MB/s)",
        ProgressLine.finished(merging(3, 40_000_000, 4.0)));
  }

  @Test
  void nothingDoneYetHasNoEta() {
    assertEquals(-1, at(Phase.INGEST, 0, 0, 0, 0.0).etaSeconds());
    assertEquals(-1, at(Phase.INGEST, 0, 0, 0, 3.0).etaSeconds());
    assertEquals("merge: 0 of 5 partitions (0%), 0.0 partitions/s, ETA ?", ProgressLine.running(at(Phase.MERGE, 0, 4, 0, 1.0)));
    assertEquals(-1, at(Phase.COMMIT, 0, 4, 5, 1.0).etaSeconds(), "a commit has no known total");
    assertEquals("commit: 1.5 s", ProgressLine.running(at(Phase.COMMIT, 0, 4, 5, 1.5)));
  }

  @Test
  void longEtasReadInMinutesAndHours() {
    assertEquals("59 s", ProgressLine.eta(59.4));
    assertEquals("3 min 5 s", ProgressLine.eta(185));
    assertEquals("2 h 3 min", ProgressLine.eta(2 * 3600 + 3 * 60 + 7));
    assertEquals("?", ProgressLine.eta(-1));
    assertEquals("?", ProgressLine.eta(Double.NaN));
  }

  @Test
  void aFinishedPhaseSaysWhatItDidAndHowFast() {
    assertEquals("plan: 100.0 MB in 4 chunks (0.5 s)", ProgressLine.finished(at(Phase.PLAN, 0, 0, 0, 0.5)));
    assertEquals("ingest: 100.0 MB, 4 chunks, 12345 records, 2 bad in 10.0 s (10.0 MB/s)",
        ProgressLine.finished(at(Phase.INGEST, 100_000_000, 4, 0, 10.0)));
    assertEquals("merge: 5 partitions in 2.5 s (2.0 partitions/s)", ProgressLine.finished(at(Phase.MERGE, 100_000_000, 4, 5, 2.5)));
    assertEquals("commit: done in 0.3 s", ProgressLine.finished(at(Phase.COMMIT, 100_000_000, 4, 5, 0.3)));
  }

  @Test
  void aPhaseThatBeganAndEndedBetweenSamplesClaimsNoTime() {
    assertEquals("merge: 5 partitions", ProgressLine.finished(at(Phase.MERGE, 100_000_000, 4, 5, Double.NaN)));
    assertEquals("commit: done", ProgressLine.finished(at(Phase.COMMIT, 100_000_000, 4, 5, Double.NaN)));
  }
}
