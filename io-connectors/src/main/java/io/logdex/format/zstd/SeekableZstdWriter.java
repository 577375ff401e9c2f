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
 * <p>By default every frame carries its content checksum (XXH64), so corruption is caught by the
 * decoder; the same four bytes go into the seek table's checksum column. Writers that must match
 * files made without them (s3dlio-style op-logs) can leave both out. About 1 MiB of input per frame
 * keeps almost all of zstd's ratio; frames of a few KiB lose much of it.
 *
 * <p>A frame that reaches the frame size ends there ({@link Cut#AT_SIZE}), so lines straddle frames
 * as they do in real multi-frame logs, or after its last newline ({@link Cut#AFTER_LAST_NEWLINE}),
 * so a reader starting at any frame starts at a line.
 *
 * <p>Memory is one frame of input plus its compression bound, whatever the stream's length.
 * {@link #flush} does not end a frame (small frames would hurt the ratio); {@link #endFrame} does.
 * Not thread-safe.
 */
public final class SeekableZstdWriter extends OutputStream {
  public static final int DEFAULT_FRAME_SIZE = 1 << 20;
  /**
   * Level 1, not zstd's default 3: on the logs' 64 KiB frames of op-log records level 1 is both
   * smaller (84.2 against 85.3 MB for 1M s3dlio records) and about 1.7x faster, and log compression
   * is a tenth of an op-log build's CPU.
   */
  public static final int DEFAULT_LEVEL = 1;

  /** The reference implementation's cap on a frame's decompressed size. */
  public static final int MAX_FRAME_SIZE = 0x40000000;

  /** Where a frame that has reached the frame size ends. */
  public enum Cut {
    /** At exactly the frame size. */
    AT_SIZE,
    /**
     * After its last newline, the rest starting the next frame; at exactly the frame size only when
     * it holds no newline (one line longer than a frame). At {@link #finish} the buffered complete
     * lines and an unterminated last line become separate frames, so every frame but the last ends
     * with a newline.
     */
    AFTER_LAST_NEWLINE
  }

  private final OutputStream out;
  private final boolean checksums;
  private final Cut cut;
  private final ZstdCompressCtx ctx;
  private final byte[] frame;
  private final byte[] compressed;
  private final SeekTable.Builder table;
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
    this(out, frameSize, level, true, Cut.AT_SIZE);
  }

  /**
   * @param frameSize decompressed bytes per frame at most, 1 to {@link #MAX_FRAME_SIZE}
   * @param level zstd compression level
   * @param checksums whether frames end with their content checksum and the table repeats it
   * @param cut where a full frame ends
   */
  public SeekableZstdWriter(OutputStream out, int frameSize, int level, boolean checksums, Cut cut) {
    if (frameSize < 1 || frameSize > MAX_FRAME_SIZE) {
      throw new IllegalArgumentException("frame size " + frameSize + " not in [1, 2^30]");
    }
    this.out = out;
    this.checksums = checksums;
    this.cut = cut;
    this.table = new SeekTable.Builder(checksums);
    this.frame = new byte[frameSize];
    this.compressed = new byte[(int) Zstd.compressBound(frameSize)];
    this.ctx = new ZstdCompressCtx().setLevel(level).setChecksum(checksums).setContentSize(true);
  }

  @Override
  public void write(int b) throws IOException {
    ensureOpen();
    frame[fill++] = (byte) b;
    uncompressedBytes++;
    if (fill == frame.length) cutFrame();
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
      if (fill == frame.length) cutFrame();
    }
  }

  /** Compresses what is buffered as one frame now; nothing happens if nothing is buffered. */
  public void endFrame() throws IOException {
    ensureOpen();
    compressFrame(fill);
  }

  private void cutFrame() throws IOException {
    compressFrame(cut == Cut.AFTER_LAST_NEWLINE ? afterLastNewline() : fill);
  }

  /** Compresses the first length buffered bytes as one frame and keeps the rest for the next. */
  private void compressFrame(int length) throws IOException {
    if (length == 0) return;
    int n = ctx.compressByteArray(compressed, 0, compressed.length, frame, 0, length);
    out.write(compressed, 0, n);
    // A frame with the checksum flag ends with the XXH64 low word, which is the table's checksum.
    table.add(n, length, checksums ? SeekTable.le32(compressed, n - 4) : 0);
    compressedBytes += n;
    System.arraycopy(frame, length, frame, 0, fill - length);
    fill -= length;
  }

  /** Buffered bytes up to and including the last newline, or all of them if there is none. */
  private int afterLastNewline() {
    for (int i = fill - 1; i >= 0; i--) {
      if (frame[i] == '\n') return i + 1;
    }
    return fill;
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
    if (cut == Cut.AFTER_LAST_NEWLINE) cutFrame();
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
