package io.logdex.io.oplog;

import io.logdex.io.common.FilePatternSource;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * All op-log files of a pattern. Each file is planned with {@link FilePlanner}; planning opens
 * every file once to read its first bytes. Reading it unsplit reads each file planned as one
 * unsplit bundle, so that records (line numbers included) are the same as those of the split
 * sources.
 */
final class OpLogSource extends FilePatternSource<OpLogItem, OpLogFileSource> {
  private static final long serialVersionUID = 1L;

  private final ReadSpec spec;

  OpLogSource(String filepattern, ReadSpec spec) {
    super("OpLogIO", filepattern, spec.emptyMatch);
    this.spec = spec;
  }

  /** The read settings; for FilePlanner callers such as tests. */
  ReadSpec spec() {
    return spec;
  }

  @Override
  protected List<OpLogFileSource> splitFile(
      MatchResult.Metadata file, long desiredBundleSizeBytes, PipelineOptions options)
      throws Exception {
    return FilePlanner.plan(file, spec, desiredBundleSizeBytes, options);
  }

  @Override
  protected List<OpLogFileSource> wholeFile(MatchResult.Metadata file, PipelineOptions options)
      throws Exception {
    return FilePlanner.plan(file, spec, Long.MAX_VALUE, options);
  }

  @Override
  public Coder<OpLogItem> getOutputCoder() {
    return OpLogItemCoder.of();
  }
}
