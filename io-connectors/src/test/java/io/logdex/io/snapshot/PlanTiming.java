package io.logdex.io.snapshot;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Not a test: a harness that times {@link SplitPlanner#plan} on one file with default settings,
 * as the launcher runs it (the first call in a fresh JVM is the launcher's cold case), printing
 * wall time, this thread's CPU time and a hash of the points (equal hashes: equal plans). It uses
 * only plan(), so the same source compiles against main's classes for an A/B (docs/BENCHMARKS.md,
 * "Split planning").
 *
 * <p>usage: PlanTiming FILE [REPEATS [PLAN_THREADS]] (PLAN_THREADS: 1 for the serial planner;
 * left out, the default, so that the harness still compiles against older code). Thread CPU is
 * the calling thread's only; with planning threads, time the process (user+sys) as well.
 */
public final class PlanTiming {
  private PlanTiming() {}

  public static void main(String[] args) throws Exception {
    MatchResult.Metadata m = FileSystems.matchSingleFileSpec(args[0]);
    int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    SnapshotFile.Inspected f = SnapshotFile.inspect(m, Compression.AUTO);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < repeats; i++) {
      long cpu0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      SnapshotSpec spec = args.length > 2
          ? SnapshotSpec.defaults().withPlanThreads(Integer.parseInt(args[2]))
          : SnapshotSpec.defaults();
      List<SplitPoint> points = SplitPlanner.plan(f.file(), f.table(), spec);
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
      System.out.printf("plan %d: wall %.3f s, thread CPU %.3f s, %.0f MB/s of CPU, %d points,"
          + " hash %08x%n", i, wall, cpu, m.sizeBytes() / 1e6 / cpu, points.size(),
          points.toString().hashCode());
    }
  }
}
