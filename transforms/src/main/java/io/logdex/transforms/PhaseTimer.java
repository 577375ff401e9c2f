package io.logdex.transforms;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.apache.beam.sdk.metrics.Distribution;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * Times one piece of a build phase (a chunk's ingest, a partition's merge, the commit) on the
 * thread that does it, and reports it as Beam Metrics distributions in {@link BuildMetrics#NAMESPACE}:
 * {@code <phase>CpuMillis} and {@code <phase>WallMillis} (their sum is the phase's CPU and work,
 * their max its longest piece) and {@code <phase>StartedAt}/{@code <phase>EndedAt} in epoch
 * milliseconds (min of one and max of the other span the phase across workers). From these,
 * benchmarks/e2e/phase-profile.sh derives the serial fraction. Nothing here shapes the output.
 */
final class PhaseTimer {
  static final String INGEST = "ingest";
  static final String MERGE = "merge";
  static final String COMMIT = "commit";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final String phase;
  private final long startedAtMillis = System.currentTimeMillis();
  private final long startedNanos = System.nanoTime();
  private final long cpuNanos = cpuNow();

  private PhaseTimer(String phase) {
    this.phase = phase;
  }

  static PhaseTimer start(String phase) {
    return new PhaseTimer(phase);
  }

  /** Reports this piece; call once, on the thread that started it. */
  void stop() {
    long wall = (System.nanoTime() - startedNanos) / 1_000_000;
    long cpu = cpuNanos < 0 ? -1 : (cpuNow() - cpuNanos) / 1_000_000;
    distribution("WallMillis").update(wall);
    if (cpu >= 0) distribution("CpuMillis").update(cpu);
    distribution("StartedAt").update(startedAtMillis);
    distribution("EndedAt").update(System.currentTimeMillis());
  }

  private Distribution distribution(String what) {
    return Metrics.distribution(BuildMetrics.NAMESPACE, phase + what);
  }

  private static long cpuNow() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
  }
}
