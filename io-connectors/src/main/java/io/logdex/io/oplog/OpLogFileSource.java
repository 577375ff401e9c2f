package io.logdex.io.oplog;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.logdex.format.FormatException;
import io.logdex.io.common.ChannelInput;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.LongSupplier;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.OffsetBasedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.display.DisplayData;

/**
 * A range of one op-log file, in <em>uncompressed</em> byte offsets, read with TextIO's rule: a
 * line belongs to the range that holds its first byte, so a reader starting at s &gt; 0 looks at
 * byte s-1 and skips to the first line that starts at or after s, and a reader reads past its end
 * to finish its last line. Every line is a split point.
 *
 * <p>Three ways in:
 *
 * <ul>
 *   <li>plain files seek to s-1; split statically and dynamically at any byte;
 *   <li>multi-frame zstd keeps restart points (frame starts, compressed and uncompressed offsets)
 *       planned from the seek table or the frame headers; a reader decompresses from the last
 *       restart at or before s-1 and discards up to it, so splits (static or dynamic) are free to
 *       fall anywhere and cost at most one frame of extra decompression;
 *   <li>a stream that cannot be split (one zstd frame, gzip, ...) is one whole-file range read on
 *       a background thread ({@link PrefetchingItems}), the only case with unknown end.
 * </ul>
 *
 * A whole-file range is never split, so its reader counts lines from 1.
 */
final class OpLogFileSource extends OffsetBasedSource<OpLogItem> {
  private static final long serialVersionUID = 1L;
  /** Restart points kept per source; more are thinned out (each still a valid restart). */
  static final int MAX_RESTARTS = 1024;

  private final ReadSpec spec;
  private final FileFacts file;
  private final long[] restartCompressed; // zstd only: frame starts, ascending
  private final long[] restartUncompressed;
  private final boolean whole;
  private final long compressedBytes; // estimated compressed bytes of this range

  private OpLogFileSource(
      ReadSpec spec,
      FileFacts file,
      long start,
      long end,
      long[] restartCompressed,
      long[] restartUncompressed,
      boolean whole,
      long compressedBytes) {
    super(start, end, 1);
    this.spec = spec;
    this.file = file;
    this.restartCompressed = restartCompressed;
    this.restartUncompressed = restartUncompressed;
    this.whole = whole;
    this.compressedBytes = compressedBytes;
  }

  /** A plain file, as a range that may be split further. */
  static OpLogFileSource plain(ReadSpec spec, FileFacts file) {
    return new OpLogFileSource(spec, file, 0, file.size(), null, null, false, file.size());
  }

  /** A file read by one reader from its first byte to its end, counting lines. */
  static OpLogFileSource whole(ReadSpec spec, FileFacts file) {
    long end = file.compression() == Compression.UNCOMPRESSED ? file.size() : Long.MAX_VALUE;
    long[] zero = file.compression() == Compression.ZSTD ? new long[] {0} : null;
    return new OpLogFileSource(spec, file, 0, end, zero, zero == null ? null : zero.clone(), true,
        file.size());
  }

  /** Frames of a zstd file as one range; restarts must include the frame holding start - 1. */
  static OpLogFileSource zstdRange(
      ReadSpec spec,
      FileFacts file,
      long start,
      long end,
      long[] restartCompressed,
      long[] restartUncompressed,
      long compressedBytes) {
    return new OpLogFileSource(spec, file, start, end, restartCompressed, restartUncompressed,
        false, compressedBytes);
  }

  FileFacts file() {
    return file;
  }

  boolean isWholeFile() {
    return whole;
  }

  /** Streams that cannot be split are decoded ahead on a background thread. */
  boolean readsInBackground() {
    return whole && file.compression() != Compression.UNCOMPRESSED;
  }

  @Override
  public long getMaxEndOffset(PipelineOptions options) {
    return getEndOffset();
  }

  @Override
  public long getEstimatedSizeBytes(PipelineOptions options) {
    return file.compression() == Compression.UNCOMPRESSED
        ? getEndOffset() - getStartOffset()
        : compressedBytes;
  }

  @Override
  public List<? extends OffsetBasedSource<OpLogItem>> split(
      long desiredBundleSizeBytes, PipelineOptions options) throws Exception {
    if (whole || file.compression() != Compression.UNCOMPRESSED) return List.of(this);
    return super.split(desiredBundleSizeBytes, options);
  }

  /** This range cut like a plain file's, at any byte; restarts are shared out (see {@link StreamSplits}). */
  List<? extends OffsetBasedSource<OpLogItem>> splitAnywhere(long desired, PipelineOptions options)
      throws Exception {
    return super.split(desired, options);
  }

  @Override
  public OpLogFileSource createSourceForSubrange(long start, long end) {
    if (whole) throw new IllegalStateException("a whole-file source is not split: " + this);
    if (restartCompressed == null) {
      return new OpLogFileSource(spec, file, start, end, null, null, false, end - start);
    }
    int from = restartFor(start);
    int to = from + 1;
    while (to < restartUncompressed.length && restartUncompressed[to] < end) to++;
    double share = (double) (end - start) / Math.max(1, getEndOffset() - getStartOffset());
    return new OpLogFileSource(spec, file, start, end,
        Arrays.copyOfRange(restartCompressed, from, to),
        Arrays.copyOfRange(restartUncompressed, from, to), false,
        (long) Math.ceil(compressedBytes * share));
  }

