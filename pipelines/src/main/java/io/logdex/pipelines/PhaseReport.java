package io.logdex.pipelines;

import io.logdex.transforms.BuildMetrics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.DistributionResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * {@code --phaseReport=FILE}: the launcher's planning and job times and the build's phase
 * distributions (transforms' PhaseTimer: per chunk, per partition merge, the commit), as one JSON
 * object, for benchmarks/e2e/phase-profile.sh. Attempted values, summed over the steps that report
 * a name (a retried chunk counts twice). A runner that cannot report metrics yields the times only.
 */
final class PhaseReport {
  private PhaseReport() {}

  static void write(Path file, PipelineResult result, long planNanos, long jobNanos) throws IOException {
    Map<String, long[]> dists = new TreeMap<>(); // name -> sum, count, min, max
    try {
      MetricQueryResults q = result.metrics().queryMetrics(
          MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(BuildMetrics.NAMESPACE)).build());
      for (MetricResult<DistributionResult> d : q.getDistributions()) {
        DistributionResult v = d.getAttempted();
        if (v == null || v.getCount() == 0) continue;
        long[] a = dists.computeIfAbsent(d.getName().getName(), k -> new long[] {0, 0, Long.MAX_VALUE, Long.MIN_VALUE});
        a[0] += v.getSum();
        a[1] += v.getCount();
        a[2] = Math.min(a[2], v.getMin());
        a[3] = Math.max(a[3], v.getMax());
      }
    } catch (RuntimeException e) {
      // some runners cannot answer; the report keeps the launcher's times
    }
    StringBuilder s = new StringBuilder();
    s.append(String.format(Locale.ROOT, "{\"planMillis\": %d, \"jobMillis\": %d, \"distributions\": {",
        planNanos / 1_000_000, jobNanos / 1_000_000));
    String sep = "";
    for (Map.Entry<String, long[]> e : dists.entrySet()) {
      long[] a = e.getValue();
      s.append(String.format(Locale.ROOT, "%s\n  \"%s\": {\"sum\": %d, \"count\": %d, \"min\": %d, \"max\": %d}",
          sep, e.getKey(), a[0], a[1], a[2], a[3]));
      sep = ",";
    }
    s.append("}}\n");
    Files.writeString(file, s.toString(), StandardCharsets.UTF_8);
  }
}
