package io.logdex.transforms;

import org.apache.beam.sdk.options.Hidden;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Set by the launcher when --output is an object store: the URL the build is published to, while
 * --output names the launcher's local stage (its manifest and bookkeeping only). With it, workers
 * write their files to the object store themselves ({@link ObjectStoreTarget}).
 */
public interface ObjectOutputOptions extends PipelineOptions {
  /** Where the output is published when --output is a local stage of it (an s3:// build): recorded in the manifest. */
  @Hidden
  String getPublishedOutput();

  void setPublishedOutput(String value);
}
