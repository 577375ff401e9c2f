package io.logdex.cli;

import static io.logdex.cli.BuildCliTest.logdex;
import static io.logdex.cli.BuildCliTest.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.cli.BuildCliTest.Run;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduled job end to end: runners/scheduled/logdex-nightly.sh runs the real {@code logdex
 * build} (its DirectRunner, in a JVM of its own) twice: a good night, then a night whose snapshot
 * arrived cut short. The second run must fail and leave the index readers use answering as before.
 */
class NightlyBuildTest {
  @TempDir Path tmp;

  @Test
  void aNightWithACorruptInputFailsAndTheOldIndexStillAnswers() throws Exception {
    Path script = repoFile("runners/scheduled/logdex-nightly.sh");
    Path data = Files.createDirectories(tmp.resolve("data"));
    Path snapshot = data.resolve("state.json");
    Files.copy(sample("cluster-state.json"), snapshot);
    Files.copy(sample("commits.jsonl"), data.resolve("commits.jsonl"));
    Path root = tmp.resolve("index");
    Path env = writeEnv(root, "build --snapshots=" + snapshot + "@0 --oplogs=" + data + "/*.jsonl");

    assertEquals(0, nightly(script, env), log());
    Path current = root.resolve("current");
    String good = search(current);
    String first = Files.readSymbolicLink(current).toString();

    byte[] bytes = Files.readAllBytes(snapshot);
    Files.write(snapshot, Arrays.copyOf(bytes, bytes.length - 100));
    assertEquals(1, nightly(script, env), log());
    assertEquals(first, Files.readSymbolicLink(current).toString(), "current still points at the good build");
    assertEquals(good, search(current), "the old index still answers");
    assertTrue(log().contains("does not parse as a whole"), log());
  }

  private String search(Path index) {
    Run r = logdex("search", "--index=" + index, "--count", "canary");
    assertEquals(ExitCode.OK, r.code(), r.err());
    return r.out();
  }

  private int nightly(Path script, Path env) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("bash", script.toString(), "--env=" + env)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(tmp.resolve("nightly.log").toFile()))
        .start();
    assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the nightly run ended");
    return p.exitValue();
  }

  private String log() throws IOException {
    Path l = tmp.resolve("nightly.log");
    return Files.exists(l) ? Files.readString(l) : "";
  }

  /** The wrapper's settings: this test's classpath stands in for the job jar and Flink's jars. */
  private Path writeEnv(Path root, String buildArgs) throws IOException {
    Path classpath = Files.writeString(tmp.resolve("classpath"), System.getProperty("java.class.path"));
    Path jar = tmp.resolve("empty-job.jar");
    try (OutputStream o = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(o, new Manifest())) {
      j.flush();
    }
    String env = String.join("\n",
        "INDEX_ROOT=" + root,
        "JOB_JAR=" + jar,
        "FLINK_CLASSPATH_FILE=" + classpath,
        "JOB_MAIN=io.logdex.cli.Main",
        "BUILD_ARGS='" + buildArgs + "'",
        "FLINK_MASTER=",
        "JAVA_OPTS=-Xmx512m",
        "KEEP_BUILDS=2",
        "");
    return Files.writeString(tmp.resolve("nightly.env"), env, StandardCharsets.UTF_8);
  }

  private static Path repoFile(String relative) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path p = dir.resolve(relative);
      if (Files.isRegularFile(p)) return p;
      dir = dir.getParent();
    }
    throw new IllegalStateException(relative);
  }
}
