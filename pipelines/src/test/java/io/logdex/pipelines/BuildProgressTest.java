package io.logdex.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.pipelines.BuildProgress.Phase;
import io.logdex.pipelines.BuildProgress.Snapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sampler tells each phase's end once, in order, before the running phase's figures; a phase
 * that began and ended between two samples claims no time. Here with no figures at all (a runner
 * that answers nothing while running, and no in-process counters): the job's end alone ends them.
 */
class BuildProgressTest {
  private final List<String> told = new ArrayList<>();
  private final List<Snapshot> ended = new ArrayList<>();
  private final BuildJob.ProgressListener listener = new BuildJob.ProgressListener() {
    @Override
    public void progress(Snapshot s) {
      told.add("progress " + s.phase().word());
    }

    @Override
    public void phaseEnded(Snapshot s) {
      told.add("ended " + s.phase().word());
      ended.add(s);
    }
  };

  @Test
  void withoutFiguresIngestRunsUntilTheJobEndsThenEveryPhaseEndsInOrder() {
    BuildProgress p = new BuildProgress(1000, 4, 2, System.nanoTime(), () -> null);
    p.report(null, false, listener);
    p.report(null, false, listener);
    p.report(null, true, listener);
    assertEquals(List.of("progress ingest", "progress ingest", "ended ingest", "ended merge", "ended commit"), told);
    assertFalse(Double.isNaN(ended.get(0).phaseSeconds()), "ingest was seen running: it has a time");
    assertTrue(Double.isNaN(ended.get(1).phaseSeconds()) && Double.isNaN(ended.get(2).phaseSeconds()),
        "merge and commit were never seen running");
    assertEquals(3, ended.get(0).mergeTotal(), "without in-process counters: every partition and the doc table");
    p.report(null, true, listener);
    assertEquals(5, told.size(), "a phase ends once");
  }

  @Test
  void aBuildWithNoChunksHasNothingToIngest() {
    BuildProgress p = new BuildProgress(0, 0, 2, System.nanoTime(), () -> null);
    p.report(null, false, listener);
    assertEquals(List.of("ended ingest", "progress merge"), told);
    assertEquals(Phase.INGEST, ended.get(0).phase());
  }
}
