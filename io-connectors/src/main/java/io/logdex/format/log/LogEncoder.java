package io.logdex.format.log;

import static io.logdex.format.log.LogFormat.FIRST;
import static io.logdex.format.log.LogFormat.FRAGMENT_HEADER_SIZE;
import static io.logdex.format.log.LogFormat.FULL;
import static io.logdex.format.log.LogFormat.LAST;
import static io.logdex.format.log.LogFormat.MIDDLE;

import io.logdex.format.zstd.SeekableZstdWriter;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32C;

/**
 * Writes the log format to a stream: header, then each appended payload as fragments. It knows
 * nothing of files, threads or durability; {@link LogWriter} and the Beam sink add those.
 *
 * <p>Output is deterministic: the same payloads with the same block size give the same log bytes,
 * so a record's position depends only on the records before it. Memory is one block (plain) or
 * one zstd frame (compressed), whatever the payload sizes. Not thread-safe.
 */
public final class LogEncoder implements Closeable {
  private static final byte[] ZEROS = new byte[FRAGMENT_HEADER_SIZE];

  private final OutputStream out;
  private final SeekableZstdWriter zstd;
  private final int blockSize;
  private final byte[] header = new byte[FRAGMENT_HEADER_SIZE];
  private final CRC32C crc = new CRC32C();
  private byte[] staging;
  private long position;
  private long records;
  private boolean finished;

  /** A plain log with the default block size. */
  public LogEncoder(OutputStream out) throws IOException {
    this(out, LogFormat.DEFAULT_BLOCK_SIZE, LogCompression.NONE, SeekableZstdWriter.DEFAULT_LEVEL);
  }

  /**
   * Writes the header at once.
   *
   * @param blockSize a power of two in [512, 16 MiB]
   * @param zstdLevel compression level, used only with {@link LogCompression#ZSTD}
   */
  public LogEncoder(OutputStream out, int blockSize, LogCompression compression, int zstdLevel)
      throws IOException {
    this(out, blockSize, compression, zstdLevel, frameSizeFor(blockSize));
  }

  /**
   * @param frameSize decompressed bytes per zstd frame, a multiple of blockSize: the split and
   *     random-access granularity of a compressed log, traded against its ratio
   */
  public LogEncoder(
      OutputStream out, int blockSize, LogCompression compression, int zstdLevel, int frameSize)
      throws IOException {
    LogHeader h = LogHeader.of(blockSize);
    this.blockSize = blockSize;
    if (frameSize < blockSize || frameSize % blockSize != 0
        || frameSize > SeekableZstdWriter.MAX_FRAME_SIZE) {
      throw new IllegalArgumentException(
          "zstd frame size " + frameSize + " is not a multiple of the block size " + blockSize);
    }
    if (compression == LogCompression.ZSTD) {
      // Frames are whole blocks, so every frame starts at a block boundary and a split reader
      // that opens a frame can walk fragments from its first byte.
      this.zstd = new SeekableZstdWriter(out, frameSize, zstdLevel);
      this.out = zstd;
    } else {
      this.zstd = null;
      this.out = new BufferedOutputStream(out, blockSize);
    }
    this.out.write(h.encode());
    position = LogFormat.HEADER_SIZE;
  }

  /** Decompressed bytes per zstd frame for a block size: 1 MiB, or one block if larger. */
  public static int frameSizeFor(int blockSize) {
    return Math.max(SeekableZstdWriter.DEFAULT_FRAME_SIZE, blockSize);
  }

  public int blockSize() {
    return blockSize;
  }

  /** Offset in the (uncompressed) log just past everything appended so far. */
  public long position() {
    return position;
  }

  public long records() {
    return records;
  }

  public long append(byte[] payload) throws IOException {
    return append(payload, 0, payload.length);
  }

