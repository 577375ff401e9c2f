package io.logdex.format.index;

import static io.logdex.format.index.IndexFormat.PAGE_DATA_BYTES;

import io.logdex.format.FormatException;
import java.io.IOException;

/**
 * Reads a bounded region {@code [offset, end)} of a {@link PagedFile} as a byte stream across page
 * boundaries. Reading past the region's end is a {@link FormatException}, so a corrupt length can
 * never make one structure read another's bytes. Not thread-safe; cheap to create.
 */
final class PageCursor {
  private static final byte[] NONE = new byte[0];

  private final PagedFile file;
  private byte[] buf = NONE;
  private int pos;
  private int limit;
  private int pageLen;
  private long bufStart;
  private long end;

  PageCursor(PagedFile file) {
    this.file = file;
  }

  PagedFile file() {
    return file;
  }

  PageCursor seek(long offset, long end) throws FormatException {
    if (offset < 0 || offset > end || end > file.logicalLength) {
      throw file.error(
          "region [" + offset + ", " + end + ") outside the file's " + file.logicalLength
              + " bytes",
          Math.max(0, Math.min(offset, file.logicalLength)));
    }
    this.end = end;
    if (buf != NONE && offset >= bufStart && offset < bufStart + pageLen) {
      pos = (int) (offset - bufStart);
      limit = (int) Math.min(pageLen, end - bufStart);
    } else {
      buf = NONE;
      bufStart = offset;
      pos = 0;
      limit = 0;
    }
    return this;
  }

  long position() {
    return bufStart + pos;
  }

  long end() {
    return end;
  }

  long remaining() {
    return end - position();
  }

  private void refill() throws IOException {
    long p = position();
    if (p >= end) {
      if (end >= file.logicalLength) throw file.truncated("unexpected end of file", p);
      throw file.error("structure runs past its recorded end " + end, p);
    }
    long idx = p / PAGE_DATA_BYTES;
    buf = file.page(idx);
    bufStart = idx * PAGE_DATA_BYTES;
    pageLen = file.pageLength(idx);
    pos = (int) (p - bufStart);
    limit = (int) Math.min(pageLen, end - bufStart);
  }

  byte readByte() throws IOException {
    if (pos >= limit) refill();
    return buf[pos++];
  }

  int readUnsignedByte() throws IOException {
    if (pos >= limit) refill();
    return buf[pos++] & 0xFF;
  }

  long readVLong() throws IOException {
    long start = position();
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = pos < limit ? buf[pos++] : readByte();
      result |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        if (shift == 63 && b > 1) break;
        return result;
      }
    }
    throw file.error("malformed varint", start);
  }

  /** A varint that must fit a non-negative int (lengths and counts). */
  int readVInt() throws IOException {
    long start = position();
    long v = readVLong();
    if (v < 0 || v > Integer.MAX_VALUE) throw file.error("count or length " + v + " too large", start);
    return (int) v;
  }

  long readZLong() throws IOException {
    long v = readVLong();
    return (v >>> 1) ^ -(v & 1);
  }

  int readIntBE() throws IOException {
    return (readUnsignedByte() << 24)
        | (readUnsignedByte() << 16)
        | (readUnsignedByte() << 8)
        | readUnsignedByte();
  }

  long readLongBE() throws IOException {
    return ((long) readIntBE() << 32) | (readIntBE() & 0xFFFFFFFFL);
  }

  void readBytes(byte[] dst, int off, int len) throws IOException {
    if (len > remaining()) {
      throw file.error("length " + len + " runs past the end of its structure", position());
    }
    while (len > 0) {
      if (pos >= limit) refill();
      int n = Math.min(len, limit - pos);
      System.arraycopy(buf, pos, dst, off, n);
      pos += n;
      off += n;
      len -= n;
    }
  }

  void skip(long n) throws IOException {
    long target = position() + n;
    if (n < 0 || target > end) throw file.error("skip of " + n + " bytes leaves its structure", position());
    if (buf != NONE && target <= bufStart + limit) {
      pos = (int) (target - bufStart);
    } else {
      buf = NONE;
      bufStart = target;
      pos = 0;
      limit = 0;
    }
  }

  /**
   * Makes {@code n} bytes readable in place if they lie in one page; returns false otherwise (the
   * caller then copies with {@link #readBytes}).
   */
  boolean contiguous(int n) throws IOException {
    if (pos >= limit && remaining() > 0) refill();
    return limit - pos >= n;
  }

  byte[] buffer() {
    return buf;
  }

  int bufferPos() {
    return pos;
  }

  void consume(int n) {
    pos += n;
  }

  FormatException error(String reason) {
    return file.error(reason, position());
  }

  FormatException error(String reason, long at) {
    return file.error(reason, at);
  }
}
