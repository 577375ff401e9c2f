package io.logdex.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.logdex.samples.OpLogGenerator;
import io.logdex.transforms.BuildLock;
import io.logdex.transforms.BuildManifest;
import io.logdex.transforms.Generations;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A build killed with SIGKILL at an arbitrary moment must leave its output directory either
 * without a manifest or on the last complete generation, never half-committed; and the next build
 * must produce exactly what an uninterrupted build does. The build runs in a child JVM because
 * only a real process kill skips every finally block and shutdown hook, as a crash does.
 */
class KillRebuildTest {
  /** The child's heap; the build streams, so this is plenty and keeps the machine responsive. */
  private static final String CHILD_HEAP = "-Xmx384m";

  @TempDir Path dir;

  @Test
  void killedBuildsLeaveACompleteGenerationOrNoneAndRebuildsMatch() throws Exception {
    long seed = Long.getLong("logdex.killSeed", 20261122L);
    Random rnd = new Random(seed);
    Path input = dir.resolve("ops.tsv.zst");
    try (OutputStream o = new BufferedOutputStream(Files.newOutputStream(input))) {
      // About 3.5 MB decoded in 64 KiB frames; with 64 KiB chunks the build has a dozen chunks to
      // write, so a kill can land between any two of its steps.
      OpLogGenerator.write(o, OpLogGenerator.Options.defaults().records(10_000)
          .compression(OpLogGenerator.Compression.MULTI).frameBytes(64 << 10).seed(seed));
    }

    Path ref = dir.resolve("ref");
    long t0 = System.nanoTime();
    build(input, ref);
    long refMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    String gen = BuildManifest.currentGeneration(ref);
    assertEquals(Generations.name(1), gen);

    // 1. A first build into a fresh directory, killed: no manifest, or a complete generation 1.
    Path out = dir.resolve("out");
    String note1 = killAtRandom(input, out, refMillis, rnd);
    String after = Files.isDirectory(out) ? BuildManifest.currentGeneration(out) : null;
    if (after != null) {
      assertEquals(gen, after, note1);
      assertSameGenerations(ref, out, note1);
    }
    // Only a kill that left no commit needs the re-run; one that committed (or a build that beat
    // the kill) is already the complete generation 1 checked above.
    if (after == null) {
      build(input, out);
      assertSameGenerations(ref, out, note1 + ", then rebuilt");
    }

    // 2. A second build over the complete one (same inputs, so nothing new), killed: the output
    // still names generation 1 with the same bytes, or generation 2 if the kill came after it
    // committed. Either way the data stays what the uninterrupted build wrote.
    String note2 = killAtRandom(input, out, refMillis, rnd);
    String now = BuildManifest.currentGeneration(out);
    if (now.equals(gen)) {
      assertSameTree(ref.resolve(gen), out.resolve(gen), note2);
    } else {
      assertEquals(Generations.name(2), now, note2);
    }
    build(input, out);
    String last = BuildManifest.currentGeneration(out);
    assertTrue(Generations.number(last) >= 2, note2 + ": rebuilt into " + last);
    // Left: the manifest, the lock, the new generation and the one it retains; no pending manifest.
    List<String> expected = new java.util.ArrayList<>(List.of(Generations.MANIFEST, BuildLock.FILE, last));
    expected.addAll(BuildManifest.read(out).retained());
    assertEquals(new TreeSet<>(expected), new TreeSet<>(topLevel(out)), note2 + ": leftovers after the rebuild");
    assertTrue(Files.size(out.resolve(last).resolve("index").resolve("docs.table")) > 0, note2);
  }

  /**
   * Starts a build and kills it after a random fraction of the reference build's time. Returns a
   * description of what happened, for assertion messages.
   */
  private String killAtRandom(Path input, Path out, long refMillis, Random rnd) throws Exception {
    long delay = (long) (refMillis * (0.05 + 0.9 * rnd.nextDouble()));
    Process p = start(input, out, dir.resolve("killed.log"));
    if (p.waitFor(delay, TimeUnit.MILLISECONDS)) {
      // The build beat the kill (a loaded machine makes timing loose); a finished build is a valid
      // state too, checked below like any other.
      assertEquals(0, p.exitValue(), () -> "build failed before the kill:\n" + tail(dir.resolve("killed.log")));
      return "build finished before the kill at " + delay + " ms of " + refMillis;
    }
    p.destroyForcibly();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "killed child did not exit");
    return "killed at " + delay + " ms of a " + refMillis + " ms build";
  }

  private void build(Path input, Path out) throws Exception {
    Path log = dir.resolve("build.log");
    Process p = start(input, out, log);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      fail("build did not finish in 60 s:\n" + tail(log));
    }
    assertEquals(0, p.exitValue(), () -> "build failed:\n" + tail(log));
  }

  private static Process start(Path input, Path out, Path log) throws IOException {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, CHILD_HEAP,
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
        "-cp", System.getProperty("java.class.path"),
        "io.logdex.cli.Main", "build",
        "--oplogs=" + input, "--output=" + out, "--chunkBytes=65536", "--targetParallelism=2"));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** Both outputs commit the same generation, and everything but manifest.json is identical. */
  private static void assertSameGenerations(Path ref, Path out, String note) throws IOException {
    String g = BuildManifest.currentGeneration(ref);
    assertEquals(g, BuildManifest.currentGeneration(out), note);
    assertEquals(topLevel(ref), topLevel(out), note + ": top-level entries");
    assertSameTree(ref.resolve(g), out.resolve(g), note);
  }

  private static void assertSameTree(Path a, Path b, String note) throws IOException {
    TreeSet<String> fa = files(a);
    TreeSet<String> fb = files(b);
    assertEquals(fa, fb, note + ": file lists of " + a.getFileName());
    assertFalse(fa.isEmpty(), note);
    for (String f : fa) {
      assertEquals(-1L, Files.mismatch(a.resolve(f), b.resolve(f)), note + ": first differing byte of " + f);
    }
  }

  private static TreeSet<String> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString())
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static List<String> topLevel(Path root) throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
