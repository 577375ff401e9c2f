package io.logdex.io.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Passes a stream through to the tokenizer and keeps a copy of the bytes from {@link #keepFrom}
 * on, so that a sub-document's bytes can be handed out once the cutter decides it is one, without
 * reading the file twice. It works the same on decompressed input, where a second read would cost
 * a second decompression.
 *
 * <p>What must be kept is at most the cap plus the token being scanned (see {@link
 * SubDocumentCutter}), so the copy is held to a fixed capacity: bytes that arrive while it is full
 * are passed on but not kept, and {@link #copy} then answers null for the ranges that include
 * them, for the caller to read them again. Only a pathological input (a long whitespace run or a
 * huge token inside a node that fits) gets there.
 */
final class RetainingInputStream extends InputStream {
  private final InputStream in;
  private final int capacity;
  private byte[] buf;
  /** Offset of buf[0]; buf[0, len) holds the bytes [base, base + len). */
  private long base;
  private int len;
  /** Offset of the next byte read from in. */
  private long readPos;
  private long keepFrom;

  RetainingInputStream(InputStream in, long startOffset, int capacity, int initialSize) {
    if (capacity < 1) throw new IllegalArgumentException("capacity < 1: " + capacity);
    this.in = in;
    this.capacity = capacity;
    this.buf = new byte[Math.max(1, Math.min(capacity, initialSize))];
    this.base = startOffset;
    this.readPos = startOffset;
    this.keepFrom = startOffset;
  }

  /** Bytes before offset are no longer needed; offsets only move forward. */
  void keepFrom(long offset) {
    if (offset > keepFrom) keepFrom = offset;
  }

  /** Offset of the next byte to be read from the underlying stream. */
  long readPosition() {
    return readPos;
  }

  /** The bytes [offset, offset + n) if they are all kept, else null. */
  byte[] copy(long offset, int n) {
    if (offset < base || offset + n > base + len) return null;
    int from = (int) (offset - base);
    return Arrays.copyOfRange(buf, from, from + n);
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n;
    while ((n = read(one, 0, 1)) == 0) {
      // InputStream.read() blocks until a byte or the end
    }
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int n) throws IOException {
    int r = in.read(b, off, n);
    if (r > 0) {
      retain(b, off, r);
      readPos += r;
    }
    return r;
  }

  private void retain(byte[] b, int off, int r) {
    if (base + len != readPos) {
      // Bytes were dropped while full. The kept ones stay until nothing needs them; after that
      // keeping starts again from here.
      if (keepFrom < base + len) return;
      base = readPos;
      len = 0;
    }
    if (keepFrom > base) {
      int drop = (int) Math.min(len, keepFrom - base);
      if (len + r > buf.length || drop > buf.length / 2) {
        System.arraycopy(buf, drop, buf, 0, len - drop);
        base += drop;
        len -= drop;
      }
    }
    long live = base + len - Math.max(base, keepFrom);
    int take = (int) Math.max(0, Math.min(r, capacity - live));
    if (len + take > buf.length) {
      if (keepFrom > base) {
        int drop = (int) Math.min(len, keepFrom - base);
        System.arraycopy(buf, drop, buf, 0, len - drop);
        base += drop;
        len -= drop;
      }
      if (len + take > buf.length) {
        long size = Math.min(capacity, Math.max((long) len + take, 2L * buf.length));
        buf = Arrays.copyOf(buf, (int) size);
      }
    }
    System.arraycopy(b, off, buf, len, take);
    len += take;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
