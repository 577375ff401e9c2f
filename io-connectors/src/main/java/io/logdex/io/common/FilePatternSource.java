package io.logdex.io.common;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * All files of a pattern, as the root source of a file-reading IO. {@link #split} matches the
 * pattern through {@link FileSystems} (so any registered scheme works: gs://, s3://, local) and
 * leaves each file's planning to the IO ({@link #splitFile}). Reading it unsplit reads the files
 * one after another, each as the IO reads a whole file ({@link #wholeFile}): the reference the
 * split sources must agree with.
 *
 * @param <T> the items read
 * @param <F> the per-file sources it splits into
 */
public abstract class FilePatternSource<T, F extends BoundedSource<T>> extends BoundedSource<T> {
  private static final long serialVersionUID = 1L;

  private final String ioName;
  private final String filepattern;
  private final EmptyMatchTreatment emptyMatch;

  /** ioName names the IO in errors, as in "OpLogIO.read() needs from(filepattern)". */
  protected FilePatternSource(String ioName, String filepattern, EmptyMatchTreatment emptyMatch) {
    this.ioName = ioName;
    this.filepattern = filepattern;
    this.emptyMatch = emptyMatch;
  }

  /** The sources one matched file splits into, of about desiredBundleSizeBytes each. */
  protected abstract List<F> splitFile(
      MatchResult.Metadata file, long desiredBundleSizeBytes, PipelineOptions options)
      throws Exception;

  /** The sources, read in order, that read one matched file whole and unsplit. */
  protected abstract List<? extends BoundedSource<T>> wholeFile(
      MatchResult.Metadata file, PipelineOptions options) throws Exception;

  protected final String filepattern() {
    return filepattern;
  }

  private List<MatchResult.Metadata> match() throws IOException {
    MatchResult r = FileSystems.match(filepattern, emptyMatch);
    List<MatchResult.Metadata> files = new ArrayList<>(r.metadata());
    // Deterministic order, whatever the file system lists first.
    files.sort((a, b) -> a.resourceId().toString().compareTo(b.resourceId().toString()));
    return files;
  }

  @Override
  public List<F> split(long desiredBundleSizeBytes, PipelineOptions options) throws Exception {
    long t0 = System.nanoTime();
    List<F> out = new ArrayList<>();
    List<MatchResult.Metadata> files = match();
    for (MatchResult.Metadata m : files) {
      out.addAll(splitFile(m, desiredBundleSizeBytes, options));
    }
    // Logged under the concrete source's name, as each IO logged before sharing this class.
    Logger log = LoggerFactory.getLogger(getClass());
    log.info("Split {} ({} files) into {} sources in {} ms", filepattern, files.size(), out.size(),
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
  public BoundedReader<T> createReader(PipelineOptions options) throws IOException {
    return new FilesReader<>(this, match(), options);
  }

  @Override
  public void validate() {
    if (filepattern == null || filepattern.isEmpty()) {
      throw new IllegalArgumentException(ioName + ".read() needs from(filepattern)");
    }
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("filePattern", filepattern).withLabel("File pattern"));
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "(" + filepattern + ")";
  }

  /** Reads the matched files in order, each through its {@link #wholeFile} sources. */
  private static final class FilesReader<T> extends BoundedReader<T> {
    private final FilePatternSource<T, ?> source;
    private final Iterator<MatchResult.Metadata> files;
    private final int fileCount;
    private final PipelineOptions options;
    private int filesStarted;
    private Iterator<? extends BoundedSource<T>> parts = Collections.emptyIterator();
    private BoundedReader<T> current;

    FilesReader(
        FilePatternSource<T, ?> source, List<MatchResult.Metadata> files, PipelineOptions options) {
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
            parts = source.wholeFile(files.next(), options).iterator();
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
    public T getCurrent() {
      if (current == null) throw new NoSuchElementException();
      return current.getCurrent();
    }

    /** Files finished plus the current file's fraction, over the file count. */
    @Override
    public Double getFractionConsumed() {
      if (fileCount == 0) return 1.0;
      BoundedReader<T> r = current;
      Double inFile = r == null ? null : r.getFractionConsumed();
      double done = Math.max(0, filesStarted - 1) + (inFile == null ? 0 : inFile);
      return Math.min(1.0, done / fileCount);
    }

    @Override
    public BoundedSource<T> getCurrentSource() {
      return source;
    }

    @Override
    public void close() throws IOException {
      if (current != null) current.close();
      current = null;
    }
  }
}
