package io.logdex.format.index;

import java.util.Arrays;

/** A reusable byte builder with the varint encodings the index files use. Not thread-safe. */
final class GrowableBytes {
  private byte[] buf;
  private int len;

  GrowableBytes(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  byte[] array() {
    return buf;
  }

  int length() {
    return len;
  }

  int capacity() {
    return buf.length;
  }

  void reset() {
    len = 0;
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      long want = Math.max((long) buf.length * 2, (long) len + extra);
      if (want > Integer.MAX_VALUE - 16) throw new IllegalStateException("buffer over 2 GiB");
      buf = Arrays.copyOf(buf, (int) want);
    }
  }

  void writeByte(int b) {
    ensure(1);
    buf[len++] = (byte) b;
  }

  void writeBytes(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
  }

  void append(GrowableBytes other) {
    writeBytes(other.buf, 0, other.len);
  }

  /** Unsigned LEB128: 7 bits a byte, low groups first, high bit set on all but the last. */
  void writeVLong(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[len++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[len++] = (byte) v;
  }

  void writeVInt(int v) {
    if (v < 0) throw new IllegalArgumentException("negative vint " + v);
    writeVLong(v);
  }

  /** Zigzag, then LEB128: small magnitudes of either sign stay short. */
  void writeZLong(long v) {
    writeVLong((v << 1) ^ (v >> 63));
  }

  void writeIntBE(int v) {
    ensure(4);
    buf[len++] = (byte) (v >>> 24);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
  }

  void writeLongBE(long v) {
    writeIntBE((int) (v >>> 32));
    writeIntBE((int) v);
  }

  static int vlongSize(long v) {
    int bits = 64 - Long.numberOfLeadingZeros(v);
    return bits == 0 ? 1 : (bits + 6) / 7;
  }

  static long zigzag(long v) {
    return (v << 1) ^ (v >> 63);
  }
}
