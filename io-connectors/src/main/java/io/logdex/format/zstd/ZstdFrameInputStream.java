package io.logdex.format.zstd;

import com.github.luben.zstd.ZstdIOException;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import io.logdex.format.FormatException;
import io.logdex.format.TruncatedInputException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Decompressed bytes of consecutive frames of a seekable zstd file, each frame decoded on its own
 * and held to the size its seek table entry states. A frame that decodes to more or fewer bytes, or
 * fails zstd's own checks, fails with a {@link FormatException} naming the frame and its compressed
 * offset; {@link #failedFrame()} then tells a scanner which frame to step over.
 */
public final class ZstdFrameInputStream extends InputStream {
  private final PositionalChannel in;
  private final SeekTable table;
  private int frame;
  private long leftInFrame;
  private long position;
  private InputStream zstd;
  private int failedFrame = -1;
  private byte[] scratch;

  ZstdFrameInputStream(PositionalChannel in, SeekTable table, int firstFrame) {
    this.in = in;
    this.table = table;
    this.frame = firstFrame;
    this.position =
        firstFrame < table.frameCount()
            ? table.decompressedOffset(firstFrame)
            : table.decompressedSize();
  }

  /** Decompressed offset of the next byte this stream returns. */
  public long position() {
    return position;
  }

  /** The frame that failed to decode, or -1. */
  public int failedFrame() {
    return failedFrame;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) return 0;
    while (true) {
      if (zstd == null && !openNextNonEmptyFrame()) return -1;
      if (leftInFrame == 0) {
        // The table says the frame is done; it must agree.
        int extra = decode(b, off, 1);
        if (extra >= 0) throw sizeMismatch("more than");
        closeFrame();
        frame++;
        continue;
      }
      int n = decode(b, off, (int) Math.min(len, leftInFrame));
      if (n < 0) throw sizeMismatch("fewer than");
      leftInFrame -= n;
      position += n;
      return n;
    }
  }

  @Override
  public long skip(long n) throws IOException {
    if (scratch == null) scratch = new byte[16 * 1024];
    long done = 0;
    while (done < n) {
      int k = read(scratch, 0, (int) Math.min(scratch.length, n - done));
      if (k < 0) break;
      done += k;
    }
    return done;
  }

  /** Skips exactly n bytes or fails naming where the data ended. */
  public void skipFully(long n) throws IOException {
    long start = position;
    if (skip(n) != n) {
      throw new TruncatedInputException(
          "decompressed data ends before offset " + (start + n), in.source(), position);
    }
  }

  @Override
  public void close() throws IOException {
    closeFrame();
  }

  private boolean openNextNonEmptyFrame() throws IOException {
    while (frame < table.frameCount() && table.decompressedSize(frame) == 0) frame++;
    if (frame >= table.frameCount()) return false;
    long start = table.compressedOffset(frame);
    zstd = new ZstdInputStreamNoFinalizer(in.stream(start, start + table.compressedSize(frame)));
    leftInFrame = table.decompressedSize(frame);
    return true;
  }

  private int decode(byte[] b, int off, int len) throws IOException {
    try {
      return zstd.read(b, off, len);
    } catch (ZstdIOException e) {
      failedFrame = frame;
      String msg = "zstd frame " + frame + " (compressed offset " + table.compressedOffset(frame)
          + ", decompressed offset " + table.decompressedOffset(frame) + "): " + e.getMessage();
      long at = table.compressedOffset(frame);
      if (e.getMessage() != null && e.getMessage().contains("Truncated")) {
        throw new TruncatedInputException(msg, in.source(), at);
      }
      throw new FormatException(msg, in.source(), at, -1, -1, null, e);
    }
  }

  private FormatException sizeMismatch(String how) {
    failedFrame = frame;
    return new FormatException(
        "zstd frame " + frame + " decompresses to " + how + " the "
            + table.decompressedSize(frame) + " bytes its seek table entry states",
        in.source(), table.compressedOffset(frame));
  }

  private void closeFrame() throws IOException {
    if (zstd != null) {
      InputStream z = zstd;
      zstd = null;
      z.close();
    }
  }
}
