package io.logdex.samples;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import java.io.IOException;
import java.io.OutputStream;

/**
 * Compresses its input as independent zstd frames of about {@code frameBytes} input each and ends
 * with the zstd seekable-format seek table (facebook/zstd contrib/seekable_format): a skippable
 * frame (magic 0x184D2A5E) holding {@code compressedSize u32 LE, decompressedSize u32 LE} per frame
 * and the footer {@code frameCount u32 LE, descriptor u8 = 0, magic 0x8F92EAB1 LE}. Plain
 * {@code zstd -d} skips the table and reads the frames as one stream.
 *
 * <p>With {@code cutAtLine} a frame ends after the last newline that fits, so frames hold whole
 * lines (unless one line is longer than a frame); without it frames end at exactly
 * {@code frameBytes}, so lines straddle frames as they do in real multi-frame logs. Memory is one
 * input frame, its compressed bound, and 8 bytes per frame written for the table.
 */
final class SeekableZstdOutputStream extends OutputStream {
  static final int SKIPPABLE_MAGIC = 0x184D2A5E;
  static final int SEEKABLE_MAGIC = 0x8F92EAB1;
  static final int FOOTER_BYTES = 9;
  /** The seekable format's limits (ZSTD_SEEKABLE_MAXFRAMES, ZSTD_SEEKABLE_MAX_FRAME_DECOMPRESSED_SIZE). */
  static final int MAX_FRAMES = 0x8000000;
  static final int MAX_FRAME_BYTES = 0x40000000;

  private final OutputStream out;
  private final boolean cutAtLine;
  private final ZstdCompressCtx ctx = new ZstdCompressCtx();
  private final byte[] in;
  private final byte[] compressed;
  private int filled;
  private int[] table = new int[256];
  private int frames;
  private boolean finished;

  SeekableZstdOutputStream(OutputStream out, int frameBytes, boolean cutAtLine, int level) {
    if (frameBytes < 1 || frameBytes > MAX_FRAME_BYTES) {
      throw new IllegalArgumentException("frame size " + frameBytes + " outside [1, " + MAX_FRAME_BYTES + "]");
    }
    this.out = out;
    this.cutAtLine = cutAtLine;
    this.in = new byte[frameBytes];
    this.compressed = new byte[Math.toIntExact(Zstd.compressBound(frameBytes))];
    ctx.setLevel(level);
    ctx.setChecksum(false);
    ctx.setContentSize(true);
  }

  @Override
  public void write(int b) throws IOException {
    if (filled == in.length) {
      emit();
    }
    in[filled++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (filled == in.length) {
        emit();
      }
      int n = Math.min(len, in.length - filled);
      System.arraycopy(b, off, in, filled, n);
      filled += n;
      off += n;
      len -= n;
    }
  }

  /** Writes the last frames and the seek table; leaves the underlying stream open. */
  void finish() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    try {
      while (filled > 0) {
        emitFrame(cutAtLine ? lineCut() : filled);
      }
      writeSeekTable();
      out.flush();
    } finally {
      ctx.close();
    }
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    finish();
    out.close();
  }

  /** Frames written so far. */
  int frames() {
    return frames;
  }

  private void emit() throws IOException {
    emitFrame(cutAtLine ? lineCut() : filled);
  }

  private int lineCut() {
    for (int i = filled - 1; i >= 0; i--) {
      if (in[i] == '\n') {
        return i + 1;
      }
    }
    return filled;
  }

  private void emitFrame(int length) throws IOException {
    if (frames == MAX_FRAMES) {
      throw new IOException("more than " + MAX_FRAMES + " frames: the seekable format cannot index them;"
          + " use larger frames");
    }
    int size = ctx.compressByteArray(compressed, 0, compressed.length, in, 0, length);
    out.write(compressed, 0, size);
    if (2 * frames + 2 > table.length) {
      table = java.util.Arrays.copyOf(table, table.length * 2);
    }
    table[2 * frames] = size;
    table[2 * frames + 1] = length;
    frames++;
    System.arraycopy(in, length, in, 0, filled - length);
    filled -= length;
  }

  private void writeSeekTable() throws IOException {
    byte[] chunk = new byte[8 * 1024];
    int p = 0;
    p = putInt(chunk, p, SKIPPABLE_MAGIC);
    p = putInt(chunk, p, 8 * frames + FOOTER_BYTES);
    for (int i = 0; i < 2 * frames; i++) {
      if (p == chunk.length) {
        out.write(chunk, 0, p);
        p = 0;
      }
      p = putInt(chunk, p, table[i]);
    }
    if (p + FOOTER_BYTES > chunk.length) {
      out.write(chunk, 0, p);
      p = 0;
    }
    p = putInt(chunk, p, frames);
    chunk[p++] = 0;
    p = putInt(chunk, p, SEEKABLE_MAGIC);
    out.write(chunk, 0, p);
  }

  private static int putInt(byte[] b, int p, int v) {
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >>> 8);
    b[p + 2] = (byte) (v >>> 16);
    b[p + 3] = (byte) (v >>> 24);
    return p + 4;
  }
}
