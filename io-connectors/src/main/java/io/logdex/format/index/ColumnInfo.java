package io.logdex.format.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One typed column as its footer lists it: the field's name and kind, and per block its offset,
 * length, count, first and last docId, least and greatest value. Read from a column run or from
 * {@code typed.cols} (the same footer layout); every count is bounded by the footer's bytes
 * before anything is allocated.
 */
final class ColumnInfo {
  final String name;
  final byte kind;
  final long values;
  final int blocks;
  final long[] offset;
  final int[] length;
  final int[] count;
  final long[] firstDoc;
  final long[] lastDoc;
  final long[] min;
  final long[] max;

  private ColumnInfo(String name, byte kind, long values, int blocks) {
    this.name = name;
    this.kind = kind;
    this.values = values;
    this.blocks = blocks;
    offset = new long[blocks];
    length = new int[blocks];
    count = new int[blocks];
    firstDoc = new long[blocks];
    lastDoc = new long[blocks];
    min = new long[blocks];
    max = new long[blocks];
  }

  /** The smallest and greatest value of the whole column. */
  long min() {
    long m = Long.MAX_VALUE;
    for (int b = 0; b < blocks; b++) m = Math.min(m, min[b]);
    return m;
  }

  long max() {
    long m = Long.MIN_VALUE;
    for (int b = 0; b < blocks; b++) m = Math.max(m, max[b]);
    return m;
  }

  /** Reads the footer's column list at c's position (which ends at c.end()). */
  static ColumnInfo[] readFooter(PageCursor c) throws IOException {
    long at = c.position();
    int n = c.readVInt();
    if (n > c.remaining() / 5) throw c.error("typed column count " + n + " does not fit the footer", at);
    ColumnInfo[] cols = new ColumnInfo[n];
    long dataEnd = c.file().footerOffset;
    for (int k = 0; k < n; k++) {
      long colAt = c.position();
      int len = c.readVInt();
      if (len < 1 || len > Terms.MAX_FIELD_NAME_BYTES) throw c.error("typed column name of " + len + " bytes", colAt);
      byte[] name = new byte[len];
      c.readBytes(name, 0, len);
      byte kind = c.readByte();
      if (kind != TypedValues.NUMBER && kind != TypedValues.TIME) throw c.error("unknown typed column kind " + kind, colAt);
      long values = c.readVLong();
      long blocks = c.readVLong();
      if (blocks < 1 || blocks > c.remaining() / 7) throw c.error("typed column block count " + blocks + " does not fit the footer", colAt);
      ColumnInfo col = new ColumnInfo(new String(name, StandardCharsets.UTF_8), kind, values, (int) blocks);
      long sum = 0;
      long prevLast = -1;
      for (int b = 0; b < blocks; b++) {
        long e = c.position();
        col.offset[b] = c.readVLong();
        col.length[b] = c.readVInt();
        col.count[b] = c.readVInt();
        col.firstDoc[b] = c.readVLong();
        col.lastDoc[b] = col.firstDoc[b] + c.readVLong();
        col.min[b] = c.readZLong();
        col.max[b] = c.readZLong();
        if (col.offset[b] < IndexFormat.HEADER_BYTES || col.offset[b] + col.length[b] > dataEnd
            || col.length[b] < 1 || col.length[b] > IndexFormat.MAX_COLUMN_BLOCK_BYTES
            || col.count[b] < 1 || col.count[b] > IndexFormat.COLUMN_BLOCK_VALUES
            || col.firstDoc[b] <= prevLast || col.lastDoc[b] < col.firstDoc[b] || col.min[b] > col.max[b]) {
          throw c.error("typed column " + col.name + " has a malformed block entry", e);
        }
        prevLast = col.lastDoc[b];
        sum += col.count[b];
      }
      if (sum != values) throw c.error("typed column " + col.name + " blocks hold " + sum + " values, it says " + values, colAt);
      if (k > 0 && Columns.compare(cols[k - 1], col) >= 0) throw c.error("typed columns out of order", colAt);
      cols[k] = col;
    }
    if (c.remaining() != 0) throw c.error("bytes after the typed column list", c.position());
    return cols;
  }
}
