package io.logdex.format.log;

import static io.logdex.format.log.LogFormat.FIRST;
import static io.logdex.format.log.LogFormat.FRAGMENT_HEADER_SIZE;
import static io.logdex.format.log.LogFormat.FULL;

import io.logdex.format.FormatException;
import io.logdex.format.zstd.PositionalChannel;
import io.logdex.format.zstd.SeekTable;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a log, plain or zstd-compressed (detected from its first bytes): one record by position,
 * one big record as a stream, or all records in order from any offset.
 *
 * <p>{@link #readAt} and {@link #readAtStreaming} are thread-safe and independent of each other;
 * on a plain file each costs one positional read per fragment, on a compressed one at most the
 * frames the record spans. Errors are {@link FormatException}s naming the file and offset, with
 * {@link io.logdex.format.TruncatedInputException} for a log that ends too soon.
 */
public final class LogReader implements Closeable {
  /** Default cap on a payload read into memory; larger ones are read with readAtStreaming. */
  public static final int DEFAULT_MAX_RECORD_BYTES = 256 * 1024 * 1024;

  /** The largest byte[] Java reliably allocates. */
  public static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

  private final LogBytes bytes;
  private final long maxRecordBytes;

  private LogReader(LogBytes bytes, long maxRecordBytes) {
    this.bytes = bytes;
    this.maxRecordBytes = maxRecordBytes;
  }

  public static LogReader open(Path file) throws IOException {
    return open(file, DEFAULT_MAX_RECORD_BYTES);
  }

  /**
   * @param maxRecordBytes the largest payload readAt and the cursor will allocate, at most {@link
   *     #MAX_ARRAY_BYTES}
   */
  public static LogReader open(Path file, int maxRecordBytes) throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    try {
      return open(ch, file.toString(), maxRecordBytes);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** Reads from a channel it then owns; source names the file in error messages. */
  public static LogReader open(SeekableByteChannel channel, String source, int maxRecordBytes)
      throws IOException {
    if (maxRecordBytes < 0 || maxRecordBytes > MAX_ARRAY_BYTES) {
      throw new IllegalArgumentException("maxRecordBytes " + maxRecordBytes);
    }
    return new LogReader(LogBytes.open(new PositionalChannel(channel, source)), maxRecordBytes);
  }

  public String source() {
    return bytes.source();
  }

  public int blockSize() {
    return bytes.blockSize();
  }

  public boolean compressed() {
    return bytes.compressed();
  }

  /** Length of the log in uncompressed bytes; every record position is below it. */
  public long length() {
    return bytes.length();
  }

  /** The zstd seek table of a compressed log, or null for a plain one. */
  public SeekTable seekTable() {
    return bytes.seekTable();
  }

  /**
   * The payload of the record at position.
   *
   * @throws FormatException if position is not a record start, the length is over the limit or
   *     past the end of the log (checked before allocating), or a CRC does not match
   */
  /** Zstd frames this reader has decompressed for readAt so far (tests: the frame cache). */
  long decompressedFrames() {
    return bytes.decompressedFrames();
  }

  public byte[] readAt(long position) throws IOException {
    try (InputStream in = openRecordAt(position)) {
      FragmentReader fr = startRecord(in, position);
      return RecordAssembly.read(fr, maxRecordBytes);
    }
  }

  /**
   * The payload of the record at position as a stream that holds at most one block of it; the
   * caller closes it. The record's header is checked now, its fragments as they are read.
   */
  public RecordInputStream readAtStreaming(long position) throws IOException {
    InputStream in = openRecordAt(position);
    try {
      FragmentReader fr = startRecord(in, position);
      if (fr.type == FIRST) RecordAssembly.checkEnd(fr);
      return new RecordInputStream(fr, in);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * Records in order, from the first whose position is at or after fromOffset (any offset: see
   * {@link LogCursor}). The cursor is independent of other reads; the caller closes it.
   */
  public LogCursor cursor(long fromOffset) throws IOException {
    return new LogCursor(bytes, fromOffset, maxRecordBytes);
  }

  @Override
  public void close() throws IOException {
    bytes.close();
  }

  private InputStream openRecordAt(long position) throws IOException {
    int blockSize = bytes.blockSize();
    if (position < LogFormat.HEADER_SIZE || position >= bytes.length()) {
      throw new FormatException(
          "position " + position + " is outside the records of the log [" + LogFormat.HEADER_SIZE
              + ", " + bytes.length() + ")", bytes.source(), position);
    }
    if (blockSize - position % blockSize < FRAGMENT_HEADER_SIZE) {
      throw new FormatException(
          "position " + position + " lies in block padding, not at a record", bytes.source(),
          position);
    }
    return bytes.openAt(position);
  }

  private FragmentReader startRecord(InputStream in, long position) throws IOException {
    FragmentReader fr =
        new FragmentReader(in, position, bytes.blockSize(), bytes.length(), bytes.source());
    if (!fr.next()) {
      throw new FormatException("no record at position " + position, bytes.source(), position);
    }
    if (fr.type != FULL && fr.type != FIRST) {
      throw new FormatException(
          "position " + position + " is not the start of a record: it holds a "
              + LogFormat.typeName(fr.type) + " fragment", bytes.source(), position);
    }
    return fr;
  }
}
