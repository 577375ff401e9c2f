package io.logdex.io.oplog;

import io.logdex.io.common.ChannelInput;
import java.io.Closeable;
import java.io.IOException;
import java.util.function.LongSupplier;

/**
 * Items decoded from lines on the calling thread. Lines that hold no record (comments, blanks, the
 * header) are skipped here; once such a line starts at or past the split's current end, nothing
 * after it can belong to the split, so reading stops there instead of scanning on.
 */
final class LineItems implements ItemStream {
  private final LineReader lines;
  private final LineDecoder decoder;
  private final ChannelInput raw;
  private final Closeable resources;
  private final LongSupplier stop;
  private long lineNumber; // of the last line returned, when counting; else -1
  private boolean done;

  /**
   * @param countLines whether lines reads from the file's start, so that numbers are known
   * @param stop the split's current end offset (it shrinks when the split is split)
   * @param resources closed with this (the decompressor and the channel under it)
   */
  LineItems(
      LineReader lines,
      LineDecoder decoder,
      ChannelInput raw,
      Closeable resources,
      boolean countLines,
      LongSupplier stop) {
    this.lines = lines;
    this.decoder = decoder;
    this.raw = raw;
    this.resources = resources;
    this.lineNumber = countLines ? 0 : -1;
    this.stop = stop;
  }

  /** An empty stream: the split starts inside the last line, or after a decoding failure. */
  void finish() {
    done = true;
  }

  @Override
  public OpLogItem next() throws IOException {
    while (!done) {
      if (!lines.next()) {
        done = true;
        return null;
      }
      long line = lineNumber < 0 ? OpLogRecord.UNKNOWN_LINE : ++lineNumber;
      long start = lines.start();
      OpLogItem item;
      if (lines.oversized()) {
        String tornBy = lines.torn() ? describe(lines.decodeFailure()) : null;
        item = decoder.oversized(lines.array(), lines.length(), start, line, lines.span(), tornBy);
      } else if (lines.torn()) {
        item =
            decoder.torn(lines.array(), lines.offset(), lines.length(), start, line,
                describe(lines.decodeFailure()));
      } else {
        item =
            decoder.decode(lines.array(), lines.offset(), lines.length(), start, line, lines.span());
      }
      if (lines.torn()) done = true;
      if (item != null) return item;
      if (start >= stop.getAsLong()) done = true;
    }
    return null;
  }

  private static String describe(IOException e) {
    // A reason people read in dead letters and errors: the words, not the exception's class.
    String m = e.getMessage();
    return "unreadable input" + (m == null ? "" : ": " + m);
  }

  @Override
  public long bytesRead() {
    return raw.bytesRead();
  }

  @Override
  public void close() throws IOException {
    done = true;
    resources.close();
  }
}
