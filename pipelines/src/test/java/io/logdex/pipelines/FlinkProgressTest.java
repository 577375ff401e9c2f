package io.logdex.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.pipelines.BuildProgress.Snapshot;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/**
 * Progress on a remote Flink cluster, against a fake JobManager REST API: the job is found by its
 * Beam name, the build's counters are summed over vertices from Flink's aggregated subtask metrics
 * and shown as the same lines as in process; polling stops when the job ends, and a cluster that
 * cannot be read costs one note and the figures, never the build.
 */
class FlinkProgressTest {
  private static final String JOB = "buildjob-ops-1205131500-5e1f2a3b";
  private static final String JID = "4a1e3f0c9b8d7e6f5a4b3c2d1e0f9a8b";
  private static final String SOURCE = "bc764cd8ddf7a0cff126f51c16239658";
  private static final String INGEST = "0a448493b4782967b150582570326227";
  private static final String MERGE = "ea632d67b7d595e5b851708ae9ad79d6";
  private static final String INGEST_OP = "MapPartition (BuildIndex/Ingest/ParDo(IngestChunk))";
  private static final String MERGE_OP = "MapPartition (BuildIndex/Merge/ParDo(MergePartition))";

  private final List<String> lines = new ArrayList<>();
  private final BuildJob.ProgressListener listener = new BuildJob.ProgressListener() {
    @Override
    public void progress(Snapshot s) {
      lines.add(ProgressLine.running(s));
    }

    @Override
    public void phaseEnded(Snapshot s) {
      lines.add(ProgressLine.finished(s));
    }
  };

  private static Map<String, Long> counters(long... bytesRecordsBadChunksMerged) {
    Map<String, Long> m = new LinkedHashMap<>();
    String[] names = {"bytesRead", "records", "badRecords", "chunksDone", "partitionsMerged"};
    for (int i = 0; i < bytesRecordsBadChunksMerged.length; i++) m.put(names[i], bytesRecordsBadChunksMerged[i]);
    return m;
  }

  @Test
  void aRunningJobsCountersBecomeTheSameLinesAsInProcess() throws Exception {
    try (FakeFlinkRest flink = new FakeFlinkRest()) {
      // An earlier build under the same --jobName has ended: not ours, though newer than a skewed clock.
      flink.jobs("ffff0000ffff0000ffff0000ffff0000", JOB, "FINISHED", "1764939700000",
          JID, JOB, "RUNNING", "1764939600000",
          "0000aaaa0000aaaa0000aaaa0000aaaa", "someone-elses-job", "RUNNING", "1764939650000");
      flink.job(JID, JOB, "RUNNING", SOURCE, "DataSource (at Impulse)", "FINISHED",
          INGEST, INGEST_OP, "RUNNING", MERGE, MERGE_OP, "CREATED");
      flink.metrics(JID, SOURCE, "DataSource (at Impulse)", Map.of());
      flink.metrics(JID, INGEST, INGEST_OP, counters(600_000, 1000, 2, 1));

      FlinkJobMetrics job = new FlinkJobMetrics(flink.master(), JOB, 0);
      AtomicReference<FlinkJobMetrics.Counters> latest = new AtomicReference<>();
      BuildProgress progress = new BuildProgress(1_000_000, 2, 2, System.nanoTime(), () -> null, latest::get);

      FlinkJobMetrics.Poll p = job.poll();
      assertEquals(JID, p.jobId());
      assertEquals(new FlinkJobMetrics.Counters(600_000, 1000, 2, 1, 0), p.counters());
      assertFalse(flink.asked.stream().anyMatch(a -> a.contains(MERGE)), "a vertex not yet deployed is not asked");
      latest.set(p.counters());
      progress.report(null, false, listener);
      assertTrue(lines.get(0).startsWith("ingest: 0.6 of 1.0 MB (60%), 1/2 chunks, 1000 records, 2 bad, "), lines.get(0));

      // Ingest done, one partition of three merged; the ingest subtasks' metrics have left the store.
      flink.job(JID, JOB, "RUNNING", SOURCE, "DataSource (at Impulse)", "FINISHED",
          INGEST, INGEST_OP, "FINISHED", MERGE, MERGE_OP, "RUNNING");
      flink.metrics(JID, INGEST, INGEST_OP, counters(1_000_000, 2000, 3, 2));
      flink.metrics(JID, MERGE, MERGE_OP, counters(0, 0, 0, 0, 1));
      latest.set(job.poll().counters());
      flink.metrics(JID, INGEST, INGEST_OP, counters(0, 0, 0, 0));
      flink.accumulators(JID, counters(500_000, 1000, 3, 1));
      p = job.poll();
      assertEquals(new FlinkJobMetrics.Counters(1_000_000, 2000, 3, 2, 1), p.counters(),
          "counters only grow: figures that left the store keep their last value; a lagging accumulator loses");
      latest.set(p.counters());
      progress.report(null, false, listener);
      assertTrue(lines.get(1).startsWith("ingest: 1.0 MB, 2 chunks, 2000 records, 3 bad in "), lines.get(1));
      assertTrue(lines.get(2).startsWith("merge: 1 of 3 partitions (33%), "), lines.get(2));
      assertEquals(3, lines.size(), lines.toString());
    }
  }

