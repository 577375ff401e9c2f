package io.logdex.format.index;

import java.io.IOException;

/**
 * Reads blocks [from, to) of one typed column a whole block at a time into two reused arrays, for
 * scans that visit most values (stats): no call per value, and a slice of the blocks per thread.
 * {@link #next} skips, on the blocks' entries alone, those that end before a target docId.
 */
public final class ColumnBlockReader {
  private final ColumnInfo col;
  private final PageCursor in;
  private final int to;
  private final long[] docs = new long[IndexFormat.COLUMN_BLOCK_VALUES];
  private final long[] values = new long[IndexFormat.COLUMN_BLOCK_VALUES];
  private final ByteReader bytes = new ByteReader();
  private final byte[] scratch = new byte[IndexFormat.MAX_COLUMN_BLOCK_BYTES];
  private int block;

  ColumnBlockReader(PagedFile file, ColumnInfo col, int from, int to) {
    if (from < 0 || from > to || to > col.blocks) {
      throw new IllegalArgumentException("blocks [" + from + ", " + to + ") of a column of " + col.blocks);
    }
    this.col = col;
    this.in = new PageCursor(file);
    this.block = from;
    this.to = to;
  }

  /**
   * Decodes the next block of the slice whose last docId is at least target and returns how many
   * values it holds (0 once the slice is done); they are in {@link #docs()} and {@link #values()}
   * until the next call.
   */
  public int next(long target) throws IOException {
    while (block < to && col.lastDoc[block] < target) block++;
    if (block >= to) return 0;
    return ColumnBlock.read(in, col, block++, docs, values, bytes, scratch);
  }

  /** The current block's docIds, strictly ascending (and above every earlier block's). */
  public long[] docs() {
    return docs;
  }

  /** The current block's values, parallel to {@link #docs()}. */
  public long[] values() {
    return values;
  }
}
