package io.logdex.pipelines.store;

import io.logdex.pipelines.BuildJob;
import io.logdex.pipelines.LogdexBuildOptions;
import io.logdex.transforms.BuildManifest;
import io.logdex.transforms.Generations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A build whose --output is an object store: run into a local stage under --tempLocation (default
 * the JVM's temp directory), then published by {@link ObjectStoreOutput}. The stage is removed at
 * the end, unless a failed build left dead letters there (the error names them).
 */
public final class StagedOutput {
  private final ObjectStoreOutput output;
  private final Path stage;

  private StagedOutput(ObjectStoreOutput output, Path stage) {
    this.output = output;
    this.stage = stage;
  }

  /**
   * Checks every location of the build before any work and registers their file systems; for an
   * object-store output, points --output at a new local stage and returns it (null for a local one).
   */
  public static StagedOutput configure(LogdexBuildOptions options) throws IOException {
    List<String> locations = new ArrayList<>();
    if (options.getOplogs() != null) locations.addAll(options.getOplogs());
    if (options.getSnapshots() != null) locations.addAll(options.getSnapshots());
    for (String l : locations) ObjectStores.configure(l, options);
    String out = options.getOutput();
    if (out == null || ObjectStores.schemeOf(out) == null) return null;
    ObjectStores.configure(out, options);
    if (!ObjectStores.schemeOf(out).equals("s3")) {
      throw new StoreException("--output=" + out + ": outputs are written to local paths and s3:// only; "
          + ObjectStores.schemeOf(out) + ":// has no conditional create here to commit with");
    }
    String temp = options.getTempLocation();
    Path base = temp != null && ObjectStores.schemeOf(temp) == null ? Path.of(temp)
        : Path.of(System.getProperty("java.io.tmpdir"));
    Path stage = base.resolve("logdex-stage-" + UUID.randomUUID());
    ObjectStoreOutput o = ObjectStoreOutput.open(out, options);
    options.setPublishedOutput(o.url());
    options.setOutput(stage.toString());
    return new StagedOutput(o, stage);
  }

  public String url() {
    return output.url();
  }

  /** Stages, builds, publishes; returns the committed manifest. */
  public BuildManifest run(LogdexBuildOptions options, BuildJob.ProgressListener listener) throws IOException {
    Files.createDirectories(stage);
    boolean keep = false;
    try {
      output.stageInto(stage);
      String previous = BuildManifest.currentGeneration(stage);
      BuildManifest m;
      try {
        m = BuildJob.run(options, listener);
      } catch (IOException | RuntimeException e) {
        keep = Files.exists(stage.resolve("pending.json"));
        throw e;
      }
      output.publish(stage, m.generation(), previous);
      return m;
    } finally {
      if (!keep) Generations.deleteTree(stage);
    }
  }
}
