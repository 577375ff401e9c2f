package io.logdex.format.index;

import io.logdex.format.FormatException;

/**
 * Varint decoding over a region of an array: a decoded dictionary-block stream, or a typed column
 * block read whole. Overruns report the block's file offset and what the bytes are ({@code
 * what}), since an array has no offset of its own.
 */
final class ByteReader {
  private byte[] b;
  private int pos;
  private int limit;
  private PagedFile file;
  private long blockAt;
  private String what;

  /** Reads b[from, limit); what names the bytes in errors ("dictionary block kinds stream"). */
  void reset(byte[] b, int from, int limit, PagedFile file, long blockAt, String what) {
    this.b = b;
    this.pos = from;
    this.limit = limit;
    this.file = file;
    this.blockAt = blockAt;
    this.what = what;
  }

  int remaining() {
    return limit - pos;
  }

  long readVLong() throws FormatException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= limit) throw error("runs past its end");
      byte x = b[pos++];
      v |= (long) (x & 0x7F) << shift;
      if (x >= 0) {
        if (shift == 63 && x > 1) break;
        return v;
      }
    }
    throw error("has a varint longer than 10 bytes");
  }

  /**
   * Reads n zigzag varints as deltas into out[from, from + n), each the previous plus its delta
   * (prev before the first); returns the last. One loop with the position in a local: a call per
   * value was most of a column scan's decoding.
   */
  long readZLongDeltas(long[] out, int from, int n, long prev) throws FormatException {
    byte[] b = this.b;
    int p = pos;
    int lim = limit;
    for (int i = from, end = from + n; i < end; i++) {
      long v = 0;
      int shift = 0;
      while (true) {
        if (p >= lim) {
          pos = p;
          throw error("runs past its end");
        }
        byte x = b[p++];
        v |= (long) (x & 0x7F) << shift;
        if (x >= 0) {
          if (shift == 63 && x > 1) {
            pos = p;
            throw error("has a varint longer than 10 bytes");
          }
          break;
        }
        shift += 7;
        if (shift > 63) {
          pos = p;
          throw error("has a varint longer than 10 bytes");
        }
      }
      prev += (v >>> 1) ^ -(v & 1);
      out[i] = prev;
    }
    pos = p;
    return prev;
  }

  int readVInt() throws FormatException {
    long v = readVLong();
    if (v < 0 || v > Integer.MAX_VALUE) throw error("has an int varint out of range");
    return (int) v;
  }

  long readZLong() throws FormatException {
    long v = readVLong();
    return (v >>> 1) ^ -(v & 1);
  }

  void readBytes(byte[] dst, int off, int n) throws FormatException {
    if (n > limit - pos) throw error("runs past its end");
    System.arraycopy(b, pos, dst, off, n);
    pos += n;
  }

  FormatException error(String reason) {
    return file.error(what + " " + reason, blockAt);
  }
}
