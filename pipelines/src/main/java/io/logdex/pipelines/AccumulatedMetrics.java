package io.logdex.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdex.transforms.BuildMetrics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.util.VarInt;

/**
 * The build's counters in Beam's {@code __metricscontainers} accumulator, as Flink's
 * {@code /jobs/<id>/accumulators} shows it: an entry of {@code user-task-accumulators} whose
 * {@code value} is the step map's text, {@code {"metrics":{"attempted":[MonitoringInfo...]}}}. A
 * counter is a MonitoringInfo of type {@code beam:metrics:sum_int64:v1} whose labels name its
 * namespace, name and transform, and whose payload is its value as a base64 varint. Counters of
 * the same name in several transforms are summed, as Beam's attempted metrics are.
 */
final class AccumulatedMetrics {
  static final String ACCUMULATOR = "__metricscontainers";
  private static final String SUM_INT64 = "beam:metrics:sum_int64:v1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private AccumulatedMetrics() {}

  /** The counters in an accumulators answer; none where the accumulator is absent (no task ended yet). */
  static FlinkJobMetrics.Counters counters(JsonNode accumulators) throws IOException {
    Map<String, Long> byName = new HashMap<>();
    for (JsonNode a : accumulators.path("user-task-accumulators")) {
      if (!ACCUMULATOR.equals(a.path("name").asText())) continue;
      for (JsonNode m : JSON.readTree(a.path("value").asText("{}")).path("metrics").path("attempted")) {
        JsonNode labels = m.path("labels");
        String name = FlinkJobMetrics.shown(labels.path("NAME").asText());
        if (!SUM_INT64.equals(m.path("type").asText()) || name == null
            || !BuildMetrics.NAMESPACE.equals(labels.path("NAMESPACE").asText())) {
          continue;
        }
        byName.merge(name, varint(m.path("payload").asText()), Long::sum);
      }
    }
    return FlinkJobMetrics.Counters.of(byName);
  }

  /** Beam's VarInt of a long, decoded by Beam's own {@link VarInt}. */
  static long varint(String base64) throws IOException {
    byte[] b;
    try {
      b = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IOException("a counter's value in the job's accumulators is not base64");
    }
    try {
      return VarInt.decodeLong(new ByteArrayInputStream(b));
    } catch (IOException e) { // too long, or cut short
      throw new IOException("a counter's value in the job's accumulators is not a varint");
    }
  }
}
