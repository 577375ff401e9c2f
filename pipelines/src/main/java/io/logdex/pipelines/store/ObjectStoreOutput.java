package io.logdex.pipelines.store;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * A build output on a store without an atomic rename over a directory, committed by the launcher
 * around the job (FORMAT.md, "Object storage"): it mirrors the committed state into a local stage,
 * claims the new generation so that no other build takes its number, and commits by naming it in
 * {@code manifest.json} only if no other build committed meanwhile. {@link S3Output} does this
 * with conditional PUTs, {@link HdfsOutput} with the NameNode's exclusive create and rename.
 */
public interface ObjectStoreOutput {
  /** The output at url ({@code s3://} or {@code hdfs://}); {@link ObjectStores#configure} has checked the options. */
  static ObjectStoreOutput open(String url, PipelineOptions options) throws IOException {
    return switch (String.valueOf(ObjectStores.schemeOf(url))) {
      case "s3" -> S3Output.open(url, options);
      case "hdfs" -> HdfsOutput.open(url, options);
      default -> throw new StoreException("--output=" + url + ": outputs are written to local paths, s3:// and hdfs://"
          + " only; " + ObjectStores.schemeOf(url) + ":// has no exclusive create here to commit with");
    };
  }

  /** The output's URL, without a trailing slash. */
  String url();

  /**
   * Fills an empty local directory with the output's committed state: manifest.json, and an empty
   * directory for every generation name or claim (the current generation's files stay on the
   * store: an incremental build's workers read them from there).
   */
  void stageInto(Path stage) throws IOException;

  /**
   * Takes generation for this build before anything of it is written, naming the build's scratch
   * prefix (so that the commit which removes a killed build's generation also removes its
   * scratch). A taken number fails the build.
   */
  void claim(String generation, String previous, String scratchUrl) throws IOException;

  /**
   * Commits a claimed generation whose files are written, only if no other build committed since
   * the stage; then removes older generations. Refused: removes this generation and its claim,
   * and fails.
   */
  void commit(String generation, String previous, byte[] manifest) throws IOException;

  /**
   * After a failed build of a claimed generation: removes its files but its dead letters, which
   * stay with the claim until a build commits (as a local output keeps them); without dead
   * letters the claim goes too. Returns the dead-letter location kept, or null.
   */
  String abandon(String generation) throws IOException;
}
