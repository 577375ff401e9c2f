package io.logdex.cli;

import static io.logdex.cli.BuildCliTest.logdex;
import static io.logdex.cli.BuildCliTest.sample;
import static io.logdex.cli.ObjectStoreCliTest.assertSameFiles;
import static io.logdex.cli.ObjectStoreCliTest.files;
import static io.logdex.cli.ObjectStoreCliTest.generation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.cli.BuildCliTest.Run;
import io.logdex.pipelines.BuildJob;
import io.logdex.pipelines.BuildProgress;
import io.logdex.pipelines.LogdexBuildOptions;
import io.logdex.pipelines.store.StagedOutput;
import io.logdex.transforms.BuildFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds to and queries from hdfs:// against a real HDFS: a NameNode and a DataNode in this JVM
 * (Hadoop's MiniDFSCluster). Byte-identical generations (from inputs on HDFS too), equal answers, a build that loses the
 * commit to a racing one, a launcher killed between its two renames, the dead-letter limit, and
 * the one-line errors of a missing Hadoop configuration.
 */
class HdfsCliTest {
  @TempDir static Path tmp;
  static MiniDFSCluster cluster;
  static FileSystem dfs;
  /** hdfs://127.0.0.1:PORT */
  static String nn;
  /** Beam's option naming the NameNode, as a user gives it. */
  static String conf;
  static Path local;
  static Path snapshot;
  static Path commits;
  static Path ops;

  @BeforeAll
  static void start() throws Exception {
    Configuration c = new Configuration();
    c.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("dfs").toString());
    cluster = new MiniDFSCluster.Builder(c).numDataNodes(1).build();
    cluster.waitActive();
    dfs = cluster.getFileSystem();
    nn = "hdfs://127.0.0.1:" + cluster.getNameNodePort();
    // The client's first wait for a closed file's block to be acknowledged is 400 ms by default,
    // which every one of a build's files paid here; the NameNode in this JVM answers at once.
    conf = "--hdfsConfiguration=[{\"fs.defaultFS\":\"" + nn + "\",\"dfs.client.block.write.locateFollowingBlock.initial.delay.ms\":\"20\"}]";
    Path in = Files.createDirectories(tmp.resolve("in"));
    snapshot = Files.copy(sample("cluster-state.json"), in.resolve("cluster-state.json"));
    commits = Files.copy(sample("commits.jsonl"), in.resolve("commits.jsonl"));
    ops = Files.copy(sample("ops.jsonl"), in.resolve("ops.jsonl"));
    local = tmp.resolve("local");
    Run r = build("--output=" + local, "--oplogs=" + commits);
    assertEquals(0, r.code(), r.err());
  }

  @AfterAll
  static void stop() {
    if (cluster != null) cluster.shutdown();
  }

  static String[] buildArgs(String... args) {
    return Stream.concat(Stream.of("build", "--snapshots=" + snapshot + "@0", "--chunkBytes=65536",
        "--targetParallelism=2", conf), Stream.of(args)).toArray(String[]::new);
  }

  static Run build(String... args) {
    return logdex(buildArgs(args));
  }

  /** The command, the Hadoop option, then the command's words. */
  static Run query(String... args) {
    return logdex(Stream.concat(Stream.of(args[0], conf), Arrays.stream(args).skip(1)).toArray(String[]::new));
  }

  /** Every file under the URL, by name relative to it. */
  static Map<String, byte[]> hdfsFiles(String url) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    org.apache.hadoop.fs.Path root = dfs.makeQualified(new org.apache.hadoop.fs.Path(url));
    if (!dfs.exists(root)) return out;
    RemoteIterator<LocatedFileStatus> it = dfs.listFiles(root, true);
    while (it.hasNext()) {
      org.apache.hadoop.fs.Path p = it.next().getPath();
      try (InputStream in = dfs.open(p)) {
        out.put(p.toString().substring(root.toString().length() + 1), in.readAllBytes());
      }
    }
    return out;
  }

  /** Names directly under the URL (directories included: HDFS keeps empty ones). */
  static java.util.Set<String> names(String url) throws IOException {
    java.util.Set<String> out = new java.util.TreeSet<>();
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(url);
    if (!dfs.exists(root)) return out;
    for (var s : dfs.listStatus(root)) out.add(s.getPath().getName());
    return out;
  }

  static void put(String url, String text) throws IOException {
    try (FSDataOutputStream out = dfs.create(new org.apache.hadoop.fs.Path(url), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Its op-log read from HDFS too: inputs are matched and read through Beam's FileSystems. */
  @Test
  void aBuildOnHdfsIsByteIdenticalToALocalBuildAndAnswersTheSame() throws IOException {
    dfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(commits.toString()), new org.apache.hadoop.fs.Path(nn + "/in/commits.jsonl"));
    Run r = build("--output=" + nn + "/idx", "--tempLocation=" + nn + "/tmp", "--oplogs=" + nn + "/in/*.jsonl");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("committed g000001 in " + nn + "/idx\n"), r.out());
    Map<String, byte[]> remote = hdfsFiles(nn + "/idx");
    assertSameFiles(files(local.resolve("g000001")), generation(remote, "g000001"));
    assertEquals(java.util.Set.of("g000001", "g000001.claim", "manifest.json"), names(nn + "/idx"));
    assertEquals(java.util.Set.of(), names(nn + "/tmp"), "the scratch directory is removed, not only its files");

    ObjectStoreCliTest.assertSameAnswers(local, nn + "/idx", HdfsCliTest::query);
  }

  /**
   * A build staged from g000001 claims g000002; before its job runs, a rival build commits
   * g000003 from the same g000001. The first build's commit is refused (its successor rename finds
   * g000001.next taken): it fails with one line, removes its own generation and claim, and the
   * rival's index stays whole.
   */
  @Test
  void ofTwoBuildsRacingForTheCommitOneWinsAndTheOtherFailsCleanly() throws Exception {
    String out = nn + "/race";
    assertEquals(0, build("--output=" + out, "--oplogs=" + commits).code());
    PipelineOptionsFactory.register(LogdexBuildOptions.class);
    String[] cli = buildArgs("--output=" + out, "--oplogs=" + commits + "," + ops);
    String[] beam = BuildCommand.withDefaults(Arrays.asList(Arrays.copyOfRange(cli, 1, cli.length))).toArray(String[]::new);
    LogdexBuildOptions options = PipelineOptionsFactory.fromArgs(beam).as(LogdexBuildOptions.class);
    StagedOutput staged = StagedOutput.configure(options);
    Run[] rival = new Run[1];
    BuildJob.ProgressListener raceAfterClaim = new BuildJob.ProgressListener() {
      @Override
      public void progress(BuildProgress.Snapshot s) {}

      @Override
      public void phaseEnded(BuildProgress.Snapshot s) {
        if (rival[0] == null) rival[0] = build("--output=" + out, "--oplogs=" + commits + "," + ops);
      }
    };
    BuildFailedException lost = assertThrows(BuildFailedException.class, () -> staged.run(options, raceAfterClaim));
    assertEquals(0, rival[0].code(), rival[0].err());
    assertTrue(rival[0].out().startsWith("committed g000003 in " + out), rival[0].out());
    assertEquals("build failed, nothing committed: another build committed to " + out
        + " while this one ran; its generation g000002 was removed", lost.getMessage());

    assertEquals(java.util.Set.of("g000001", "g000001.claim", "g000001.next", "g000003", "g000003.claim", "manifest.json"),
        names(out), "the loser removed its generation, claim and manifest temporaries, nothing of the winner's");
    Run v = query("verify", out);
    assertEquals(0, v.code(), v.out() + v.err());
    assertTrue(query("stats", "--index=" + out).out().startsWith("generation\tg000003"));
  }

  /**
   * A launcher killed after its successor rename but before replacing manifest.json has
   * committed: readers still see the previous generation, which is kept; the next build stages
   * from the successor and commits after it. An older build's manifest temporary, as one delayed
   * before its last rename would leave, is removed by that commit, so it can never be renamed
   * over the newer manifest.
   */
  @Test
  void aLauncherKilledBetweenItsTwoRenamesHasCommittedAndTheNextBuildGoesOnFromIt() throws IOException {
    String out = nn + "/killed";
    assertEquals(0, build("--output=" + out, "--oplogs=" + commits).code());
    byte[] first = hdfsFiles(out).get("manifest.json");
    assertEquals(0, build("--output=" + out, "--oplogs=" + commits + "," + ops).code());
    // As if the second launcher died right after renaming g000001.next into place.
    try (FSDataOutputStream o = dfs.create(new org.apache.hadoop.fs.Path(out + "/manifest.json"), true)) {
      o.write(first);
    }
    put(out + "/g000002.commit-0123", "a delayed launcher's manifest on its way to manifest.json");
    Run stats = query("stats", "--index=" + out);
    assertTrue(stats.out().startsWith("generation\tg000001"), "readers see manifest.json: " + stats.out() + stats.err());
    assertEquals(0, query("verify", out).code(), "g000001 is kept as g000002's previous");

    Run r = build("--output=" + out, "--oplogs=" + commits + "," + ops);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("committed g000003 in " + out), r.out());
    assertEquals(java.util.Set.of("g000002", "g000002.claim", "g000002.next", "g000003", "g000003.claim", "manifest.json"),
        names(out));
    assertTrue(query("stats", "--index=" + out).out().startsWith("generation\tg000003"));
    Run v = query("verify", out);
    assertEquals(0, v.code(), v.out() + v.err());
  }

  /** Over the dead-letter limit: the committed generation stays, the dead letters with the claim, no scratch. */
  @Test
  void aFailedBuildKeepsTheCommittedGenerationAndLeavesNoScratch() throws IOException {
    String out = nn + "/failing";
    String temp = "--tempLocation=" + nn + "/tmp-failing";
    assertEquals(0, build("--output=" + out, temp, "--oplogs=" + commits).code());
    Path bad = tmp.resolve("in/bad.jsonl");
    Files.writeString(bad, "{\"op\": \"GET\", \"key\": \"a\"}\nnot json at all\n", StandardCharsets.UTF_8);
    Run r = build("--output=" + out, temp, "--oplogs=" + commits + "," + bad, "--maxBadRecords=0");
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains(out + " still holds g000001"), r.err());
    assertTrue(r.err().contains("dead letters kept in " + out + "/g000002/dead-letter/"), r.err());
    assertEquals(1, r.err().lines().filter(l -> l.contains("build failed")).count(), r.err());
    assertTrue(generation(hdfsFiles(out), "g000002").keySet().stream().allMatch(k -> k.startsWith("dead-letter/")));
    assertEquals(java.util.Set.of(), names(nn + "/tmp-failing"), "no scratch is left behind");
    assertEquals(0, query("verify", out).code());
    assertTrue(query("stats", "--index=" + out).out().startsWith("generation\tg000001"));
  }

  @Test
  void aMissingOrWrongHadoopConfigurationOrAnUnreachableNameNodeIsOneLine() throws IOException {
    if (System.getenv("HADOOP_CONF_DIR") == null && System.getenv("YARN_CONF_DIR") == null) {
      Run r = logdex("search", "--index=" + nn + "/idx", "a");
      assertEquals(2, r.code(), r.err());
      assertTrue(r.err().startsWith("logdex search: " + nn + "/idx: no Hadoop configuration: give --hdfsConfiguration="),
          r.err());
      assertEquals(1, r.err().strip().lines().count(), r.err());
      Run b = logdex("build", "--output=" + nn + "/usage", "--oplogs=" + commits);
      assertEquals(2, b.code(), b.err());
      assertTrue(b.err().contains("no Hadoop configuration"), b.err());
    }
    Run w = logdex("build", "--hdfsConfiguration=[{\"fs.defaultFS\":\"file:///\"}]", "--output=" + nn + "/usage",
        "--oplogs=" + commits);
    assertEquals(2, w.code(), w.err());
    assertTrue(w.err().contains("fs.defaultFS is 'file:///'"), w.err());
    assertEquals(1, w.err().strip().lines().count(), w.err());
    assertFalse(dfs.exists(new org.apache.hadoop.fs.Path(nn + "/usage")), "nothing written");

    // No NameNode listens on port 1: the reason, and where, on one line; never "no such file".
    Run down = logdex("get", "--hdfsConfiguration=[{\"fs.defaultFS\":\"hdfs://127.0.0.1:1\"}]",
        "--index=hdfs://127.0.0.1:1/idx", "a.b");
    assertEquals(3, down.code(), down.err());
    assertEquals("logdex get: cannot read the store (Connection refused): hdfs://127.0.0.1:1/idx/manifest.json",
        down.err().strip());
  }
}