  /** Appends one record and returns its position: the offset of its first fragment. */
  public long append(byte[] payload, int off, int len) throws IOException {
    ensureOpen();
    long start = startRecord();
    long capacity = LogFormat.capacityAt(position, blockSize);
    if (len <= capacity) {
      fragment(FULL, len, payload, off, len);
    } else {
      int n = (int) capacity;
      fragment(FIRST, len, payload, off, n);
      int perBlock = blockSize - FRAGMENT_HEADER_SIZE;
      while (len - n > perBlock) {
        fragment(MIDDLE, perBlock, payload, off + n, perBlock);
        n += perBlock;
      }
      fragment(LAST, len - n, payload, off + n, len - n);
    }
    records++;
    return start;
  }

  /**
   * Appends a record of exactly length bytes read from in, holding at most one block of it; for
   * payloads too big to hold. If in ends early the log is left with a partial record, so the caller
   * must discard the output (LogWriter does).
   */
  public long append(InputStream in, long length) throws IOException {
    ensureOpen();
    if (length < 0 || length > LogFormat.MAX_RECORD_LENGTH) {
      throw new IllegalArgumentException("record length " + length + " outside [0, 2^32)");
    }
    if (staging == null) staging = new byte[blockSize - FRAGMENT_HEADER_SIZE];
    long start = startRecord();
    long capacity = LogFormat.capacityAt(position, blockSize);
    if (length <= capacity) {
      fill(in, (int) length);
      fragment(FULL, length, staging, 0, (int) length);
    } else {
      fill(in, (int) capacity);
      fragment(FIRST, length, staging, 0, (int) capacity);
      long left = length - capacity;
      int perBlock = blockSize - FRAGMENT_HEADER_SIZE;
      while (left > perBlock) {
        fill(in, perBlock);
        fragment(MIDDLE, perBlock, staging, 0, perBlock);
        left -= perBlock;
      }
      fill(in, (int) left);
      fragment(LAST, left, staging, 0, (int) left);
    }
    records++;
    return start;
  }

  /** Hands buffered bytes to the underlying stream; a compressed log keeps its partial frame. */
  public void flush() throws IOException {
    out.flush();
  }

  /** Flushes, and for a compressed log ends the last frame and writes the seek table. */
  public void finish() throws IOException {
    if (finished) return;
    finished = true;
    if (zstd != null) zstd.finish();
    else out.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      finish();
    } finally {
      out.close();
    }
  }

  /** Releases native memory of a compressed log being thrown away, writing nothing more. */
  public void discard() {
    finished = true;
    if (zstd != null) zstd.discard();
  }

  private long startRecord() throws IOException {
    int left = (int) (blockSize - position % blockSize);
    if (left < FRAGMENT_HEADER_SIZE) {
      out.write(ZEROS, 0, left);
      position += left;
    }
    return position;
  }

  private void fragment(int type, long lengthField, byte[] data, int off, int n)
      throws IOException {
    header[0] = (byte) (lengthField >>> 24);
    header[1] = (byte) (lengthField >>> 16);
    header[2] = (byte) (lengthField >>> 8);
    header[3] = (byte) lengthField;
    header[4] = (byte) type;
    crc.reset();
    crc.update(header, 0, 5);
    crc.update(data, off, n);
    int c = LogFormat.mask((int) crc.getValue());
    header[5] = (byte) (c >>> 24);
    header[6] = (byte) (c >>> 16);
    header[7] = (byte) (c >>> 8);
    header[8] = (byte) c;
    out.write(header, 0, FRAGMENT_HEADER_SIZE);
    out.write(data, off, n);
    position += FRAGMENT_HEADER_SIZE + n;
  }

  private void fill(InputStream in, int n) throws IOException {
    int got = in.readNBytes(staging, 0, n);
    if (got != n) throw new EOFException("payload stream ended " + (n - got) + " bytes early");
  }

  private void ensureOpen() throws IOException {
    if (finished) throw new IOException("log encoder already finished");
  }
}
