package io.logdex.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logdex.serve.LogdexServer;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logdex serve}'s JSON API against the command line's answers, on the sample (cut small, so
 * its big nodes are container records that children jumps over) and on an array of 12,000
 * elements; then hostile parameters and 1,000 concurrent requests, none of which may bring a 5xx.
 */
class ServeApiTest {
  @TempDir static Path tmp;
  static Path sampleIndex;
  static Path arrayIndex;
  static Path snapshot;
  static Path arraySnapshot;
  static LogdexServer sample;
  static LogdexServer array;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();
  static final int ELEMENTS = 12_000;

  @BeforeAll
  static void start() throws Exception {
    snapshot = BuildCliTest.sample("cluster-state.json");
    sampleIndex = tmp.resolve("sample");
    BuildCliTest.Run r = BuildCliTest.logdex("build", "--snapshots=" + snapshot + "@0",
        "--oplogs=" + BuildCliTest.sample("commits.jsonl") + "," + BuildCliTest.sample("ops.tsv.zst"),
        "--output=" + sampleIndex, "--maxSubDocumentBytes=600");
    assertEquals(0, r.code(), r.err());
    arraySnapshot = writeArraySnapshot(tmp.resolve("array.json"), ELEMENTS);
    arrayIndex = tmp.resolve("array");
    r = BuildCliTest.logdex("build", "--snapshots=" + arraySnapshot, "--output=" + arrayIndex, "--maxSubDocumentBytes=4096");
    assertEquals(0, r.code(), r.err());
    sample = LogdexServer.start(sampleIndex, InetAddress.getLoopbackAddress(), 0, 8);
    array = LogdexServer.start(arrayIndex, InetAddress.getLoopbackAddress(), 0, 4);
  }

  @AfterAll
  static void stop() throws Exception {
    if (sample != null) sample.close();
    if (array != null) array.close();
  }

  /** {"items": [{"i": 0, "name": "item-0", "tags": [...]}, ...], "meta": {...}}: a big array, cut. */
  static Path writeArraySnapshot(Path p, int n) throws Exception {
    StringBuilder sb = new StringBuilder("{\"meta\": {\"count\": " + n + ", \"what\": \"elements\"},\n \"items\": [\n");
    for (int i = 0; i < n; i++) {
      if (i > 0) sb.append(",\n");
      sb.append("  {\"i\": ").append(i).append(", \"name\": \"item-").append(i).append("\", \"tags\": [\"t")
          .append(i % 7).append("\", ").append(i % 3 == 0).append("]}");
    }
    sb.append("\n]}\n");
    Files.writeString(p, sb);
    return p;
  }

  record Answer(int status, String body) {
    JsonNode json() throws Exception {
      return JSON.readTree(body);
    }
  }

