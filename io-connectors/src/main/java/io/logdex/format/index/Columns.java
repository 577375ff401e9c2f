package io.logdex.format.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The typed columns of an index ({@code typed.cols}, docs/FORMAT.md "Typed columns"): per field
 * name and kind its values in docId order, in blocks with their docId and value bounds, so a range
 * reads only the blocks whose [min, max] meets it and an advance skips blocks by their last docId.
 * The footer's lists stay in memory (about 50 bytes per 1024 values); blocks go through the
 * index's page cache.
 */
public final class Columns {
  final PagedFile file;
  private final Map<String, ColumnInfo> byKey = new HashMap<>();
  private final ColumnInfo[] all;

  private Columns(PagedFile file, ColumnInfo[] all) {
    this.file = file;
    this.all = all;
    for (ColumnInfo c : all) byKey.put(c.kind + c.name, c);
  }

  static Columns open(PagedFile f) throws IOException {
    PageCursor c = new PageCursor(f);
    c.seek(f.footerOffset, f.footerEnd);
    return new Columns(f, ColumnInfo.readFooter(c));
  }

  ColumnInfo column(String name, byte kind) {
    return byKey.get(kind + name);
  }

  /** The (name, kind) of every column, in (name, kind) order. */
  public List<String> describe() {
    String[] out = new String[all.length];
    for (int i = 0; i < all.length; i++) {
      out[i] = all[i].name + (all[i].kind == TypedValues.TIME ? " time " : " number ") + all[i].values;
    }
    return List.of(out);
  }

  /** Whether the index holds values of the field in that kind. */
  public boolean has(String name, byte kind) {
    return byKey.containsKey(kind + name);
  }

  /** The docs whose value of the field (of that kind) lies in [lo, hi]; empty when none can. */
  DocIdIterator range(String name, byte kind, long lo, long hi) {
    ColumnInfo c = column(name, kind);
    if (c == null || lo > hi) return new EmptyIterator();
    return new ColumnRangeIterator(file, c, lo, hi);
  }

  /** A cursor over the field's (docId, value) pairs, or null when the index has no such column. */
  public ColumnCursor cursor(String name, byte kind) {
    ColumnInfo c = column(name, kind);
    return c == null ? null : new ColumnCursor(file, c, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** How many blocks the field's column (of that kind) has; 0 when the index has no such column. */
  public int blockCount(String name, byte kind) {
    ColumnInfo c = column(name, kind);
    return c == null ? 0 : c.blocks;
  }

  /** A reader of blocks [from, to) of the field's column, or null when the index has no such column. */
  public ColumnBlockReader blocks(String name, byte kind, int from, int to) {
    ColumnInfo c = column(name, kind);
    return c == null ? null : new ColumnBlockReader(file, c, from, to);
  }

  static int compare(ColumnInfo a, ColumnInfo b) {
    int c = compareNames(a.name, b.name);
    return c != 0 ? c : Byte.compare(a.kind, b.kind);
  }

  /** Names compare as their UTF-8 bytes, unsigned (as terms do). */
  static int compareNames(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