  @Test
  void inBatchTheFiguresComeFromBeamsAccumulatorAsSubtasksEnd() throws Exception {
    try (FakeFlinkRest flink = new FakeFlinkRest()) {
      flink.jobs(JID, JOB, "RUNNING", "1764939600000");
      flink.job(JID, JOB, "RUNNING", INGEST, INGEST_OP, "RUNNING", MERGE, MERGE_OP, "CREATED");
      // A batch task's one bundle ends with it: the metric store holds Flink's metrics only.
      flink.metrics(JID, INGEST, INGEST_OP, Map.of());
      flink.accumulators(JID, counters(400_000, 800, 0, 1));
      FlinkJobMetrics job = new FlinkJobMetrics(flink.master(), JOB, 0);
      AtomicReference<FlinkJobMetrics.Counters> latest = new AtomicReference<>();
      BuildProgress progress = new BuildProgress(1_000_000, 2, 2, System.nanoTime(), () -> null, latest::get);
      latest.set(job.poll().counters());
      progress.report(null, false, listener);
      assertTrue(lines.get(0).startsWith("ingest: 0.4 of 1.0 MB (40%), 1/2 chunks, 800 records, 0 bad, "), lines.get(0));

      // Every chunk and every partition (and the doc table) done: without in-process figures, commit.
      flink.job(JID, JOB, "RUNNING", INGEST, INGEST_OP, "FINISHED", MERGE, MERGE_OP, "FINISHED");
      flink.accumulators(JID, counters(1_000_000, 2000, 1, 2, 3));
      latest.set(job.poll().counters());
      progress.report(null, false, listener);
      assertEquals(List.of("ingest", "merge", "commit"), lines.subList(1, 4).stream().map(l -> l.split(":")[0]).toList());
      assertTrue(lines.get(1).startsWith("ingest: 1.0 MB, 2 chunks, 2000 records, 1 bad in "), lines.get(1));
      assertTrue(lines.get(2).startsWith("merge: 3 partitions"), lines.get(2));
    }
  }

  @Test
  void aCountersPayloadIsBeamsVarint() throws Exception {
    assertEquals(400_000, AccumulatedMetrics.varint("gLUY"), "as a Flink 1.19 cluster gave it for 400000 records");
    assertEquals(4, AccumulatedMetrics.varint("BA=="));
    assertEquals(Long.MAX_VALUE, AccumulatedMetrics.varint("//////////9/"));
    assertThrows(java.io.IOException.class, () -> AccumulatedMetrics.varint("/////////////w=="), "11 bytes");
    assertThrows(java.io.IOException.class, () -> AccumulatedMetrics.varint("gA=="), "cut short");
    assertThrows(java.io.IOException.class, () -> AccumulatedMetrics.varint("not base64!"));
  }

  @Test
  void thePollerStopsWhenTheJobEnds() throws Exception {
    try (FakeFlinkRest flink = new FakeFlinkRest()) {
      flink.jobs(JID, JOB, "RUNNING", "1764939600000");
      flink.job(JID, JOB, "RUNNING", INGEST, INGEST_OP, "RUNNING");
      flink.metrics(JID, INGEST, INGEST_OP, counters(10, 1, 0, 0));
      List<String> notes = new CopyOnWriteArrayList<>();
      try (FlinkProgressPoller poller = new FlinkProgressPoller(new FlinkJobMetrics(flink.master(), JOB, 0), 10,
          notes::add).start()) {
        waitFor(() -> poller.latest() != null);
        assertEquals(10, poller.latest().bytesRead());
        assertTrue(poller.polling());
        flink.job(JID, JOB, "FAILED", INGEST, INGEST_OP, "FAILED");
        waitFor(() -> !poller.polling());
        int asked = flink.asked.size();
        Thread.sleep(100);
        assertEquals(asked, flink.asked.size(), "nothing asked once the job ended");
      }
      assertEquals(List.of(), notes);
    }
  }