  static Answer call(LogdexServer s, String pathAndQuery) throws Exception {
    HttpResponse<String> res = HTTP.send(HttpRequest.newBuilder(URI.create(s.url() + pathAndQuery.substring(1))).build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(res.statusCode(), res.body());
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** Every node's byte length in the file, from {@code logdex paths}. */
  static Map<String, Long> nodeLengths(Path file) {
    BuildCliTest.Run r = BuildCliTest.logdex("paths", file.toString());
    assertEquals(0, r.code(), r.err());
    Map<String, Long> m = new HashMap<>();
    for (String line : r.lines()) {
      String[] f = line.split("\t", 3);
      m.put(f[2], Long.parseLong(f[1]));
    }
    return m;
  }

  @Test
  void childrenOfEveryContainerEqualGetAndPaths() throws Exception {
    walk(sample, sampleIndex, nodeLengths(snapshot), 7, Integer.MAX_VALUE);
  }

  @Test
  void childrenOfABigArrayPageByTheIndex() throws Exception {
    Map<String, Long> lengths = nodeLengths(arraySnapshot);
    JsonNode page = call(array, "/api/children?path=items&offset=11990&limit=50").json();
    assertEquals(ELEMENTS, page.get("total").asLong());
    assertFalse(page.get("more").asBoolean());
    assertEquals(10, page.get("children").size());
    for (int k = 0; k < 10; k++) {
      JsonNode c = page.get("children").get(k);
      assertEquals(11990 + k, c.get("index").asLong());
      assertEquals(lengths.get(c.get("path").asText()), c.get("bytes").asLong(), c.toString());
      assertEquals(3, c.get("children").asLong());
    }
    JsonNode middle = call(array, "/api/children?path=items&offset=5000&limit=3").json();
    assertEquals("items[5000]", middle.get("children").get(0).get("path").asText());
    assertTrue(middle.get("more").asBoolean());
    JsonNode root = call(array, "/api/children?path=").json();
    assertEquals(ELEMENTS, root.get("children").get(1).get("children").asLong(), root.toString());
    // A few pages of its elements, walked as the tree does.
    walk(array, arrayIndex, lengths, 100, 400);
  }

  /**
   * Breadth first from the root, paging by `limit`: each container's children (names, indexes,
   * counts, values, bytes) equal get's value of it and the paths command's lengths.
   */
  private static void walk(LogdexServer s, Path index, Map<String, Long> lengths, int limit, int maxNodes) throws Exception {
    Deque<String> todo = new ArrayDeque<>(List.of(""));
    int seen = 0;
    while (!todo.isEmpty() && seen++ < maxNodes) {
      String path = todo.poll();
      List<JsonNode> children = new ArrayList<>();
      long total = -1;
      for (long offset = 0; ; ) {
        Answer a = call(s, "/api/children?path=" + enc(path) + "&offset=" + offset + "&limit=" + limit);
        assertEquals(200, a.status(), path + ": " + a.body());
        JsonNode page = a.json();
        page.get("children").forEach(children::add);
        total = page.get("total").isNull() ? -1 : page.get("total").asLong();
        offset += page.get("children").size();
        if (!page.get("more").asBoolean()) break;
      }
      BuildCliTest.Run get = BuildCliTest.logdex("get", "--index=" + index, "--", path);
      assertEquals(0, get.code(), get.err());
      JsonNode value = JSON.readTree(get.out());
      assertEquals(value.size(), children.size(), path);
      if (total >= 0) assertEquals(value.size(), total, path); // a big object's total is not counted
      Iterator<String> names = value.fieldNames();
      for (int i = 0; i < children.size(); i++) {
        JsonNode c = children.get(i);
        JsonNode v = value.isArray() ? value.get(i) : value.get(names.next());
        if (value.isArray()) assertEquals(i, c.get("index").asLong());
        else assertEquals(value.isObject() ? c.get("name").asText() : null, c.get("name").asText());
        String cp = c.get("path").asText();
        assertEquals(lengths.get(cp), c.get("bytes").asLong(), cp);
        if (v.isContainerNode()) {
          if (!c.get("children").isNull()) assertEquals(v.size(), c.get("children").asLong(), cp);
          todo.add(cp);
        } else if (c.has("value")) {
          BuildCliTest.Run g = BuildCliTest.logdex("get", "--index=" + index, "--", cp);
          assertEquals(g.out().strip(), c.get("value").asText(), cp);
        }
      }
    }
  }

  @Test
  void getReadAtSearchAndStatsAreTheCommandLines() throws Exception {
    for (String p : List.of("", "cluster.name", "namespaces.identity.configMaps.app-config.data", "nodes[2]", "events[9].reason")) {
      Answer a = call(sample, "/api/get?path=" + enc(p) + "&maxBytes=" + (64 << 20));
      assertEquals(200, a.status(), a.body());
      assertEquals(BuildCliTest.logdex("get", "--index=" + sampleIndex, "--", p).out(), a.body(), p);
    }
    String level = "namespaces.identity.configMaps.app-config.data.LOG_LEVEL";
    for (long commit : new long[] {0, 1, 2, 500, 1999}) {
      Answer a = call(sample, "/api/read-at?path=" + enc(level) + "&commit=" + commit);
      BuildCliTest.Run cli = BuildCliTest.logdex("read-at", "--index=" + sampleIndex, "--commit=" + commit, "--", level);
      assertEquals(cli.code() == 0 ? 200 : 404, a.status(), a.body());
      if (cli.code() == 0) assertEquals(cli.out(), a.body());
    }
    for (String q : List.of("op:GET error:null", "trace", "op:get -error:null", "nosuchwordanywhere")) {
      JsonNode a = call(sample, "/api/search?q=" + enc(q) + "&limit=20").json();
      BuildCliTest.Run cli = BuildCliTest.logdex("search", "--index=" + sampleIndex, "--limit=20", "--", q);
      assertEquals(cli.lines().size(), a.get("hits").size(), q);
      for (int i = 0; i < cli.lines().size(); i++) assertEquals(JSON.readTree(cli.lines().get(i)), a.get("hits").get(i), q);
      assertEquals(a.get("hits").size(), a.get("places").size());
    }
    for (String sort : List.of("score", "time", "index")) {
      JsonNode a = call(sample, "/api/search?q=" + enc("trace OR op:get") + "&limit=7&sort=" + sort).json();
      BuildCliTest.Run cli = BuildCliTest.logdex("search", "--index=" + sampleIndex, "--limit=7", "--sort=" + sort, "--", "trace OR op:get");
      assertEquals(cli.lines().size(), a.get("hits").size(), sort);
      for (int i = 0; i < cli.lines().size(); i++) assertEquals(JSON.readTree(cli.lines().get(i)), a.get("hits").get(i), sort);
    }
    JsonNode stats = call(sample, "/api/stats").json();
    for (String line : BuildCliTest.logdex("stats", "--index=" + sampleIndex, "--top=100").lines()) {
      String[] f = line.split("\t");
      if (!f[0].equals("term")) assertEquals(f[1], stats.get(f[0]).asText(), f[0]);
    }
    assertEquals(100, stats.get("topTerms").size());
    JsonNode ops = call(sample, "/api/oplog?points=500").json();
    assertEquals(2000, ops.get("total").asLong());
    assertEquals(500, ops.get("sampled").asLong());
  }

  @Test
  void hostileParametersAreFourHundreds() throws Exception {
    Map<String, Integer> expect = new java.util.LinkedHashMap<>();
    expect.put("/api/children?path=..", 400);
    expect.put("/api/children?path=../../etc/passwd", 400);
    expect.put("/api/get?path=%2Fetc%2Fpasswd", 404);
    expect.put("/api/get?path=%00", 400);
    expect.put("/api/get?path=%22%00%22", 404);
    expect.put("/api/children?path=a%5B", 400);
    expect.put("/api/children?path=a%5B-1%5D", 400);
    expect.put("/api/children?path=%E0%A4", 400);
    expect.put("/api/children?limit=99999999999999999999", 400);
    expect.put("/api/children?limit=1000000", 400);
    expect.put("/api/children?offset=-1", 400);
    expect.put("/api/children?path=cluster.nosuch", 404);
    expect.put("/api/children?path=nodes(ip-10-0-1-7)", 404);
    expect.put("/api/children?path=&path=", 400);
    expect.put("/api/children?file=/etc/passwd", 400);
    expect.put("/api/search?q=", 400);
    expect.put("/api/search?q=a&sort=relevance", 400);
    expect.put("/api/search?q=(unclosed", 400);
    expect.put("/api/search?q=a*&limit=100000000", 400);
    expect.put("/api/search?q=--help", 200);
    expect.put("/api/read-at?path=cluster&commit=x", 400);
    expect.put("/api/read-at?path=cluster", 400);
    expect.put("/api/read-at?path=cluster.nosuch&commit=5", 404);
    expect.put("/api/get?path=&maxBytes=10", 413);
    expect.put("/api/get?path=&maxBytes=0", 400);
    expect.put("/api/nosuch", 404);
    expect.put("/../../etc/passwd", 404);
    expect.put("/app.js/../../../etc/passwd", 404);
    expect.put("/api/oplog?points=100000000", 400);
    for (Map.Entry<String, Integer> e : expect.entrySet()) {
      Answer a = call(sample, e.getKey());
      assertEquals(e.getValue(), a.status(), e.getKey() + ": " + a.body());
      if (a.status() != 200) {
        JsonNode err = a.json();
        assertNotNull(err.get("error"), a.body());
        assertFalse(a.body().contains("Exception") || a.body().contains("\tat ") || a.body().contains("root:"), a.body());
      }
    }
  }

  @Test
  void aThousandConcurrentRequestsBringNoServerError() throws Exception {
    List<String> mix = List.of("/api/children?path=namespaces", "/api/get?path=cluster", "/api/search?q=op:GET&limit=5",
        "/api/read-at?path=cluster.name&commit=7", "/api/stats", "/api/children?path=..", "/api/get?path=%00",
        "/api/children?path=nodes%5B1%5D.labels", "/", "/api/children?limit=99999999");
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    List<CompletableFuture<Void>> all = new ArrayList<>();
    HttpClient client = HttpClient.newBuilder().executor(java.util.concurrent.Executors.newFixedThreadPool(32)).build();
    for (int i = 0; i < 1000; i++) {
      URI u = URI.create(sample.url() + mix.get(i % mix.size()).substring(1));
      all.add(client.sendAsync(HttpRequest.newBuilder(u).build(), HttpResponse.BodyHandlers.ofString())
          .thenAccept(res -> statuses.computeIfAbsent(res.statusCode(), k -> new AtomicInteger()).incrementAndGet()));
    }
    CompletableFuture.allOf(all.toArray(new CompletableFuture[0])).get(5, java.util.concurrent.TimeUnit.MINUTES);
    int total = statuses.values().stream().mapToInt(AtomicInteger::get).sum();
    assertEquals(1000, total, statuses.toString());
    for (int s : statuses.keySet()) assertTrue(s < 500, "status " + s + " in " + statuses);
    assertEquals(700, statuses.get(200).get(), statuses.toString()); // three of the ten are bad input: 400
  }
}
