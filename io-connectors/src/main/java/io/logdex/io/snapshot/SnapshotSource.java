package io.logdex.io.snapshot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All snapshot files of a pattern. {@link #split} matches the pattern through {@link FileSystems}
 * (any registered scheme) and plans every file that can seek with the structural pre-scan ({@link
 * SplitPlanner}), which reads each such file once; files that cannot (one zstd frame, gzip) are
 * read whole by one reader. Reading this source unsplit reads the files one after another, each
 * whole and without a plan: the reference the split sources must agree with.
 */
final class SnapshotSource extends BoundedSource<SnapshotItem> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotSource.class);

  private final String filepattern;
  private final SnapshotSpec spec;

  SnapshotSource(String filepattern, SnapshotSpec spec) {
    this.filepattern = filepattern;
    this.spec = spec;
  }

  SnapshotSpec spec() {
    return spec;
  }

  private List<MatchResult.Metadata> match() throws IOException {
    MatchResult r = FileSystems.match(filepattern, spec.emptyMatch);
    List<MatchResult.Metadata> files = new ArrayList<>(r.metadata());
    // Deterministic order, whatever the file system lists first.
    files.sort((a, b) -> a.resourceId().toString().compareTo(b.resourceId().toString()));
    return files;
  }

  /** The one source covering a whole file, planned if it can be. */
  static SnapshotFileSource fileSource(MatchResult.Metadata m, SnapshotSpec spec)
      throws IOException {
    SnapshotFile.Inspected f = SnapshotFile.inspect(m, spec.compression);
    if (!f.file().isSplittable()) return SnapshotFileSource.whole(spec, f.file());
    return SnapshotFileSource.planned(spec, f.file(), SplitPlanner.plan(f.file(), f.table(), spec));
  }

  @Override
  public List<SnapshotFileSource> split(long desiredBundleSizeBytes, PipelineOptions options)
      throws Exception {
    long t0 = System.nanoTime();
    List<SnapshotFileSource> out = new ArrayList<>();
    List<MatchResult.Metadata> files = match();
    for (MatchResult.Metadata m : files) {
      out.addAll(fileSource(m, spec).split(desiredBundleSizeBytes, options));
    }
    LOG.info("Split {} ({} files) into {} sources in {} ms", filepattern, files.size(), out.size(),
        (System.nanoTime() - t0) / 1_000_000);
    return out;
  }

  @Override
  public long getEstimatedSizeBytes(PipelineOptions options) throws IOException {
    long total = 0;
    for (MatchResult.Metadata m : match()) total += m.sizeBytes();
    return total;
  }

  @Override
  public BoundedReader<SnapshotItem> createReader(PipelineOptions options) throws IOException {
    return new FilesReader(this, match(), options);
  }

  @Override
  public void validate() {
    if (filepattern == null || filepattern.isEmpty()) {
      throw new IllegalArgumentException("SnapshotIO.read() needs from(filepattern)");
    }
  }

  @Override
  public Coder<SnapshotItem> getOutputCoder() {
    return SnapshotItemCoder.of();
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("filePattern", filepattern).withLabel("File pattern"));
  }

  @Override
  public String toString() {
    return "SnapshotSource(" + filepattern + ")";
  }

  /** Reads the matched files in order, each whole and unplanned. */
  private static final class FilesReader extends BoundedReader<SnapshotItem> {
    private final SnapshotSource source;
    private final Iterator<MatchResult.Metadata> files;
    private final int fileCount;
    private final PipelineOptions options;
    private int filesStarted;
    private BoundedReader<SnapshotItem> current;

    FilesReader(SnapshotSource source, List<MatchResult.Metadata> files, PipelineOptions options) {
      this.source = source;
      this.files = files.iterator();
      this.fileCount = files.size();
      this.options = options;
    }

    @Override
    public boolean start() throws IOException {
      return nextFile();
    }

    @Override
    public boolean advance() throws IOException {
      return current != null && (current.advance() || nextFile());
    }

    private boolean nextFile() throws IOException {
      while (true) {
        if (current != null) {
          current.close();
          current = null;
        }
        if (!files.hasNext()) return false;
        filesStarted++;
        SnapshotFile f = SnapshotFile.inspect(files.next(), source.spec.compression).file();
        current = SnapshotFileSource.whole(source.spec, f).createReader(options);
        if (current.start()) return true;
      }
    }

    @Override
    public SnapshotItem getCurrent() {
      if (current == null) throw new NoSuchElementException();
      return current.getCurrent();
    }

    @Override
    public Double getFractionConsumed() {
      if (fileCount == 0) return 1.0;
      BoundedReader<SnapshotItem> r = current;
      Double inFile = r == null ? null : r.getFractionConsumed();
      double done = Math.max(0, filesStarted - 1) + (inFile == null ? 0 : inFile);
      return Math.min(1.0, done / fileCount);
    }

    @Override
    public BoundedSource<SnapshotItem> getCurrentSource() {
      return source;
    }

    @Override
    public void close() throws IOException {
      if (current != null) current.close();
      current = null;
    }
  }
}
