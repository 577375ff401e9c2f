package io.logdex.cli;

import static io.logdex.cli.BuildCliTest.logdex;
import static io.logdex.cli.ObjectStoreCliTest.assertSameFiles;
import static io.logdex.cli.ObjectStoreCliTest.files;
import static io.logdex.cli.ObjectStoreCliTest.generation;
import static io.logdex.cli.ObjectStoreCliTest.objects;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.cli.BuildCliTest.Run;
import io.logdex.pipelines.BuildJob;
import io.logdex.pipelines.BuildProgress;
import io.logdex.pipelines.LogdexBuildOptions;
import io.logdex.pipelines.store.StagedOutput;
import io.logdex.transforms.BuildManifest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A build into s3:// with an s3:// --tempLocation, as on a cluster whose workers share only the
 * object store: the workers write the generation and their spill runs to the store themselves,
 * the launcher's local stage holds none of the generation's files, the result is byte-identical
 * to a local build, a failed build leaves the committed generation and no scratch, and queries on
 * the store answer as on the local build.
 */
class WorkersWriteObjectStoreTest extends ObjectStoreTestBase {
  static Path workers;
  static String savedTmpdir;

  @BeforeAll
  static void start() throws Exception {
    startServerWithSamples();
    // The workers' stages (and the launcher's) go to the JVM's temp directory: here, one we watch.
    workers = Files.createDirectories(tmp.resolve("workers"));
    savedTmpdir = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", workers.toString());
    Run r = logdex(args("--output=" + local, "--oplogs=" + commits));
    assertEquals(0, r.code(), r.err());
  }

  @AfterAll
  static void stop() {
    if (savedTmpdir != null) System.setProperty("java.io.tmpdir", savedTmpdir);
  }

  static String[] args(String... more) {
    return Stream.concat(Stream.of("build", "--snapshots=" + snapshot + "@0", "--chunkBytes=65536",
        "--targetParallelism=2"), Stream.concat(Stream.of(aws), Stream.of(more))).toArray(String[]::new);
  }

  static Run query(String command, String... rest) {
    return logdex(Stream.concat(Stream.of(command), Stream.concat(Stream.of(aws), Stream.of(rest))).toArray(String[]::new));
  }

