package io.logdex.format.index;

import java.io.IOException;

/**
 * One block of a typed column (docs/FORMAT.md, "Typed columns"): up to {@link
 * IndexFormat#COLUMN_BLOCK_VALUES} (docId, value) pairs of one field in ascending docId order,
 * {@code [vint count << 1 | dense][vlong firstDoc][zlong firstValue]} then per further pair {@code
 * [vlong docId - prevDocId - 1]} (absent when dense: the docIds are consecutive, as when every
 * record has the field) and {@code [zlong value - prevValue]}; and the block's entry in its column's list,
 * {@code [vlong offset][vint length][vint count][vlong firstDoc][vlong lastDoc - firstDoc][zlong
 * min][zlong max]}, which lets a range or an advance skip the block without reading it.
 */
final class ColumnBlock {
  private ColumnBlock() {}

  static void encode(long[] docs, long[] values, int n, GrowableBytes out) {
    boolean dense = docs[n - 1] - docs[0] == n - 1;
    out.writeVInt(n << 1 | (dense ? 1 : 0));
    out.writeVLong(docs[0]);
    out.writeZLong(values[0]);
    for (int i = 1; i < n; i++) {
      if (!dense) out.writeVLong(docs[i] - docs[i - 1] - 1);
      out.writeZLong(values[i] - values[i - 1]);
    }
  }

  /** What a column block's errors call it. */
  private static final String WHAT = "typed column block";

  /**
   * Decodes block b of col into docs and values and checks it against its entry; returns its
   * count. The block's bytes are decoded in place when they lie in one page, else copied to
   * scratch (at least {@link IndexFormat#MAX_COLUMN_BLOCK_BYTES}): one pass over an array rather
   * than a page-cursor call per varint, which was most of a column scan's cost.
   */
  static int read(PageCursor in, ColumnInfo col, int b, long[] docs, long[] values, ByteReader bytes, byte[] scratch)
      throws IOException {
    long at = col.offset[b];
    int len = col.length[b];
    in.seek(at, at + len);
    if (in.contiguous(len)) {
      bytes.reset(in.buffer(), in.bufferPos(), in.bufferPos() + len, in.file(), at, WHAT);
      in.consume(len);
    } else {
      in.readBytes(scratch, 0, len);
      bytes.reset(scratch, 0, len, in.file(), at, WHAT);
    }
    int n = decode(bytes, col.count[b], docs, values);
    if (bytes.remaining() != 0) throw bytes.error("has bytes after its last value");
    if (docs[0] != col.firstDoc[b] || docs[n - 1] != col.lastDoc[b]) {
      throw in.error("typed column block disagrees with its entry", at);
    }
    return n;
  }

  /**
   * Decodes one block into docs and values; returns its count (at most docs.length). The docIds
   * come out strictly ascending or the block is refused, so readers may index arrays by them.
   */
  private static int decode(ByteReader in, long expectedCount, long[] docs, long[] values) throws IOException {
    int head = in.readVInt();
    int n = head >>> 1;
    boolean dense = (head & 1) != 0;
    if (n != expectedCount || n < 1 || n > docs.length) {
      throw in.error("holds " + n + " values, its entry says " + expectedCount);
    }
    long d = in.readVLong();
    long v = in.readZLong();
    docs[0] = d;
    values[0] = v;
    if (dense) {
      in.readZLongDeltas(values, 1, n - 1, v);
      for (int i = 1; i < n; i++) docs[i] = d + i;
      return n;
    }
    for (int i = 1; i < n; i++) {
      long next = d + in.readVLong() + 1;
      // A gap of 2^63 or more (read as negative) wraps: refused rather than out of order.
      if (next <= d) throw in.error("has docIds out of order");
      d = next;
      v += in.readZLong();
      docs[i] = d;
      values[i] = v;
    }
    return n;
  }

  /** The list entry of a block. */
  static void writeEntry(GrowableBytes out, long offset, int length, int count, long firstDoc, long lastDoc,
      long min, long max) {
    out.writeVLong(offset);
    out.writeVInt(length);
    out.writeVInt(count);
    out.writeVLong(firstDoc);
    out.writeVLong(lastDoc - firstDoc);
    out.writeZLong(min);
    out.writeZLong(max);
  }
}
