package io.logdex.io.snapshot;

import io.logdex.io.common.FilePatternSource;
import java.io.IOException;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * All snapshot files of a pattern. Every file that can seek is planned with the structural
 * pre-scan ({@link SplitPlanner}), which reads each such file once; files that cannot (one zstd
 * frame, gzip) are read whole by one reader. Reading this source unsplit reads each file whole
 * and without a plan: the reference the split sources must agree with.
 */
final class SnapshotSource extends FilePatternSource<SnapshotItem, SnapshotFileSource> {
  private static final long serialVersionUID = 1L;

  private final SnapshotSpec spec;

  SnapshotSource(String filepattern, SnapshotSpec spec) {
    super("SnapshotIO", filepattern, spec.emptyMatch);
    this.spec = spec;
  }

  SnapshotSpec spec() {
    return spec;
  }

  /** The one source covering a whole file, planned if it can be. */
  static SnapshotFileSource fileSource(MatchResult.Metadata m, SnapshotSpec spec)
      throws IOException {
    SnapshotFile.Inspected f = SnapshotFile.inspect(m, spec.compression);
    if (!f.file().isSplittable()) return SnapshotFileSource.whole(spec, f.file());
    return SnapshotFileSource.planned(spec, f.file(), SplitPlanner.plan(f.file(), f.table(), spec));
  }

  @Override
  protected List<SnapshotFileSource> splitFile(
      MatchResult.Metadata file, long desiredBundleSizeBytes, PipelineOptions options)
      throws Exception {
    return fileSource(file, spec).split(desiredBundleSizeBytes, options);
  }

  @Override
  protected List<SnapshotFileSource> wholeFile(MatchResult.Metadata file, PipelineOptions options)
      throws IOException {
    return List.of(SnapshotFileSource.whole(spec, SnapshotFile.inspect(file, spec.compression).file()));
  }

  @Override
  public Coder<SnapshotItem> getOutputCoder() {
    return SnapshotItemCoder.of();
  }
}
