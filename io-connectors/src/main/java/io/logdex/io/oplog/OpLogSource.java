package io.logdex.io.oplog;

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
 * All files of a pattern. {@link #split} matches the pattern through {@link FileSystems} (so any
 * registered scheme works: gs://, s3://, local) and plans each file with {@link FilePlanner};
 * planning opens every file once to read its first bytes. Reading it unsplit reads the files one
 * after another, each whole.
 */
final class OpLogSource extends BoundedSource<OpLogItem> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(OpLogSource.class);

  private final String filepattern;
  private final ReadSpec spec;

  OpLogSource(String filepattern, ReadSpec spec) {
    this.filepattern = filepattern;
    this.spec = spec;
  }

  /** The read settings; for FilePlanner callers such as tests. */
  ReadSpec spec() {
    return spec;
  }

  private List<MatchResult.Metadata> match() throws IOException {
    MatchResult r = FileSystems.match(filepattern, spec.emptyMatch);
    List<MatchResult.Metadata> files = new ArrayList<>(r.metadata());
    // Deterministic order, whatever the file system lists first.
    files.sort((a, b) -> a.resourceId().toString().compareTo(b.resourceId().toString()));
    return files;
  }

  @Override
  public List<OpLogFileSource> split(long desiredBundleSizeBytes, PipelineOptions options)
      throws Exception {
    long t0 = System.nanoTime();
    List<OpLogFileSource> out = new ArrayList<>();
    List<MatchResult.Metadata> files = match();
    for (MatchResult.Metadata m : files) {
      out.addAll(FilePlanner.plan(m, spec, desiredBundleSizeBytes, options));
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
  public BoundedReader<OpLogItem> createReader(PipelineOptions options) throws IOException {
    return new FilesReader(this, match(), options);
  }

  @Override
  public void validate() {
    if (filepattern == null || filepattern.isEmpty()) {
      throw new IllegalArgumentException("OpLogIO.read() needs from(filepattern)");
    }
  }

  @Override
  public Coder<OpLogItem> getOutputCoder() {
    return OpLogItemCoder.of();
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("filePattern", filepattern).withLabel("File pattern"));
  }

  @Override
  public String toString() {
    return "OpLogSource(" + filepattern + ")";
  }

  /**
   * Reads the matched files in order, each planned when reached as one unsplit bundle, so that
   * records (line numbers included) are the same as those of the split sources.
   */
  private static final class FilesReader extends BoundedReader<OpLogItem> {
    private final OpLogSource source;
    private final Iterator<MatchResult.Metadata> files;
    private final int fileCount;
    private int filesStarted;
    private final PipelineOptions options;
    private Iterator<OpLogFileSource> parts = java.util.Collections.emptyIterator();
    private BoundedReader<OpLogItem> current;

    FilesReader(OpLogSource source, List<MatchResult.Metadata> files, PipelineOptions options) {
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
        if (!parts.hasNext()) {
          if (!files.hasNext()) return false;
          filesStarted++;
          try {
            parts = FilePlanner.plan(files.next(), source.spec, Long.MAX_VALUE, options).iterator();
          } catch (IOException | RuntimeException e) {
            throw e;
          } catch (Exception e) {
            throw new IOException(e);
          }
          continue;
        }
        current = parts.next().createReader(options);
        if (current.start()) return true;
      }
    }

    @Override
    public OpLogItem getCurrent() {
      if (current == null) throw new NoSuchElementException();
      return current.getCurrent();
    }

    /** Files finished plus the current file's fraction, over the file count. */
    @Override
    public Double getFractionConsumed() {
      if (fileCount == 0) return 1.0;
      BoundedReader<OpLogItem> r = current;
      Double inFile = r == null ? null : r.getFractionConsumed();
      double done = Math.max(0, filesStarted - 1) + (inFile == null ? 0 : inFile);
      return Math.min(1.0, done / fileCount);
    }

    @Override
    public BoundedSource<OpLogItem> getCurrentSource() {
      return source;
    }

    @Override
    public void close() throws IOException {
      if (current != null) current.close();
      current = null;
    }
  }
}