  /** Regular files under dir but the stage's own bookkeeping (manifest, pending manifest, lock). */
  static Set<String> generationFiles(Path dir) {
    Set<String> out = new TreeSet<>();
    if (!Files.isDirectory(dir)) return out;
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
          .filter(n -> !Set.of("manifest.json", "pending.json", ".pending.json.tmp", ".lock").contains(n))
          .forEach(out::add);
    } catch (IOException e) {
      // the stage may be removed under the walk at the very end
    }
    return out;
  }

  /** The workers' stages in the watched temp directory (not the launcher's logdex-stage-*). */
  static List<String> workerStages() {
    try (Stream<Path> s = Files.list(workers)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("logdex-g")).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void workersWriteTheGenerationToTheStoreAndTheLauncherOnlyCommits() throws Exception {
    PipelineOptionsFactory.register(LogdexBuildOptions.class);
    String[] cli = args("--output=s3://bucket/direct", "--tempLocation=s3://bucket/tmp", "--oplogs=" + commits);
    String[] beam = BuildCommand.withDefaults(Arrays.asList(Arrays.copyOfRange(cli, 1, cli.length))).toArray(String[]::new);
    LogdexBuildOptions options = PipelineOptionsFactory.fromArgs(beam).as(LogdexBuildOptions.class);
    StagedOutput staged = StagedOutput.configure(options);
    Path stage = Path.of(options.getOutput());
    Set<String> seenInStage = new TreeSet<>();
    List<List<String>> stagesAtPhaseEnd = new java.util.ArrayList<>();
    int[] callbacks = new int[1];
    BuildJob.ProgressListener watch = new BuildJob.ProgressListener() {
      @Override
      public void progress(BuildProgress.Snapshot s) {
        callbacks[0]++;
        seenInStage.addAll(generationFiles(stage));
      }

      @Override
      public void phaseEnded(BuildProgress.Snapshot s) {
        progress(s); // the last one comes after the job ended, before the launcher commits
        stagesAtPhaseEnd.add(workerStages());
      }

      @Override
      public long intervalMillis() {
        return 10;
      }
    };
    BuildManifest m = staged.run(options, watch);

    assertEquals("g000001", m.generation());
    assertTrue(callbacks[0] >= 4, "the stage was looked at in every phase");
    assertEquals(Set.of(), seenInStage, "the launcher's stage never holds the generation's files");
    Map<String, byte[]> remote = objects("s3://bucket/direct");
    assertSameFiles(files(local.resolve("g000001")), generation(remote, "g000001"));
    assertEquals(Set.of("g000001.claim", "manifest.json"),
        new TreeSet<>(remote.keySet().stream().filter(k -> !k.startsWith("g000001/")).toList()));
    assertEquals(Set.of(), objects("s3://bucket/tmp").keySet(), "the build's scratch is removed");
    assertEquals(List.of(), stagesAtPhaseEnd.get(stagesAtPhaseEnd.size() - 1),
        "each worker removes its own stage when its work ends, before the launcher cleans up (on a cluster it cannot)");
    try (Stream<Path> s = Files.list(workers)) {
      assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("logdex-")).toList(),
          "the workers' stages and the launcher's are removed");
    }

    // Queries on the store answer as on the local build.
    for (String[] q : new String[][] {
        {"search", "--limit=20", "error:null"},
        {"get", "namespaces.identity.configMaps.app-config.data"},
        {"stats"}}) {
      Run a = logdex(Stream.concat(Stream.of(q[0], "--index=" + local), Stream.of(q).skip(1)).toArray(String[]::new));
      Run b = query(q[0], Stream.concat(Stream.of("--index=s3://bucket/direct"), Stream.of(q).skip(1)).toArray(String[]::new));
      assertEquals(a.code(), b.code(), String.join(" ", q) + ": " + b.err());
      assertTrue(q[0].equals("search") || b.code() == 0 && !b.out().isEmpty(), String.join(" ", q) + ": " + b.err());
      assertEquals(a.out(), b.out(), String.join(" ", q));
    }
  }

  /**
   * Over the dead-letter limit, the build fails having written its generation to the store: only
   * the dead letters stay (with the claim) until a build commits, the scratch goes, and the
   * committed generation still answers.
   */
  @Test
  void aFailedBuildLeavesTheCommittedGenerationItsDeadLettersAndNoScratch() throws IOException {
    Run first = logdex(args("--output=s3://bucket/failing", "--tempLocation=s3://bucket/tmp-failing",
        "--oplogs=" + commits));
    assertEquals(0, first.code(), first.err());
    Path bad = tmp.resolve("in/bad.jsonl");
    Files.writeString(bad, "{\"op\": \"GET\", \"key\": \"a\"}\nnot json at all\n", StandardCharsets.UTF_8);
    Run r = logdex(args("--output=s3://bucket/failing", "--tempLocation=s3://bucket/tmp-failing",
        "--oplogs=" + commits + "," + bad, "--maxBadRecords=0"));
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains("s3://bucket/failing still holds g000001"), r.err());
    assertTrue(r.err().contains("dead letters kept in s3://bucket/failing/g000002/dead-letter/"), r.err());
    assertEquals(1, r.err().lines().filter(l -> l.contains("build failed")).count(), r.err());
    assertTrue(r.err().lines().filter(l -> l.contains("build failed")).allMatch(l -> l.endsWith("until a build commits")),
        "one line: " + r.err());

    Map<String, byte[]> remote = objects("s3://bucket/failing");
    Set<String> failed = generation(remote, "g000002").keySet();
    assertFalse(failed.isEmpty());
    assertTrue(failed.stream().allMatch(k -> k.startsWith("dead-letter/")), failed.toString());
    assertTrue(remote.containsKey("g000002.claim"), "the claim stays with the dead letters");
    assertTrue(new String(remote.get("manifest.json"), StandardCharsets.UTF_8).contains("\"generation\": \"g000001\""));
    assertEquals(Set.of(), objects("s3://bucket/tmp-failing").keySet(), "no scratch is left behind");
    assertEquals(0, query("verify", "s3://bucket/failing").code());

    Run next = logdex(args("--output=s3://bucket/failing", "--tempLocation=s3://bucket/tmp-failing",
        "--oplogs=" + commits + "," + bad, "--maxBadRecordsFraction=1"));
    assertEquals(0, next.code(), next.err());
    assertTrue(next.out().startsWith("committed g000003 in s3://bucket/failing"), next.out());
    remote = objects("s3://bucket/failing");
    assertTrue(generation(remote, "g000002").isEmpty() && !remote.containsKey("g000002.claim"),
        "the failed build's dead letters go once a build commits: " + remote.keySet());
  }

  /** An s3:// --tempLocation is used, not passed over: one the build cannot write fails it. */
  @Test
  void anUnwritableObjectStoreTempLocationFailsTheBuildAndKeepsTheOutput() {
    Run first = logdex(args("--output=s3://bucket/honoured", "--oplogs=" + commits));
    assertEquals(0, first.code(), first.err());
    Run r = logdex(args("--output=s3://bucket/honoured", "--tempLocation=s3://no-such-bucket/tmp",
        "--oplogs=" + commits, "--partitions=3"));
    assertEquals(3, r.code(), r.err());
    assertTrue(r.err().contains("build failed, nothing committed: writing s3://no-such-bucket/tmp/logdex-g000002-"), r.err());
    assertTrue(r.err().contains("The specified bucket does not exist"), r.err());
    assertTrue(r.err().contains("s3://bucket/honoured still holds g000001"), r.err());
    assertEquals(0, query("verify", "s3://bucket/honoured").code());
  }

  /** A --tempLocation the build cannot use is a one-line usage error before any work. */
  @Test
  void aTempLocationTheBuildCannotUseIsAUsageErrorBeforeAnyWork() throws IOException {
    Run r = logdex(args("--output=s3://bucket/usage", "--tempLocation=foo://x/tmp", "--oplogs=" + commits));
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().startsWith("logdex build: foo://x/tmp: unknown scheme foo://"), r.err());
    assertEquals(1, r.err().strip().split("\n").length, r.err());
    assertEquals(Set.of(), objects("s3://bucket/usage").keySet());

    Path out = tmp.resolve("local-usage");
    Run l = logdex(args("--output=" + out, "--tempLocation=s3://bucket/tmp", "--oplogs=" + commits));
    assertEquals(2, l.code(), l.err());
    assertTrue(l.err().contains("--tempLocation=s3://bucket/tmp is an object store, but the output " + out), l.err());
    assertFalse(Files.exists(out.resolve("manifest.json")) || Files.exists(out.resolve("pending.json")));
  }

  /** The same on an embedded Flink cluster: its task slots write the store as cluster workers would. */
  @Test
  void anEmbeddedFlinkBuildWritesTheSameObjects() throws IOException {
    Run r = logdex(args("--output=s3://bucket/flink", "--tempLocation=s3://bucket/tmp-flink", "--oplogs=" + commits,
        "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"));
    assertEquals(0, r.code(), r.err());
    Map<String, byte[]> remote = objects("s3://bucket/flink");
    assertSameFiles(files(local.resolve("g000001")), generation(remote, "g000001"));
    assertEquals(Set.of(), objects("s3://bucket/tmp-flink").keySet(), "the build's scratch is removed");
    assertEquals(List.of(), workerStages(), "the task slots' stages are removed");
  }
}
