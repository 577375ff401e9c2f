package io.logdex.io.log;

import io.logdex.format.FormatException;
import io.logdex.format.log.LogCompression;
import io.logdex.format.log.LogCursor;
import io.logdex.format.log.LogReader;
import io.logdex.format.zstd.SeekTable;
import java.io.IOException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.NoSuchElementException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.io.FileBasedSource;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult.Metadata;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.ValueProvider;
import org.apache.beam.sdk.transforms.display.DisplayData;

/**
 * Splittable source of log records. Offsets are bytes of the file as stored, as Beam's file
 * sources require (a file-pattern source gives each file the range [0, its size)):
 *
 * <ul>
 *   <li>Plain log: a record belongs to the range holding its position. A reader that starts at any
 *       offset walks fragments from the start of that block and skips continuations of an earlier
 *       record, so a split needs no index and loses or repeats nothing.
 *   <li>Compressed log: a record belongs to the range holding the compressed start of the zstd
 *       frame its position falls in, so splits fall at frame granularity. The first record of each
 *       frame is a split point; the others share its offset. A reader decompresses from the first
 *       frame that starts in its range, found through the seek table.
 * </ul>
 */
final class LogSource extends FileBasedSource<LogRecord> {
  private static final long serialVersionUID = 1L;

  private final int maxRecordBytes;
  private final LogCompression required; // null: whatever the file is

  LogSource(
      ValueProvider<String> pattern,
      EmptyMatchTreatment emptyMatch,
      int maxRecordBytes,
      LogCompression required) {
    super(pattern, emptyMatch, 1L);
    this.maxRecordBytes = maxRecordBytes;
    this.required = required;
  }

  private LogSource(
      Metadata file, long start, long end, int maxRecordBytes, LogCompression required) {
    super(file, 1L, start, end);
    this.maxRecordBytes = maxRecordBytes;
    this.required = required;
  }

  @Override
  protected FileBasedSource<LogRecord> createForSubrangeOfFile(Metadata file, long start, long end) {
    return new LogSource(file, start, end, maxRecordBytes, required);
  }

  @Override
  protected FileBasedReader<LogRecord> createSingleFileReader(PipelineOptions options) {
    return new Reader(this);
  }

  @Override
  public Coder<LogRecord> getOutputCoder() {
    return LogRecordCoder.of();
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("maxRecordBytes", maxRecordBytes).withLabel("Largest record read"))
        .add(DisplayData.item("compression", required == null ? "auto" : required.name())
            .withLabel("Compression"));
  }

  private static final class Reader extends FileBasedReader<LogRecord> {
    private final Counter records = Metrics.counter(LogIO.class, "records");
    private final Counter payloadBytes = Metrics.counter(LogIO.class, "payloadBytes");
    private LogReader log;
    private LogCursor cursor;
    private SeekTable table;
    private String file;
    private LogRecord current;
    private boolean counted;
    private long offset;
    private boolean splitPoint;
    private int frame = -1;

    Reader(LogSource source) {
      super(source);
    }

    @Override
    protected void startReading(ReadableByteChannel channel) throws IOException {
      LogSource source = (LogSource) getCurrentSource();
      file = source.getSingleFileMetadata().resourceId().toString();
      if (!(channel instanceof SeekableByteChannel seekable)) {
        throw new IOException(file + ": logs are read through a seekable channel");
      }
      log = LogReader.open(seekable, file, source.maxRecordBytes);
      LogCompression actual = log.compressed() ? LogCompression.ZSTD : LogCompression.NONE;
      if (source.required != null && source.required != actual) {
        throw new FormatException(
            "expected a " + source.required + " log but the file is " + actual, file, 0);
      }
      table = log.seekTable();
      long start = source.getStartOffset();
      long from;
      if (table == null) {
        from = start;
      } else {
        int k = table.firstFrameAtOrAfter(start);
        from = k < table.frameCount() ? table.decompressedOffset(k) : log.length();
      }
      cursor = log.cursor(from);
    }

    @Override
    protected boolean readNextRecord() throws IOException {
      if (!cursor.next()) return false;
      long pos = cursor.position();
      if (table == null) {
        offset = pos;
        splitPoint = true;
      } else {
        int k = table.frameAt(pos);
        offset = table.compressedOffset(k);
        splitPoint = k != frame;
        frame = k;
      }
      current = new LogRecord(file, pos, cursor.payload());
      counted = false;
      return true;
    }

    @Override
    protected long getCurrentOffset() throws NoSuchElementException {
      if (current == null) throw new NoSuchElementException();
      return offset;
    }

    @Override
    protected boolean isAtSplitPoint() throws NoSuchElementException {
      if (current == null) throw new NoSuchElementException();
      return splitPoint;
    }

    /**
     * Counts here, not in readNextRecord: a reader reads one record past the end of its range to
     * find where to stop, and only the records the runner takes are output.
     */
    @Override
    public LogRecord getCurrent() throws NoSuchElementException {
      if (current == null) throw new NoSuchElementException();
      if (!counted) {
        counted = true;
        records.inc();
        payloadBytes.inc(current.payload().length);
      }
      return current;
    }

    @Override
    public void close() throws IOException {
      try {
        if (cursor != null) cursor.close();
        if (log != null) log.close();
      } finally {
        super.close();
      }
    }
  }
}
