package io.logdex.format.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A chunk's typed values (numbers and times of top-level fields, {@link TypedValues}) as a column
 * run: values arrive in ascending docId order (a chunk numbers its documents as it reads them), so
 * each column is cut into blocks of {@link IndexFormat#COLUMN_BLOCK_VALUES} as it grows and every
 * full block goes straight to the run file. Memory is one block per column (16 KiB at most, for at
 * most {@link IndexFormat#MAX_CHUNK_COLUMNS} columns) and the blocks' list entries (about 30 bytes
 * per 1024 values), whatever the chunk's size. {@link ColumnMerger} puts the chunks' runs together.
 *
 * <p>Footer: {@code [vint columns]}, then per column in (name, kind) order {@code [vint nameLen]
 * [name][u8 kind][vlong values][vlong blocks]} and its blocks' entries ({@link ColumnBlock}).
 */
public final class ColumnRunWriter implements Closeable {
  private static final int FIRST_CAPACITY = 64;

  private final Path path;
  private final List<Column> columns = new ArrayList<>();
  private final GrowableBytes block = new GrowableBytes(4096);
  private PagedFileWriter out;
  private long values;

  public ColumnRunWriter(Path path) {
    this.path = path;
  }

  private static final class Column {
    final String name;
    final byte kind;
    long[] docs = new long[FIRST_CAPACITY];
    long[] vals = new long[FIRST_CAPACITY];
    int n;
    long lastDoc = -1;
    long values;
    long blocks;
    final GrowableBytes entries = new GrowableBytes(64);

    Column(String name, byte kind) {
      this.name = name;
      this.kind = kind;
    }
  }

  /**
   * Adds a typed value; false when the chunk already holds {@link IndexFormat#MAX_CHUNK_COLUMNS}
   * other columns (the caller then keeps the value as a field term). A document has at most one
   * value per field and kind, given in ascending docId order.
   */
  public boolean add(long docId, String name, byte kind, long value) throws IOException {
    Column c = find(name, kind);
    if (c == null) {
      if (columns.size() == IndexFormat.MAX_CHUNK_COLUMNS) return false;
      c = new Column(name, kind);
      columns.add(c);
    }
    if (docId <= c.lastDoc) {
      throw new IllegalArgumentException("typed value of " + name + " for doc " + docId + " after doc " + c.lastDoc);
    }
    if (c.n == c.docs.length) {
      int cap = Math.min(IndexFormat.COLUMN_BLOCK_VALUES, c.docs.length * 2);
      c.docs = java.util.Arrays.copyOf(c.docs, cap);
      c.vals = java.util.Arrays.copyOf(c.vals, cap);
    }
    c.docs[c.n] = docId;
    c.vals[c.n++] = value;
    c.lastDoc = docId;
    c.values++;
    values++;
    if (c.n == IndexFormat.COLUMN_BLOCK_VALUES) flush(c);
    return true;
  }

  /** A few columns, their names mostly the same String objects row after row: a scan beats hashing. */
  private int next; // where find starts looking

  private Column find(String name, byte kind) {
    // Records of one input give their typed values in the same order: the column after the last
    // one found is nearly always the next, so it is tried before the scan.
    int n = columns.size();
    int at = next < n ? next : 0;
    for (int k = 0; k < n; k++, at = at + 1 == n ? 0 : at + 1) {
      Column c = columns.get(at);
      if (c.kind == kind && (c.name == name || c.name.equals(name))) {
        next = at + 1;
        return c;
      }
    }
    next = n + 1; // the caller adds a new column at n; look after it next
    return null;
  }

  private void flush(Column c) throws IOException {
    if (c.n == 0) return;
    if (out == null) {
      out = PagedFileWriter.create(path);
      out.writeHeader(IndexFormat.MAGIC_COLUMN_RUN, -1);
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < c.n; i++) {
      min = Math.min(min, c.vals[i]);
      max = Math.max(max, c.vals[i]);
    }
    block.reset();
    ColumnBlock.encode(c.docs, c.vals, c.n, block);
    long offset = out.position();
    out.write(block);
    ColumnBlock.writeEntry(c.entries, offset, block.length(), c.n, c.docs[0], c.docs[c.n - 1], min, max);
    c.blocks++;
    c.n = 0;
  }

  /** Writes the partial blocks and the footer; null when the chunk had no typed value. */
  public RunDescriptor finish() throws IOException {
    if (values == 0) return null;
    List<Column> sorted = new ArrayList<>(columns);
    sorted.sort(ColumnRunWriter::compare);
    for (Column c : sorted) flush(c);
    GrowableBytes footer = new GrowableBytes(1024);
    footer.writeVInt(sorted.size());
    for (Column c : sorted) {
      byte[] name = c.name.getBytes(StandardCharsets.UTF_8);
      footer.writeVInt(name.length);
      footer.writeBytes(name, 0, name.length);
      footer.writeByte(c.kind);
      footer.writeVLong(c.values);
      footer.writeVLong(c.blocks);
      footer.append(c.entries);
    }
    long bytes = out.finish(IndexFormat.MAGIC_COLUMN_RUN, footer);
    out.close();
    return new RunDescriptor(RunDescriptor.Kind.COLUMNS, -1, path.toString(), values, bytes);
  }

  private static int compare(Column a, Column b) {
    int c = Columns.compareNames(a.name, b.name);
    return c != 0 ? c : Byte.compare(a.kind, b.kind);
  }

  @Override
  public void close() throws IOException {
    if (out != null) out.close();
  }
}
