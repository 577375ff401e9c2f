package io.logdex.format.index;

import java.io.IOException;

/** The docs whose typed value lies in [lo, hi], as a {@link DocIdIterator} over a {@link ColumnCursor}. */
final class ColumnRangeIterator implements DocIdIterator {
  private final ColumnCursor cursor;
  private final long cost;

  ColumnRangeIterator(PagedFile file, ColumnInfo col, long lo, long hi) {
    this.cursor = new ColumnCursor(file, col, lo, hi);
    this.cost = cursor.cost();
  }

  @Override
  public long docId() {
    return cursor.docId();
  }

  @Override
  public long nextDoc() throws IOException {
    return cursor.nextDoc();
  }

  @Override
  public long advance(long target) throws IOException {
    return cursor.advance(target);
  }

  @Override
  public long cost() {
    return cost;
  }
}
