package io.logdex.format.index;

import java.io.IOException;

/**
 * Walks one typed column's (docId, value) pairs in docId order, decoding only the blocks it
 * stops in: {@link #advance} skips blocks by their last docId, and blocks whose values all lie
 * outside [lo, hi] are skipped unread (a range's cursor yields only the pairs inside it).
 */
public final class ColumnCursor {
  private final ColumnInfo col;
  private final PageCursor in;
  private final long lo;
  private final long hi;
  private final long[] docs = new long[IndexFormat.COLUMN_BLOCK_VALUES];
  private final long[] values = new long[IndexFormat.COLUMN_BLOCK_VALUES];
  private final ByteReader bytes = new ByteReader();
  private byte[] scratch; // for a block across two pages, made on first need
  private int block = -1;
  private int n;
  private int i;
  private long doc = -1;

  ColumnCursor(PagedFile file, ColumnInfo col, long lo, long hi) {
    this.col = col;
    this.in = new PageCursor(file);
    this.lo = lo;
    this.hi = hi;
  }

  public long docId() {
    return doc;
  }

  /** The current doc's value. */
  public long value() {
    return values[i];
  }

  /** The next pair's docId, or {@link DocIdIterator#NO_MORE_DOCS}. */
  public long nextDoc() throws IOException {
    while (true) {
      while (++i < n) {
        long v = values[i];
        if (v >= lo && v <= hi) return doc = docs[i];
      }
      if (!load(block + 1)) return doc = DocIdIterator.NO_MORE_DOCS;
      i = -1;
    }
  }

  /** The first pair at or after target (staying put when already there). */
  public long advance(long target) throws IOException {
    if (doc >= target) return doc;
    if (block < 0 || block >= col.blocks || col.lastDoc[block] < target) {
      // Binary search of the first block that reaches target.
      int a = block + 1;
      int b = col.blocks;
      while (a < b) {
        int m = (a + b) >>> 1;
        if (col.lastDoc[m] < target) a = m + 1;
        else b = m;
      }
      if (!load(a)) return doc = DocIdIterator.NO_MORE_DOCS;
      i = -1;
    }
    while (true) {
      while (++i < n) {
        if (docs[i] < target) continue;
        long v = values[i];
        if (v >= lo && v <= hi) return doc = docs[i];
      }
      if (!load(block + 1)) return doc = DocIdIterator.NO_MORE_DOCS;
      i = -1;
    }
  }

  /** Loads the first block at or after b whose values can meet [lo, hi]; false past the last. */
  private boolean load(int b) throws IOException {
    while (b < col.blocks && (col.max[b] < lo || col.min[b] > hi)) b++;
    block = b;
    n = 0;
    if (b >= col.blocks) return false;
    if (scratch == null) scratch = new byte[IndexFormat.MAX_COLUMN_BLOCK_BYTES];
    n = ColumnBlock.read(in, col, b, docs, values, bytes, scratch);
    return true;
  }

  /** Upper bound of the pairs in blocks that can meet [lo, hi]. */
  long cost() {
    long c = 0;
    for (int b = 0; b < col.blocks; b++) if (col.max[b] >= lo && col.min[b] <= hi) c += col.count[b];
    return c;
  }
}