  /** Index of the last restart at or before byte start - 1 (or 0), where a reader begins. */
  private int restartFor(long start) {
    long target = Math.max(0, start - 1);
    int r = 0;
    while (r + 1 < restartUncompressed.length && restartUncompressed[r + 1] <= target) r++;
    return r;
  }

  /** Opens this range's items on the calling thread; stop is the range's current end. */
  ItemStream openItems(LongSupplier stop) throws IOException {
    return openItems(stop, false);
  }

  /** As {@link #openItems(LongSupplier)}; rows: accepted s3dlio TSV lines as {@link S3dlioRow}s. */
  ItemStream openItems(LongSupplier stop, boolean rows) throws IOException {
    ReadableByteChannel channel = FileSystems.open(file.metadata().resourceId());
    try {
      ChannelInput raw = new ChannelInput(channel);
      LineDecoder decoder = new LineDecoder(file, spec.maxLineBytes, rows);
      int bufferSize = readsInBackground() ? spec.chunkSize : spec.bufferSize;
      long start = getStartOffset();
      if (file.compression() == Compression.UNCOMPRESSED) {
        long from = Math.max(0, start - 1);
        if (from > 0) ((SeekableByteChannel) channel).position(from);
        LineReader lines = new LineReader(raw, from, bufferSize, spec.maxLineBytes);
        LineItems items = new LineItems(lines, decoder, raw, raw, whole, stop);
        if (start > 0 && !lines.skipLine()) items.finish();
        return items;
      }
      InputStream decoded;
      long from;
      if (file.compression() == Compression.ZSTD) {
        int r = restartFor(start);
        if (restartCompressed[r] > 0) ((SeekableByteChannel) channel).position(restartCompressed[r]);
        decoded = new ZstdInputStreamNoFinalizer(raw);
        from = restartUncompressed[r];
      } else {
        decoded = Channels.newInputStream(file.compression().readDecompressed(Channels.newChannel(raw)));
        from = 0;
      }
      InputStream d = decoded;
      Closeable both = () -> {
        try {
          d.close();
        } finally {
          raw.close();
        }
      };
      LineReader lines = new LineReader(decoded, from, bufferSize, spec.maxLineBytes);
      LineItems items = new LineItems(lines, decoder, raw, both, whole, stop);
      if (start > 0 && (!lines.skip(start - 1 - from) || !lines.skipLine())) items.finish();
      return items;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public OpLogFileReader createReader(PipelineOptions options) {
    return new OpLogFileReader(this, spec, false);
  }

  /** A reader that gives accepted s3dlio TSV lines as rows; see {@link S3dlioRow#reader}. */
  OpLogFileReader createReader(PipelineOptions options, boolean rows) {
    return new OpLogFileReader(this, spec, rows);
  }

  @Override
  public Coder<OpLogItem> getOutputCoder() {
    return OpLogItemCoder.of();
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("file", file.name()).withLabel("Op-log file"))
        .add(DisplayData.item("format", file.format().toString()).withLabel("Line format"))
        .add(DisplayData.item("compression", file.compression().toString()).withLabel("Compression"));
  }

  @Override
  public String toString() {
    return file + " [" + getStartOffset() + ", "
        + (getEndOffset() == Long.MAX_VALUE ? "end" : Long.toString(getEndOffset())) + ")";
  }

  /** Reads one range; see the class comment for where it starts and stops. */
  static final class OpLogFileReader extends OffsetBasedReader<OpLogItem> {
    private final ReadSpec spec;
    private final boolean rows;
    private ItemStream items;
    private OpLogItem current;

    OpLogFileReader(OpLogFileSource source, ReadSpec spec, boolean rows) {
      super(source);
      this.spec = spec;
      this.rows = rows;
    }

    @Override
    public synchronized OpLogFileSource getCurrentSource() {
      return (OpLogFileSource) super.getCurrentSource();
    }

    @Override
    protected boolean startImpl() throws IOException {
      OpLogFileSource s = getCurrentSource();
      LongSupplier stop = () -> getCurrentSource().getEndOffset();
      items =
          s.readsInBackground()
              ? new PrefetchingItems(() -> s.openItems(stop, rows), spec.queueCapacity, s.file.name())
              : s.openItems(stop, rows);
      return advanceImpl();
    }

    @Override
    protected boolean advanceImpl() throws IOException {
      current = items.next();
      if (current == null) return false;
      if (current.isBad()
          && spec.badRecords == BadRecordPolicy.FAIL
          && current.offset() < getCurrentSource().getEndOffset()) {
        BadRecord b = current.bad();
        throw new FormatException(b.reason(), b.file(), b.offset(), b.line(), -1, null);
      }
      return true;
    }

    @Override
    protected long getCurrentOffset() {
      if (current == null) throw new NoSuchElementException();
      return current.offset();
    }

    @Override
    public OpLogItem getCurrent() {
      if (current == null) throw new NoSuchElementException();
      return current;
    }

    @Override
    public boolean allowsDynamicSplitting() {
      return !getCurrentSource().whole;
    }

    @Override
    public Double getFractionConsumed() {
      OpLogFileSource s = getCurrentSource();
      if (s.getEndOffset() != Long.MAX_VALUE || items == null) return super.getFractionConsumed();
      return Math.min(1.0, (double) items.bytesRead() / Math.max(1, s.file.size()));
    }

    @Override
    public void close() throws IOException {
      if (items != null) items.close();
    }
  }
}
