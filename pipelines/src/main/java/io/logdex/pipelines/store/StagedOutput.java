package io.logdex.pipelines.store;

import io.logdex.pipelines.BuildJob;
import io.logdex.pipelines.LogdexBuildOptions;
import io.logdex.transforms.BuildManifest;
import io.logdex.transforms.BuildPlan;
import io.logdex.transforms.Generations;
import io.logdex.transforms.ObjectFiles;
import io.logdex.transforms.ObjectStoreTarget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A build whose --output is an object store. The launcher keeps a small local stage (the output's
 * manifest, its generation names, the build lock and pending manifest: what planning reads), in
 * the JVM's temp directory or a local --tempLocation; the job's workers write the generation to
 * the store themselves and their spill runs under --tempLocation ({@link ObjectStoreTarget}); the
 * launcher claims the generation before the job runs and commits it after ({@link
 * ObjectStoreOutput}). At the end the stage and the build's scratch prefix are removed, whether
 * the build committed or failed; a failed build's dead letters stay on the store, which the error
 * names.
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
    String temp = options.getTempLocation();
    if (temp != null && !temp.isEmpty()) locations.add(temp);
    for (String l : locations) ObjectStores.configure(l, options);
    String out = options.getOutput();
    if (out == null || ObjectStores.schemeOf(out) == null) return null;
    ObjectStores.configure(out, options);
    Path base = temp != null && !temp.isEmpty() && ObjectStores.schemeOf(temp) == null ? Path.of(temp)
        : Path.of(System.getProperty("java.io.tmpdir"));
    Path stage = base.resolve("logdex-stage-" + UUID.randomUUID());
    ObjectStoreOutput o = ObjectStoreOutput.open(out, options); // refuses a scheme it cannot commit to
    options.setPublishedOutput(o.url());
    options.setOutput(stage.toString());
    return new StagedOutput(o, stage);
  }

  public String url() {
    return output.url();
  }

  /** Stages, builds (the workers writing to the store), commits; returns the committed manifest. */
  public BuildManifest run(LogdexBuildOptions options, BuildJob.ProgressListener listener) throws IOException {
    Files.createDirectories(stage);
    Commit commit = new Commit();
    try {
      output.stageInto(stage);
      commit.previous = BuildManifest.currentGeneration(stage);
      return BuildJob.run(options, listener, commit);
    } finally {
      try {
        Generations.deleteTree(stage);
      } finally {
        commit.removeScratch(options);
      }
    }
  }

  /** The launcher's steps around the job ({@link BuildJob.ObjectCommit}). */
  private final class Commit implements BuildJob.ObjectCommit {
    String previous;
    ObjectStoreTarget target;

    @Override
    public void claim(BuildPlan plan) throws IOException {
      output.claim(plan.generation(), previous, plan.target().scratchUrl());
      target = plan.target();
    }

    @Override
    public BuildManifest commit(BuildPlan plan) throws IOException {
      byte[] manifest = ObjectFiles.read(plan.target().builtManifestUrl());
      output.commit(plan.generation(), previous, manifest);
      // The stage mirrors the committed state: the manifest is read back as a local build's is.
      Files.write(stage.resolve(Generations.MANIFEST), manifest);
      return BuildManifest.read(stage);
    }

    @Override
    public String abandon(BuildPlan plan, String reason) throws IOException {
      return output.abandon(plan.generation());
    }

    /**
     * Removes this build's scratch prefix and, for a job that failed in this JVM (the DirectRunner,
     * an embedded Flink), any stage its work left; nothing when the build never claimed a generation.
     */
    void removeScratch(LogdexBuildOptions options) throws IOException {
      if (target == null) return;
      target.removeWorkerStages();
      try {
        String scratch = target.scratchUrl();
        ObjectStores.deleteScratch(scratch, options);
        if (options.getTempLocation() == null || options.getTempLocation().isEmpty()) {
          // The default temp directory OUTPUT/.tmp goes once empty, as a local output's does.
          String parent = scratch.substring(0, scratch.lastIndexOf('/', scratch.length() - 2));
          ObjectStores.deleteIfEmpty(parent, options);
        }
      } catch (IOException | RuntimeException e) {
        // Not this build's outcome: its claim names the scratch, and the commit that removes the
        // claim removes what is left of it (ObjectStoreOutput). A build failed by a --tempLocation
        // it cannot reach lands here too, and its own error is the one to report.
      }
    }
  }
}
