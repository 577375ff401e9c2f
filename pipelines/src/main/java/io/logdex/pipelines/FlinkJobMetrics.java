package io.logdex.pipelines;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdex.transforms.BuildMetrics;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A build's counters on a Flink cluster, read through its REST API while the job runs, from the two
 * places Beam's Flink runner puts them:
 * <ul>
 *   <li>The {@code __metricscontainers} accumulator ({@code /jobs/<id>/accumulators}): each task
 *       adds its Beam metrics when it closes, and the JobManager merges those of the tasks ended so
 *       far. Its value is the step map as text: JSON MonitoringInfos, a counter's value a base64
 *       varint. On Flink's batch translation (the default for a bounded build) this is what moves:
 *       figures arrive as subtasks end, so a phase's figures come in steps of subtasks.
 *   <li>Flink operator metrics: each Beam counter becomes the metric {@code <namespace>.<name>}
 *       when a bundle ends (FlinkMetricContainerBase), filed by the JobManager's metric store as
 *       {@code <operator name>.<namespace>.<name>} per subtask, so the build's are the ids that end
 *       in {@code io.logdex.transforms.BuildIndex.<counter>}, summed over subtasks
 *       ({@code /jobs/<id>/vertices/<v>/subtasks/metrics?get=...&agg=sum}) and vertices. Where
 *       bundles end while a task runs (Flink's streaming translation) they move within a task; in
 *       batch a task's only bundle ends with it, and the store, fetched every 10 s, rarely sees it.
 * </ul>
 * The larger of the two wins for each counter. The job is found by its Beam job name in
 * {@code /jobs/overview} (the runner's batch {@code run()} gives no id until the job ends). Not
 * thread-safe: one poller owns it.
 */
final class FlinkJobMetrics {
  /** The job's state and the build's counters so far; state is Flink's word (RUNNING, FAILED...). */
  record Poll(String jobId, String state, Counters counters) {
    boolean ended() {
      return over(state);
    }
  }

  /** Flink's globally terminal job states (and SUSPENDED, which this client will not see resume). */
  static boolean over(String state) {
    return Set.of("FINISHED", "FAILED", "CANCELED", "SUSPENDED").contains(state);
  }

  /** The counters ProgressLine shows, as summed over the job's operators. */
  record Counters(long bytesRead, long records, long badRecords, long chunksDone, long partitionsMerged) {
    static final Counters NONE = new Counters(0, 0, 0, 0, 0);

    /** From values by counter name ({@link BuildMetrics}); other names are not shown and left out. */
    static Counters of(Map<String, Long> byName) {
      return new Counters(byName.getOrDefault(BuildMetrics.BYTES_READ, 0L), byName.getOrDefault(BuildMetrics.RECORDS, 0L),
          byName.getOrDefault(BuildMetrics.BAD_RECORDS, 0L), byName.getOrDefault(BuildMetrics.CHUNKS_DONE, 0L),
          byName.getOrDefault(BuildMetrics.PARTITIONS_MERGED, 0L));
    }

    /** Each counter's larger value: two reports of the same counts, one may lag. */
    Counters max(Counters o) {
      return new Counters(Math.max(bytesRead, o.bytesRead), Math.max(records, o.records),
          Math.max(badRecords, o.badRecords), Math.max(chunksDone, o.chunksDone),
          Math.max(partitionsMerged, o.partitionsMerged));
    }
  }

  private static final String SUFFIX = BuildMetrics.NAMESPACE + ".";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ANSWER_BYTES = 16 << 20;

  private final HttpClient http;
  private final String base;
  private final String jobName;
  private final long notBeforeMillis;
  private String jobId;
  /** Per vertex: the metric ids of the build's counters found so far. */
  private final Map<String, List<String>> ids = new HashMap<>();
  /**
   * Per vertex and counter: the largest sum seen. A finished subtask's metrics may leave the store
   * before the job ends; counters only grow, so the largest is the truest.
   */
  private final Map<String, Long> seen = new HashMap<>();

  /**
   * master: {@code host:port} or a URL, as --flinkMaster takes it; jobName: the Beam job name;
   * notBeforeMillis: an earlier job of the same name that started before this is not ours.
   */
  FlinkJobMetrics(String master, String jobName, long notBeforeMillis) {
    String url = master.contains("://") ? master : "http://" + master;
    this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.jobName = jobName;
    this.notBeforeMillis = notBeforeMillis;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  }

  /** The job's state and counters, or null while no job of this name has started yet. */
  Poll poll() throws IOException {
    if (jobId == null) {
      jobId = findJob();
      if (jobId == null) return null;
    }
    JsonNode job = get("/jobs/" + enc(jobId));
    String state = job.path("state").asText("");
    for (JsonNode v : job.path("vertices")) {
      String status = v.path("status").asText("");
      // Not yet deployed: nothing to read. Done: its last figures are kept in seen.
      if (status.equals("CREATED") || status.equals("SCHEDULED") || status.equals("INITIALIZING")) continue;
      try {
        readVertex(v.path("id").asText());
      } catch (IOException e) {
        // One vertex's metrics are one source of two: the accumulator below may still answer.
      }
    }
    Counters fromMetrics = totals();
    Counters fromAccumulator = AccumulatedMetrics.counters(get("/jobs/" + enc(jobId) + "/accumulators"));
    return new Poll(jobId, state, fromMetrics.max(fromAccumulator));
  }

  /**
   * The newest running job named jobName that started at or after notBeforeMillis. An ended one is
   * an earlier build under a --jobName given again, not ours (ours is submitted after we start).
   */
  private String findJob() throws IOException {
    String found = null;
    long newest = Long.MIN_VALUE;
    for (JsonNode j : get("/jobs/overview").path("jobs")) {
      long started = j.path("start-time").asLong(-1);
      if (jobName.equals(j.path("name").asText()) && !over(j.path("state").asText("")) && started >= notBeforeMillis && started > newest) {
        newest = started;
        found = j.path("jid").asText();
      }
    }
    return found;
  }

  private void readVertex(String vertex) throws IOException {
    String path = "/jobs/" + enc(jobId) + "/vertices/" + enc(vertex) + "/subtasks/metrics";
    List<String> mine = ids.get(vertex);
    if (mine == null) {
      // A counter appears when its first bundle ends: list again until some do.
      mine = new ArrayList<>();
      for (JsonNode m : get(path)) {
        String id = m.path("id").asText();
        // Flink splits get= at commas: an operator name with one cannot be asked for.
        if (counterOf(id) != null && id.indexOf(',') < 0) mine.add(id);
      }
      if (mine.isEmpty()) return;
      ids.put(vertex, mine);
    }
    StringBuilder q = new StringBuilder();
    for (String id : mine) q.append(q.length() == 0 ? "" : ",").append(enc(id));
    for (JsonNode m : get(path + "?agg=sum&get=" + q)) {
      String counter = counterOf(m.path("id").asText());
      if (counter == null || !m.has("sum")) continue;
      seen.merge(vertex + "\n" + m.path("id").asText(), (long) m.path("sum").asDouble(), Math::max);
    }
  }

  private Counters totals() {
    Map<String, Long> byName = new HashMap<>();
    for (Map.Entry<String, Long> e : seen.entrySet()) byName.merge(counterOf(e.getKey()), e.getValue(), Long::sum);
    return Counters.of(byName);
  }

  /** The build counter a metric id names ({@code ...io.logdex.transforms.BuildIndex.bytesRead}), or null. */
  static String counterOf(String id) {
    return shown(afterNamespace(id));
  }

  private static String afterNamespace(String id) {
    int at = id.lastIndexOf(SUFFIX);
    if (at < 0 || (at > 0 && id.charAt(at - 1) != '.')) return null;
    return id.substring(at + SUFFIX.length());
  }

  /** name, if it is one of the build's counters that progress shows; else null. */
  static String shown(String name) {
    if (name == null) return null;
    return switch (name) {
      case BuildMetrics.BYTES_READ, BuildMetrics.RECORDS, BuildMetrics.BAD_RECORDS, BuildMetrics.CHUNKS_DONE,
          BuildMetrics.PARTITIONS_MERGED -> name;
      default -> null;
    };
  }

  private JsonNode get(String pathAndQuery) throws IOException {
    HttpRequest req = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(5)).GET().build();
    HttpResponse<java.io.InputStream> res;
    try {
      res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    String where = base + pathAndQuery.replaceFirst("\\?.*", "");
    try (java.io.InputStream in = res.body()) {
      if (res.statusCode() != 200) throw new IOException(where + " answered HTTP " + res.statusCode());
      // Read up to a cap: what a JobManager answers is small, and a wrong server's answer may not be.
      byte[] body = in.readNBytes(MAX_ANSWER_BYTES + 1);
      if (body.length > MAX_ANSWER_BYTES) throw new IOException(where + " answered more than 16 MB");
      return JSON.readTree(body);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
