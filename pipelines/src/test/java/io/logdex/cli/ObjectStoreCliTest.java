package io.logdex.cli;

import static io.logdex.cli.BuildCliTest.logdex;
import static io.logdex.cli.BuildCliTest.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.cli.BuildCliTest.Run;
import io.logdex.pipelines.store.ObjectStoreOutput;
import io.logdex.pipelines.store.ObjectStores;
import io.logdex.pipelines.store.RemoteFileSystem;
import io.logdex.transforms.BuildFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Builds to and queries from s3:// against a real S3-compatible server (S3Mock on 127.0.0.1):
 * byte-identical generations, equal answers, incremental builds, racing builds, and the one-line
 * errors of unknown schemes and missing credentials.
 */
class ObjectStoreCliTest extends ObjectStoreTestBase {
  static Path ops;

  @BeforeAll
  static void start() throws Exception {
    Path in = startServerWithSamples();
    ops = Files.copy(sample("ops.jsonl"), in.resolve("ops.jsonl"));
    Run r = build("--output=" + local, "--oplogs=" + commits);
    assertEquals(0, r.code(), r.err());
    r = build("--output=s3://bucket/idx", "--oplogs=" + commits);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("committed g000001 in s3://bucket/idx\n"), r.out());
  }

  static Run build(String... args) {
    String[] all = Stream.of(new String[] {"build", "--snapshots=" + snapshot + "@0", "--chunkBytes=65536",
        "--targetParallelism=2"}, aws, args).flatMap(Stream::of).toArray(String[]::new);
    return logdex(all);
  }

  /** The command, the AWS options, then the command's words: options come before a query. */
  static Run query(String... args) {
    return logdex(Stream.of(new String[] {args[0]}, aws, Arrays.copyOfRange(args, 1, args.length))
        .flatMap(Stream::of).toArray(String[]::new));
  }

  /** Every object under url, by name relative to it. */
  static Map<String, byte[]> objects(String url) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    MatchResult r = FileSystems.match(List.of(url + "/**")).get(0);
    if (r.status() != MatchResult.Status.OK) return out;
    for (MatchResult.Metadata m : r.metadata()) {
      try (InputStream in = Channels.newInputStream(FileSystems.open(m.resourceId()))) {
        out.put(m.resourceId().toString().substring(url.length() + 1), in.readAllBytes());
      }
    }
    return out;
  }

  static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
    }
    return out;
  }

  static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
    assertEquals(expected.keySet(), actual.keySet());
    for (String k : expected.keySet()) assertArrayEquals(expected.get(k), actual.get(k), k);
  }

  static Map<String, byte[]> generation(Map<String, byte[]> all, String g) {
    Map<String, byte[]> out = new TreeMap<>();
    all.forEach((k, v) -> {
      if (k.startsWith(g + "/")) out.put(k.substring(g.length() + 1), v);
    });
    return out;
  }

  @Test
  void theGenerationOnS3IsByteIdenticalToALocalBuild() throws IOException {
    Map<String, byte[]> remote = objects("s3://bucket/idx");
    assertSameFiles(files(local.resolve("g000001")), generation(remote, "g000001"));
    for (String k : remote.keySet()) {
      assertTrue(k.equals("manifest.json") || k.equals("g000001.claim") || k.startsWith("g000001/"), "stray object " + k);
    }
    String manifest = new String(remote.get("manifest.json"), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(manifest.contains("\"output\": \"s3://bucket/idx\""), manifest);
    assertFalse(Files.exists(Path.of("s3:")), "a local folder named after the URL");
  }

  @Test
  void queriesOnS3AnswerAsOnTheLocalBuild() {
    assertSameAnswers(local, "s3://bucket/idx", ObjectStoreCliTest::query);
  }

  /**
   * search, get, read-at, stats give the same answers on the index at url as on the local build
   * of the same inputs, and verify passes; remote runs a command with the store's options.
   */
  static void assertSameAnswers(Path local, String url, java.util.function.Function<String[], Run> remote) {
    String[][] queries = {
      {"search", "--limit=20", "error:null"},
      {"search", "--count", "op:GET -error:null"},
      {"get", "namespaces.identity.configMaps.app-config.data"},
      {"read-at", "--commit=1", "namespaces.identity.configMaps.app-config.data.LOG_LEVEL"},
      {"stats"},
    };
    for (String[] q : queries) {
      String[] onLocal = Stream.concat(Stream.of(q[0], "--index=" + local), Stream.of(q).skip(1)).toArray(String[]::new);
      String[] onStore = Stream.concat(Stream.of(q[0], "--index=" + url), Stream.of(q).skip(1)).toArray(String[]::new);
      Run a = logdex(onLocal);
      Run b = remote.apply(onStore);
      assertEquals(a.code(), b.code(), String.join(" ", q) + ": " + b.err());
      assertTrue(q[0].equals("search") || b.code() == 0 && !b.out().isEmpty(), String.join(" ", q) + ": " + b.err());
      assertEquals(a.out(), b.out(), String.join(" ", q));
    }
    Run v = remote.apply(new String[] {"verify", url});
    assertEquals(0, v.code(), v.out() + v.err());
  }

  /** A cold get reads each file it opens with a ranged GET or two, however large the index. */
  @Test
  void aColdGetMakesFewRangeReads() throws IOException {
    RemoteFileSystem.clearCache();
    long before = RemoteFileSystem.rangeReads();
    Run r = query("get", "--index=s3://bucket/idx", "namespaces.identity.configMaps.app-config.data");
    assertEquals(0, r.code(), r.err());
    long reads = RemoteFileSystem.rangeReads() - before;
    long files = objects("s3://bucket/idx").keySet().stream().filter(k -> k.startsWith("g000001/index/")).count() + 2;
    System.out.println("cold get on s3://bucket/idx: " + reads + " range reads, " + files + " files it may open");
    assertTrue(reads > 0 && reads <= 2 * files, reads + " range reads for " + files + " files");
  }

  @Test
  void incrementalBuildsOnS3KeepThePreviousGenerationAndRemoveOlderOnes() throws IOException {
    Path localInc = tmp.resolve("local-inc");
    assertEquals(0, build("--output=" + localInc, "--oplogs=" + commits).code());
    assertEquals(0, build("--output=s3://bucket/inc", "--oplogs=" + commits).code());
    Run l = build("--output=" + localInc, "--oplogs=" + commits + "," + ops);
    Run r = build("--output=s3://bucket/inc", "--oplogs=" + commits + "," + ops);
    assertEquals(0, l.code(), l.err());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("committed g000002 in s3://bucket/inc"), r.out());
    Map<String, byte[]> remote = objects("s3://bucket/inc");
    assertSameFiles(files(localInc.resolve("g000002")), generation(remote, "g000002"));
    assertFalse(generation(remote, "g000001").isEmpty(), "the previous generation is kept");
    assertEquals(logdex("search", "--index=" + localInc, "--count", "op:GET").out(),
        query("search", "--index=s3://bucket/inc", "--count", "op:GET").out());
    assertEquals(0, build("--output=s3://bucket/inc", "--oplogs=" + commits + "," + ops).code());
    remote = objects("s3://bucket/inc");
    assertTrue(generation(remote, "g000001").isEmpty(), "g000001 removed after g000003 committed");
    assertFalse(generation(remote, "g000002").isEmpty(), "g000002 kept as the previous one");
  }

  /**
   * Three builds staged from the same committed state g000001. One claims g000002, builds and
   * commits. The second then fails at once claiming g000002 too; the third, which took g000003 and
   * wrote a file of it, fails at the manifest's conditional write and removes its files and claim.
   * The winner's index stays whole.
   */
  @Test
  void ofRacingBuildsOneCommitsAndTheOthersFailCleanly() throws Exception {
    assertEquals(0, build("--output=s3://bucket/race", "--oplogs=" + commits).code());
    PipelineOptions o = ObjectStores.options(List.of(aws));
    ObjectStores.configure("s3://bucket/race", o);
    ObjectStoreOutput b = ObjectStoreOutput.open("s3://bucket/race", o);
    ObjectStoreOutput c = ObjectStoreOutput.open("s3://bucket/race", o);
    b.stageInto(Files.createDirectories(tmp.resolve("stage-b")));
    c.stageInto(Files.createDirectories(tmp.resolve("stage-c")));
    c.claim("g000003", "g000001", "s3://bucket/race-tmp/c/"); // c passes g000002 by, as if another build had claimed it
    put("s3://bucket/race/g000003/logs/00000-00000.log", "c's worker wrote this");

    Run winner = build("--output=s3://bucket/race", "--oplogs=" + commits + "," + ops);
    assertEquals(0, winner.code(), winner.err());
    assertTrue(winner.out().startsWith("committed g000002 in s3://bucket/race"), winner.out());

    ObjectStores.configure("s3://bucket/race", o); // the CLI build registered file systems with its own options
    BuildFailedException lateClaim = assertThrows(BuildFailedException.class, () -> b.claim("g000002", "g000001", "s3://bucket/race-tmp/b/"));
    assertTrue(lateClaim.getMessage().contains("g000002 of s3://bucket/race is claimed by another build"), lateClaim.getMessage());
    BuildFailedException lateCommit = assertThrows(BuildFailedException.class,
        () -> c.commit("g000003", "g000001", "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    assertTrue(lateCommit.getMessage().contains("another build committed to s3://bucket/race"), lateCommit.getMessage());
    Map<String, byte[]> remote = objects("s3://bucket/race");
    assertTrue(generation(remote, "g000003").isEmpty(), "the loser's files are removed");
    assertFalse(remote.containsKey("g000003.claim"));
    Run v = query("verify", "s3://bucket/race");
    assertEquals(0, v.code(), v.out() + v.err());
    assertTrue(query("stats", "--index=s3://bucket/race").out().startsWith("generation\tg000002"));
  }

  static void put(String url, String text) throws IOException {
    try (var out = Channels.newOutputStream(FileSystems.create(FileSystems.matchNewResource(url, false),
        "application/octet-stream"))) {
      out.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  /**
   * A build killed during its upload leaves a claim and part of a generation that no manifest
   * names: the old index still answers, the rerun takes the next number, and its commit removes
   * the remains.
   */
  @Test
  void aBuildKilledDuringItsUploadLeavesTheOldIndexAndTheRerunCommits() throws IOException {
    assertEquals(0, build("--output=s3://bucket/crash", "--oplogs=" + commits).code());
    String scratch = "s3://bucket/crash-tmp/logdex-g000002-01234567-89ab-cdef-0123-456789abcdef/";
    put("s3://bucket/crash/g000002.claim", "claimed by a logdex build\nscratch " + scratch + "\n");
    put("s3://bucket/crash/g000002/logs/00000-00000.log", "partial");
    put(scratch + "runs/c0-x-t0.run", "a spilled run");
    put("s3://bucket/crash-tmp/somebody-else", "not logdex's");
    Run v = query("verify", "s3://bucket/crash");
    assertEquals(0, v.code(), v.out() + v.err());
    Run r = build("--output=s3://bucket/crash", "--oplogs=" + commits + "," + ops);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("committed g000003 in s3://bucket/crash"), r.out());
    Map<String, byte[]> remote = objects("s3://bucket/crash");
    assertTrue(generation(remote, "g000002").isEmpty() && !remote.containsKey("g000002.claim"), remote.keySet().toString());
    assertEquals(Set.of("somebody-else"), objects("s3://bucket/crash-tmp").keySet(), "the killed build's scratch, named by its claim, is removed");
    assertFalse(generation(remote, "g000001").isEmpty(), "the previous generation is kept");
    v = query("verify", "s3://bucket/crash");
    assertEquals(0, v.code(), v.out() + v.err());
  }

  @Test
  void unknownSchemesAreOneLineUsageErrorsAndWriteNothingLocally() {
    Run r = build("--output=foo://x/y", "--oplogs=" + commits);
    assertEquals(2, r.code(), r.err());
    assertEquals("logdex build: foo://x/y: unknown scheme foo://; logdex reads and writes local paths, s3://"
        + " and hdfs:// (gs:// with its module) (try logdex build --help)", r.err().strip());
    assertFalse(Files.exists(Path.of("foo:")));
    if (System.getenv("HADOOP_CONF_DIR") == null && System.getenv("YARN_CONF_DIR") == null) {
      Run h = query("search", "--index=hdfs://nn/idx", "a");
      assertEquals(2, h.code());
      assertTrue(h.err().contains("hdfs://nn/idx: no Hadoop configuration"), h.err());
      assertEquals(1, h.err().strip().split("\n").length, h.err());
    }
  }

  @Test
  void missingCredentialsAreAOneLineUsageError() {
    if (System.getenv("AWS_ACCESS_KEY_ID") != null || System.getenv("AWS_PROFILE") != null
        || Files.exists(Path.of(System.getProperty("user.home"), ".aws"))) {
      return; // this machine has credentials of its own
    }
    String id = System.clearProperty("aws.accessKeyId");
    String secret = System.clearProperty("aws.secretAccessKey");
    try {
      Run r = query("search", "--index=s3://bucket/idx", "a");
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().startsWith("logdex search: s3://bucket/idx: no AWS credentials: set AWS_ACCESS_KEY_ID"), r.err());
      assertEquals(1, r.err().strip().split("\n").length, r.err());
    } finally {
      System.setProperty("aws.accessKeyId", id);
      System.setProperty("aws.secretAccessKey", secret);
    }
  }
}
