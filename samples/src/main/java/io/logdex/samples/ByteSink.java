package io.logdex.samples;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The generators' output buffer: appends bytes, decimal numbers and pre-encoded literals into one
 * reused array and hands full arrays to the stream. Nothing here allocates per value, which is
 * what lets the generators run at hundreds of MB/s; {@link #position()} is the exact number of
 * bytes produced so far, which is how a snapshot hits its requested size.
 */
final class ByteSink {
  private static final byte[] DIGIT_PAIRS = new byte[200];

  static {
    for (int i = 0; i < 100; i++) {
      DIGIT_PAIRS[2 * i] = (byte) ('0' + i / 10);
      DIGIT_PAIRS[2 * i + 1] = (byte) ('0' + i % 10);
    }
  }

  private final OutputStream out;
  private final byte[] buf;
  private int pos;
  private long drained;

  ByteSink(OutputStream out, int capacity) {
    if (capacity < 64) {
      throw new IllegalArgumentException("buffer capacity " + capacity + " < 64");
    }
    this.out = out;
    this.buf = new byte[capacity];
  }

  /** Bytes produced so far, flushed or not. */
  long position() {
    return drained + pos;
  }

  void write(int b) throws IOException {
    if (pos == buf.length) {
      drain();
    }
    buf[pos++] = (byte) b;
  }

  void write(byte[] b) throws IOException {
    write(b, 0, b.length);
  }

  void write(byte[] b, int off, int len) throws IOException {
    if (len > buf.length - pos) {
      drain();
      if (len > buf.length) {
        out.write(b, off, len);
        drained += len;
        return;
      }
    }
    if (len < 16) {
      // Short literals dominate; a loop beats arraycopy's call overhead for them.
      for (int i = 0; i < len; i++) {
        buf[pos + i] = b[off + i];
      }
    } else {
      System.arraycopy(b, off, buf, pos, len);
    }
    pos += len;
  }

  /** Signed decimal. */
  void dec(long v) throws IOException {
    if (v < 0) {
      if (v == Long.MIN_VALUE) {
        write(Long.toString(v).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        return;
      }
      write('-');
      v = -v;
    }
    udec(v);
  }

  /** Unsigned decimal: s3dlio's thread column is a u64 hash. */
  void udec(long v) throws IOException {
    if (v < 0) {
      long q = (v >>> 1) / 5;
      udec(q);
      write('0' + (int) (v - q * 10));
      return;
    }
    ensure(20);
    int n = digits(v);
    int end = pos + n;
    int p = end;
    while (v >= 100) {
      int r = (int) (v % 100);
      v /= 100;
      buf[--p] = DIGIT_PAIRS[2 * r + 1];
      buf[--p] = DIGIT_PAIRS[2 * r];
    }
    if (v >= 10) {
      buf[--p] = DIGIT_PAIRS[2 * (int) v + 1];
      buf[--p] = DIGIT_PAIRS[2 * (int) v];
    } else {
      buf[--p] = (byte) ('0' + v);
    }
    pos = end;
  }

  /** {@code v} (0 <= v < 10^width) left-padded with zeros to exactly {@code width} digits. */
  void zeroPadded(long v, int width) throws IOException {
    ensure(width);
    for (int p = pos + width - 1; p >= pos; p--) {
      buf[p] = (byte) ('0' + v % 10);
      v /= 10;
    }
    pos += width;
  }

  void flush() throws IOException {
    drain();
    out.flush();
  }

  private void ensure(int n) throws IOException {
    if (buf.length - pos < n) {
      drain();
    }
  }

  private void drain() throws IOException {
    if (pos > 0) {
      out.write(buf, 0, pos);
      drained += pos;
      pos = 0;
    }
  }

  static int digits(long v) {
    int n = 1;
    while (v >= 10) {
      v /= 10;
      n++;
    }
    return n;
  }
}