  @Test
  void aClusterThatCannotBeReadCostsOneNoteAndTheFiguresNotTheBuild() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    List<String> notes = new CopyOnWriteArrayList<>();
    try (FlinkProgressPoller poller = new FlinkProgressPoller(
        new FlinkJobMetrics("127.0.0.1:" + closedPort, JOB, 0), 10, notes::add).start()) {
      waitFor(() -> !notes.isEmpty());
      Thread.sleep(100);
      assertEquals(List.of("no live figures from the Flink cluster (its REST API did not answer); showing phases only"),
          notes, "told once, though polled on");
      assertTrue(poller.polling(), "a cluster may answer later");
      assertNull(poller.latest());
      BuildProgress progress = new BuildProgress(1000, 4, 2, System.nanoTime(), () -> null, poller::latest);
      progress.report(null, false, listener);
      progress.report(null, true, listener);
      assertTrue(lines.get(0).startsWith("ingest: 0.0 of 0.0 MB (0%), 0/4 chunks"), lines.get(0));
      assertEquals(List.of("ingest", "merge", "commit"), lines.subList(1, 4).stream().map(l -> l.split(":")[0]).toList());
    }
  }

  @Test
  void anAnswerThatIsNotFlinksIsToldInWordsWithoutClassNames() throws Exception {
    try (FakeFlinkRest flink = new FakeFlinkRest()) {
      flink.answer("/jobs/overview", "<html>Sign in</html>");
      List<String> notes = new CopyOnWriteArrayList<>();
      try (FlinkProgressPoller poller = new FlinkProgressPoller(new FlinkJobMetrics(flink.master(), JOB, 0), 10,
          notes::add).start()) {
        waitFor(() -> !notes.isEmpty());
      }
      assertEquals("no live figures from the Flink cluster (its REST API answered something other than JSON);"
          + " showing phases only", notes.get(0));
    }
    try (FakeFlinkRest flink = new FakeFlinkRest()) {
      List<String> notes = new CopyOnWriteArrayList<>();
      try (FlinkProgressPoller poller = new FlinkProgressPoller(new FlinkJobMetrics(flink.master(), JOB, 0), 10,
          notes::add).start()) {
        waitFor(() -> !notes.isEmpty());
      }
      assertEquals("no live figures from the Flink cluster (http://" + flink.master()
          + "/jobs/overview answered HTTP 404); showing phases only", notes.get(0));
    }
  }

  @Test
  void onlyTheBuildsCountersAreTakenWhateverTheOperatorIsCalled() {
    assertEquals("bytesRead", FlinkJobMetrics.counterOf(INGEST_OP + ".io.logdex.transforms.BuildIndex.bytesRead"));
    assertEquals("partitionsMerged", FlinkJobMetrics.counterOf("io.logdex.transforms.BuildIndex.partitionsMerged"));
    assertNull(FlinkJobMetrics.counterOf(INGEST_OP + ".io.logdex.transforms.BuildIndex.entries"), "not shown");
    assertNull(FlinkJobMetrics.counterOf(INGEST_OP + ".numRecordsIn"));
    assertNull(FlinkJobMetrics.counterOf("x.myio.logdex.transforms.BuildIndex.bytesRead"));
  }

  @Test
  void onlyAFlinkMasterOfHostAndPortIsPolled() {
    assertEquals("jm.example:8081", RemoteFlink.master(options("--runner=FlinkRunner", "--flinkMaster=jm.example:8081")));
    assertEquals("http://jm:8081", RemoteFlink.master(options("--runner=FlinkRunner", "--flinkMaster=http://jm:8081")));
    assertNull(RemoteFlink.master(options("--runner=FlinkRunner", "--flinkMaster=[local]")));
    assertNull(RemoteFlink.master(options("--runner=FlinkRunner")), "[auto] is Flink's to resolve");
    assertNull(RemoteFlink.master(options("--runner=DirectRunner")));
  }

  private static PipelineOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).create();
  }

  private static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) throw new AssertionError("not within 20 s");
      Thread.sleep(5);
    }
  }
}
