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

  /** Decodes the block at c's position into docs and values; returns its count (at most max). */
  static int decode(PageCursor c, long expectedCount, long[] docs, long[] values) throws IOException {
    long at = c.position();
    int head = c.readVInt();
    int n = head >>> 1;
    boolean dense = (head & 1) != 0;
    if (n != expectedCount || n < 1 || n > docs.length) {
      throw c.error("typed column block holds " + n + " values, its entry says " + expectedCount, at);
    }
    long d = c.readVLong();
    long v = c.readZLong();
    docs[0] = d;
    values[0] = v;
    for (int i = 1; i < n; i++) {
      d += dense ? 1 : c.readVLong() + 1;
      v += c.readZLong();
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
