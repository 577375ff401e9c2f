package io.logdex.format.log;

import io.logdex.format.FormatException;
import io.logdex.format.TruncatedInputException;
import io.logdex.format.zstd.PositionalChannel;
import io.logdex.format.zstd.SeekTable;
import io.logdex.format.zstd.SeekableZstdReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * The uncompressed log stream of a file, whichever way it is stored: offsets are log offsets in
 * both cases, and {@link #openAt} costs a positional read (plain) or at most one frame of
 * decompression before the first byte (zstd seekable), none when the frame was read lately.
 */
final class LogBytes implements Closeable {
  private final PositionalChannel channel;
  private final SeekableZstdReader zstd;
  private final FrameCache frames;
  private final LogHeader header;
  private final long length;

  private LogBytes(PositionalChannel channel, SeekableZstdReader zstd, LogHeader header) {
    this.channel = channel;
    this.zstd = zstd;
    this.frames = zstd == null ? null : new FrameCache(zstd);
    this.header = header;
    this.length = zstd == null ? channel.size() : zstd.size();
  }

  /** Detects plain or zstd from the first bytes and reads the header (and seek table). */
  static LogBytes open(PositionalChannel channel) throws IOException {
    SeekableZstdReader zstd = isZstd(channel) ? new SeekableZstdReader(channel, seekTable(channel)) : null;
    byte[] h = new byte[LogFormat.HEADER_SIZE];
    int n;
    try (InputStream in = zstd == null ? channel.stream(0, h.length) : zstd.openAt(0)) {
      n = in.readNBytes(h, 0, h.length);
    }
    return new LogBytes(channel, zstd, LogHeader.decode(h, n, channel.source()));
  }

  static boolean isZstd(PositionalChannel channel) throws IOException {
    if (channel.size() < 4) return false;
    byte[] m = new byte[4];
    channel.readFully(0, m, 0, 4);
    int magic = (m[0] & 0xff) | (m[1] & 0xff) << 8 | (m[2] & 0xff) << 16 | (m[3] & 0xff) << 24;
    return magic == SeekTable.ZSTD_FRAME_MAGIC;
  }

  private static SeekTable seekTable(PositionalChannel channel) throws IOException {
    if (!SeekTable.isPresent(channel)) {
      // A compressed log gets its table when its writer closes; without one it was torn.
      throw new TruncatedInputException(
          "compressed log has no zstd seek table (its writer did not finish); LogRecovery can"
              + " salvage it", channel.source(), channel.size());
    }
    return SeekTable.read(channel);
  }

  PositionalChannel channel() {
    return channel;
  }

  String source() {
    return channel.source();
  }

  LogHeader header() {
    return header;
  }

  int blockSize() {
    return header.blockSize();
  }

  /** Length of the uncompressed log. */
  long length() {
    return length;
  }

  boolean compressed() {
    return zstd != null;
  }

  /** The seek table of a compressed log, or null. */
  SeekTable seekTable() {
    return zstd == null ? null : zstd.table();
  }

  /** An unbuffered stream of log bytes from offset to the end. */
  InputStream openAt(long offset) throws IOException {
    if (offset < 0 || offset > length) {
      throw new FormatException(
          "offset " + offset + " outside the log [0, " + length + "]", source(), offset);
    }
    return zstd == null ? channel.stream(offset, length) : frames.openAt(offset);
  }

  /** Frames decompressed by {@link #openAt} so far (0 for a plain log). */
  long decompressedFrames() {
    return frames == null ? 0 : frames.decompressedFrames();
  }

  SeekableZstdReader zstd() {
    return zstd;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
