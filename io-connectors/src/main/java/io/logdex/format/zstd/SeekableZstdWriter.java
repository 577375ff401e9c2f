package io.logdex.format.zstd;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Compresses a byte stream into independent zstd frames of a fixed decompressed size and ends it
 * with a seek table, producing the zstd seekable format: plain {@code zstd -d} reads the result
 * (it skips the table frame), and {@link SeekableZstdReader} can start decompressing at any frame.
 *
 * <p>Every frame carries its content checksum (XXH64), so corruption is caught by the decoder; the
 * same four bytes go into the seek table's checksum column. About 1 MiB of input per frame keeps
 * almost all of zstd's ratio; frames of a few KiB lose much of it.
 *
 * <p>Memory is one frame of input plus its compression bound, whatever the stream's length.
 * {@link #flush} does not end a frame (small frames would hurt the ratio); {@link #endFrame} does.
 * Not thread-safe.
 */
public final class SeekableZstdWriter extends OutputStream {
  public static final int DEFAULT_FRAME_SIZE = 1 << 20;
  public static final int DEFAULT_LEVEL = 3;

  /** The reference implementation's cap on a frame's decompressed size. */
  public static final int MAX_FRAME_SIZE = 0x40000000;

  private final OutputStream out;
  private final ZstdCompressCtx ctx;
  private final byte[] frame;
  private final byte[] compressed;
  private final SeekTable.Builder table = new SeekTable.Builder(true);
  private int fill;
  private long uncompressedBytes;
  private long compressedBytes;
  private boolean finished;

  public SeekableZstdWriter(OutputStream out) {
    this(out, DEFAULT_FRAME_SIZE, DEFAULT_LEVEL);
  }

  /**
   * @param frameSize decompressed bytes per frame, 1 to {@link #MAX_FRAME_SIZE}
   * @param level zstd compression level
   */
  public SeekableZstdWriter(OutputStream out, int frameSize, int level) {
    if (frameSize < 1 || frameSize > MAX_FRAME_SIZE) {
      throw new IllegalArgumentException("frame size " + frameSize + " not in [1, 2^30]");
    }
    this.out = out;
    this.frame = new byte[frameSize];
    this.compressed = new byte[(int) Zstd.compressBound(frameSize)];
    this.ctx = new ZstdCompressCtx().setLevel(level).setChecksum(true).setContentSize(true);
  }

  @Override
  public void write(int b) throws IOException {
    ensureOpen();
    frame[fill++] = (byte) b;
    uncompressedBytes++;
    if (fill == frame.length) endFrame();
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ensureOpen();
    while (len > 0) {
      int n = Math.min(len, frame.length - fill);
      System.arraycopy(b, off, frame, fill, n);
      fill += n;
      off += n;
      len -= n;
      uncompressedBytes += n;
      if (fill == frame.length) endFrame();
    }
  }

  /** Compresses what is buffered as one frame now; nothing happens if nothing is buffered. */
  public void endFrame() throws IOException {
    ensureOpen();
    if (fill == 0) return;
    int n = ctx.compressByteArray(compressed, 0, compressed.length, frame, 0, fill);
    out.write(compressed, 0, n);
    // A frame with the checksum flag ends with the XXH64 low word, which is the table's checksum.
    table.add(n, fill, SeekTable.le32(compressed, n - 4));
    compressedBytes += n;
    fill = 0;
  }

  /** Passes flush on to the underlying stream without ending the current frame. */
  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /** Decompressed bytes written so far. */
  public long uncompressedBytes() {
    return uncompressedBytes;
  }

  /** Compressed bytes of the frames completed so far, without the table. */
  public long compressedBytes() {
    return compressedBytes;
  }

  public int frameCount() {
    return table.count();
  }

  /** Ends the last frame and writes the seek table, leaving the underlying stream open. */
  public void finish() throws IOException {
    if (finished) return;
    endFrame();
    table.writeTo(out);
    out.flush();
    finished = true;
    ctx.close();
  }

  @Override
  public void close() throws IOException {
    try {
      finish();
    } finally {
      out.close();
    }
  }

  /** Frees the compressor without writing anything more, for a stream being thrown away. */
  public void discard() {
    if (!finished) {
      finished = true;
      ctx.close();
    }
  }

  private void ensureOpen() throws IOException {
    if (finished) throw new IOException("seekable zstd stream already finished");
  }
}
