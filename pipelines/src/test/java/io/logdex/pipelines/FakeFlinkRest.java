package io.logdex.pipelines;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A Flink JobManager's REST API as far as progress reads it, on the JDK's HttpServer: the answers
 * are set per path (and query) by the test, in the shapes Flink 1.19 gives (JobsOverview,
 * JobDetailsInfo, and the aggregated subtask metrics of MetricStore: an operator metric's id is
 * {@code <operator name>.<metric name>}). Unknown paths answer 404, as Flink does.
 */
final class FakeFlinkRest implements AutoCloseable {
  private final HttpServer server;
  private final Map<String, String> answers = new ConcurrentHashMap<>();
  final List<String> asked = new CopyOnWriteArrayList<>();

  FakeFlinkRest() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      String key = ex.getRequestURI().getPath()
          + (ex.getRequestURI().getQuery() == null ? "" : "?" + ex.getRequestURI().getQuery());
      asked.add(key);
      String body = answers.get(key);
      byte[] b = (body == null ? "{\"errors\":[\"Not found: " + key + "\"]}" : body).getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
      ex.sendResponseHeaders(body == null ? 404 : 200, b.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(b);
      }
    });
    server.start();
  }

  /** host:port, as --flinkMaster takes it. */
  String master() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  void answer(String pathAndQuery, String json) {
    answers.put(pathAndQuery, json);
  }

  /** /jobs/overview with these jobs: {jid, name, state, start-time} each. */
  void jobs(String... jidNameStateStart) {
    List<String> jobs = new ArrayList<>();
    for (int i = 0; i < jidNameStateStart.length; i += 4) {
      jobs.add(String.format("{\"jid\":\"%s\",\"name\":\"%s\",\"start-time\":%s,\"end-time\":-1,\"duration\":5120,"
              + "\"state\":\"%s\",\"last-modification\":%s,\"tasks\":{\"running\":2,\"canceling\":0,\"canceled\":0,"
              + "\"total\":5,\"created\":0,\"scheduled\":0,\"deploying\":0,\"reconciling\":0,\"finished\":3,"
              + "\"initializing\":0,\"failed\":0}}",
          jidNameStateStart[i], jidNameStateStart[i + 1], jidNameStateStart[i + 3], jidNameStateStart[i + 2],
          jidNameStateStart[i + 3]));
    }
    answer("/jobs/overview", "{\"jobs\":[" + String.join(",", jobs) + "]}");
  }

  /** /jobs/JID: the job's state and its vertices, {id, name, status} each; no accumulator yet unless set. */
  void job(String jid, String name, String state, String... idNameStatus) {
    answers.putIfAbsent("/jobs/" + jid + "/accumulators",
        "{\"job-accumulators\":[],\"user-task-accumulators\":[],\"serialized-user-task-accumulators\":{}}");
    List<String> vs = new ArrayList<>();
    for (int i = 0; i < idNameStatus.length; i += 3) {
      vs.add(String.format("{\"id\":\"%s\",\"slotSharingGroupId\":\"ab12\",\"name\":\"%s\",\"maxParallelism\":128,"
              + "\"parallelism\":2,\"status\":\"%s\",\"start-time\":1764939600500,\"end-time\":-1,\"duration\":4620,"
              + "\"tasks\":{\"RUNNING\":2},\"metrics\":{\"read-bytes\":0,\"read-bytes-complete\":true,"
              + "\"write-bytes\":0,\"write-bytes-complete\":true,\"read-records\":0,\"read-records-complete\":true,"
              + "\"write-records\":0,\"write-records-complete\":true,\"accumulated-backpressured-time\":0,"
              + "\"accumulated-idle-time\":0,\"accumulated-busy-time\":\"NaN\"}}",
          idNameStatus[i], idNameStatus[i + 1].replace("\"", "\\\""), idNameStatus[i + 2]));
    }
    answer("/jobs/" + jid, String.format("{\"jid\":\"%s\",\"name\":\"%s\",\"isStoppable\":false,\"state\":\"%s\","
        + "\"job-type\":\"BATCH\",\"start-time\":1764939600000,\"end-time\":-1,\"duration\":5120,"
        + "\"maxParallelism\":-1,\"now\":1764939605120,\"timestamps\":{\"RUNNING\":1764939600100},"
        + "\"vertices\":[%s],\"status-counts\":{\"RUNNING\":2},\"plan\":{\"jid\":\"%s\",\"name\":\"%s\","
        + "\"type\":\"BATCH\",\"nodes\":[]}}", jid, name, state, String.join(",", vs), jid, name));
  }

  /**
   * /jobs/JID/accumulators with Beam's metrics accumulator holding these counters (name to value),
   * each in its transform, as Beam's MetricsContainerStepMap.toString() writes them, with one of
   * the build's distributions beside them (not a counter: left out).
   */
  void accumulators(String jid, Map<String, Long> counters) {
    List<String> infos = new ArrayList<>();
    infos.add("{\"urn\": \"beam:metric:user:distribution_int64:v1\", \"type\": \"beam:metrics:distribution_int64:v1\","
        + " \"payload\": \"ARcXFw==\", \"labels\": {\"NAMESPACE\": \"io.logdex.transforms.BuildIndex\","
        + " \"NAME\": \"commitCpuMillis\", \"PTRANSFORM\": \"BuildIndex/CommitGeneration/ParMultiDo(CommitGeneration)\"}}");
    for (Map.Entry<String, Long> e : counters.entrySet()) {
      String transform = e.getKey().equals("partitionsMerged")
          ? "BuildIndex/MergePartitions/ParMultiDo(MergePartition)" : "BuildIndex/IngestChunks";
      infos.add("{\"urn\": \"beam:metric:user:sum_int64:v1\", \"type\": \"beam:metrics:sum_int64:v1\", \"payload\": \""
          + java.util.Base64.getEncoder().encodeToString(varint(e.getValue())) + "\", \"labels\": {\"NAMESPACE\":"
          + " \"io.logdex.transforms.BuildIndex\", \"NAME\": \"" + e.getKey() + "\", \"PTRANSFORM\": \"" + transform + "\"}}");
    }
    String value = "{\n  \"metrics\": {\n    \"attempted\": [" + String.join(", ", infos) + "]\n  }\n}";
    answer("/jobs/" + jid + "/accumulators", "{\"job-accumulators\":[],\"user-task-accumulators\":[{\"name\":"
        + "\"__metricscontainers\",\"type\":\"MetricsAccumulator\",\"value\":"
        + new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(value) + "}],"
        + "\"serialized-user-task-accumulators\":{}}");
  }

  private static byte[] varint(long v) {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    do {
      int low = (int) (v & 0x7f);
      v >>>= 7;
      b.write(v == 0 ? low : low | 0x80);
    } while (v != 0);
    return b.toByteArray();
  }

  /**
   * A vertex's aggregated subtask metrics: the list of ids (Flink's own task metrics too), and the
   * sums of those progress asks for, in the order it asks (the listing's, comma-joined).
   */
  void metrics(String jid, String vertex, String operator, Map<String, Long> sums) {
    String path = "/jobs/" + jid + "/vertices/" + vertex + "/subtasks/metrics";
    List<String> list = new ArrayList<>(List.of("{\"id\":\"numRecordsIn\"}", "{\"id\":\"numBytesOut\"}",
        "{\"id\":\"" + operator + ".numRecordsOut\"}"));
    List<String> got = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (Map.Entry<String, Long> e : sums.entrySet()) {
      String id = operator + ".io.logdex.transforms.BuildIndex." + e.getKey();
      list.add("{\"id\":\"" + id + "\"}");
      got.add("{\"id\":\"" + id + "\",\"sum\":" + e.getValue() + ".0}");
      ids.add(id);
    }
    answer(path, "[" + String.join(",", list) + "]");
    // HttpServer hands the query URL-decoded, as Flink's decoder does.
    answer(path + "?agg=sum&get=" + String.join(",", ids), "[" + String.join(",", got) + "]");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
