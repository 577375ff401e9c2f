package io.logdex.transforms;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * Where a build into an object store puts things, carried by the plan to every worker: the
 * generation's files under the output URL, spill runs and the built manifest under the build's
 * scratch prefix in --tempLocation (a location every worker can read: a partition's runs are
 * merged on whichever worker gets the partition), and, on each worker, a local stage in the JVM's
 * temp directory where the java.nio writers work before a finished file is published. Every piece
 * of work (a chunk, a merge, the commit step) has a stage of its own, removed when it ends: threads
 * and TaskManagers on one host share the temp directory, so a shared stage could be removed by
 * none of them without racing the others.
 */
public final class ObjectStoreTarget implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The manifest a build's commit step writes to scratch, for the launcher to commit. */
  static final String BUILT_MANIFEST = "manifest.json";

  private final String outputUrl;
  private final String scratchUrl;
  private final String scratchName;
  /** The name of this piece of work's stage in the temp directory, or null on the launcher's copy. */
  private final String stageName;

  private ObjectStoreTarget(String outputUrl, String scratchUrl, String scratchName, String stageName) {
    this.outputUrl = outputUrl;
    this.scratchUrl = scratchUrl;
    this.scratchName = scratchName;
    this.stageName = stageName;
  }

  /**
   * A target for the output at outputUrl, with the build's scratch named scratchName under
   * tempLocation (by default {@code OUTPUT/.tmp/}, as for a local build).
   */
  static ObjectStoreTarget of(String outputUrl, String tempLocation, String scratchName) {
    String out = trimSlash(outputUrl);
    String base = tempLocation == null || tempLocation.isEmpty() ? out + "/" + ScratchDir.DEFAULT : trimSlash(tempLocation);
    return new ObjectStoreTarget(out, base + "/" + scratchName + "/", scratchName, null);
  }

  private static String trimSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /** The output's URL, without a trailing slash. */
  public String outputUrl() {
    return outputUrl;
  }

  /** This build's scratch prefix, ending in {@code /}: only this build writes under it. */
  public String scratchUrl() {
    return scratchUrl;
  }

  /** A generation's prefix under the output at outputUrl, without a trailing slash. */
  static String generationUrl(String outputUrl, String generation) {
    return trimSlash(outputUrl) + "/" + generation;
  }

  /** The object of a generation's file, rel being its path in the generation ({@code logs/00000-00000.log}). */
  String fileUrl(String generation, String rel) {
    return generationUrl(outputUrl, generation) + "/" + rel;
  }

  String runUrl(String fileName) {
    return scratchUrl + "runs/" + fileName;
  }

  /** Where the commit step leaves the new build manifest for the launcher to commit. */
  public String builtManifestUrl() {
    return scratchUrl + BUILT_MANIFEST;
  }

  /** The same target with a new stage of its own, for one piece of work ({@link BuildPlan#inOwnStage}). */
  ObjectStoreTarget withOwnStage() {
    return new ObjectStoreTarget(outputUrl, scratchUrl, scratchName, scratchName + "-w" + UUID.randomUUID());
  }

  /**
   * This piece of work's stage on the worker running this JVM: the generation's files and scratch
   * are written here, each file published when finished and then deleted.
   */
  public Path workerStage() {
    if (stageName == null) throw new IllegalStateException("the launcher's target has no stage of its own");
    return tempDir().resolve(stageName);
  }

  /**
   * Removes every stage of this build left in this JVM's temp directory: a piece of work removes
   * its own when it ends, but one stopped mid-way (a failed job on an in-process runner) may not.
   */
  public void removeWorkerStages() throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(tempDir(), scratchName + "-w*")) {
      for (Path p : s) Generations.deleteTree(p);
    }
  }

  private static Path tempDir() {
    return Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
  }
}
