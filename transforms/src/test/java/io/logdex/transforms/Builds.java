package io.logdex.transforms;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** Test helpers: run a build on a runner, find the sample files, snapshot a directory's bytes. */
final class Builds {
  private Builds() {}

  static PipelineOptions direct(int parallelism) {
    return PipelineOptionsFactory.fromArgs(
            "--runner=DirectRunner",
            "--targetParallelism=" + parallelism,
            "--enforceImmutability=false",
            "--enforceEncodability=false")
        .create();
  }

  static PipelineOptions flinkLocal(int parallelism) {
    return PipelineOptionsFactory.fromArgs(
            "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=" + parallelism)
        .create();
  }

  /** Runs the build to completion and returns its plan. */
  static BuildPlan run(BuildConfig config, PipelineOptions options) {
    Pipeline p = Pipeline.create(options);
    BuildIndex build = BuildIndex.of(config);
    p.apply(build);
    try {
      PipelineResult.State s = p.run().waitUntilFinish();
      if (s != PipelineResult.State.DONE) throw new AssertionError("pipeline ended " + s);
      return build.plan();
    } finally {
      try {
        build.releaseLock();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
  }

  /** samples/data/NAME, found from the working directory (the repo root or a module). */
  static Path sample(String name) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path p = dir.resolve("samples/data").resolve(name);
      if (Files.isRegularFile(p)) return p;
      dir = dir.getParent();
    }
    throw new IllegalStateException("samples/data/" + name + " not found above the working directory");
  }

  static Path copySample(String name, Path dir) throws IOException {
    Files.createDirectories(dir);
    return Files.copy(sample(name), dir.resolve(name));
  }

  /** Every regular file under root, by relative path, with its bytes. */
  static Map<String, byte[]> files(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    List<Path> all = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(Files::isRegularFile).forEach(all::add);
    }
    for (Path p : all) out.put(root.relativize(p).toString(), Files.readAllBytes(p));
    return out;
  }

  /**
   * Waits until no bundle of a failed DirectRunner job is still writing under dir. A failed job's
   * other workers may run on for a moment in this JVM (in the CLI the process exits); a test that
   * walks or reuses the directory must not race them.
   */
  static void awaitQuiet(Path dir) throws Exception {
    long deadline = System.nanoTime() + 60_000_000_000L;
    int quiet = 0;
    while (quiet < 3 && System.nanoTime() < deadline) {
      boolean busy = false;
      try (Stream<Path> s = Files.walk(dir)) {
        busy = s.anyMatch(p -> p.getFileName().toString().contains(".inprogress") || p.getFileName().toString().contains(".tmp"));
      } catch (IOException | java.io.UncheckedIOException e) {
        busy = true; // a file vanished mid-walk: someone is still at work
      }
      quiet = busy ? 0 : quiet + 1;
      Thread.sleep(200);
    }
  }
}
