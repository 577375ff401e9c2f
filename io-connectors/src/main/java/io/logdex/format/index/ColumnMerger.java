package io.logdex.format.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Puts the chunks' column runs together into {@code typed.cols}. Chunks hold disjoint docId
 * ranges, so a column's blocks are its runs' blocks in docId order, copied as they are: no value
 * is decoded, and memory is the runs' footers (their block lists) and one block. Runs are ordered
 * by their first docId, never by name or arrival, so the file depends only on the values.
 */
public final class ColumnMerger {
  private ColumnMerger() {}

  private record Run(PagedFile file, ColumnInfo[] columns, long firstDoc) {}

  public static ColumnsSummary merge(List<RunDescriptor> runs, Path outDir) throws IOException {
    List<Run> open = new ArrayList<>();
    StagedFile staged = new StagedFile(outDir, IndexFormat.COLUMNS_FILE);
    PagedFileWriter out = PagedFileWriter.create(staged.temp);
    try {
      for (RunDescriptor r : runs) {
        if (r.kind() != RunDescriptor.Kind.COLUMNS) throw new IllegalArgumentException("not a column run: " + r);
        PagedFile f = PagedFile.openStreaming(Path.of(r.path()), IndexFormat.MAGIC_COLUMN_RUN);
        PageCursor c = new PageCursor(f);
        c.seek(f.footerOffset, f.footerEnd);
        ColumnInfo[] cols;
        try {
          cols = ColumnInfo.readFooter(c);
        } catch (IOException | RuntimeException e) {
          f.close();
          throw e;
        }
        long first = Long.MAX_VALUE;
        for (ColumnInfo col : cols) first = Math.min(first, col.firstDoc[0]);
        open.add(new Run(f, cols, first));
      }
      open.sort(Comparator.comparingLong(Run::firstDoc));
      TreeMap<ColumnInfo, List<ColumnInfo>> byColumn = new TreeMap<>(Columns::compare);
      java.util.IdentityHashMap<ColumnInfo, Run> runOf = new java.util.IdentityHashMap<>();
      for (Run r : open) {
        for (ColumnInfo col : r.columns) {
          byColumn.computeIfAbsent(col, k -> new ArrayList<>()).add(col);
          runOf.put(col, r);
        }
      }
      out.writeHeader(IndexFormat.MAGIC_COLUMNS, -1);
      GrowableBytes footer = new GrowableBytes(4096);
      footer.writeVInt(byColumn.size());
      byte[] buf = new byte[0];
      long values = 0;
      for (List<ColumnInfo> parts : byColumn.values()) {
        ColumnInfo head = parts.get(0);
        long total = 0;
        int blocks = 0;
        for (ColumnInfo p : parts) {
          total += p.values;
          blocks += p.blocks;
        }
        GrowableBytes entries = new GrowableBytes(blocks * 16 + 16);
        long prevLast = -1;
        for (ColumnInfo p : parts) {
          if (p.firstDoc[0] <= prevLast) {
            throw new IllegalStateException("column runs overlap in docIds: " + p.name + " at " + p.firstDoc[0]);
          }
          PageCursor in = new PageCursor(runOf.get(p).file);
          for (int b = 0; b < p.blocks; b++) {
            int len = p.length[b];
            if (buf.length < len) buf = new byte[Math.max(len, buf.length * 2)];
            in.seek(p.offset[b], p.offset[b] + len);
            in.readBytes(buf, 0, len);
            long at = out.position();
            out.write(buf, 0, len);
            ColumnBlock.writeEntry(entries, at, len, p.count[b], p.firstDoc[b], p.lastDoc[b], p.min[b], p.max[b]);
          }
          prevLast = p.lastDoc[p.blocks - 1];
        }
        byte[] name = head.name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        footer.writeVInt(name.length);
        footer.writeBytes(name, 0, name.length);
        footer.writeByte(head.kind);
        footer.writeVLong(total);
        footer.writeVLong(blocks);
        footer.append(entries);
        values += total;
      }
      long bytes = out.finish(IndexFormat.MAGIC_COLUMNS, footer);
      out.sync();
      out.close();
      staged.commit();
      return new ColumnsSummary(byColumn.size(), values, bytes);
    } catch (IOException | RuntimeException e) {
      try {
        out.close();
      } catch (IOException ignored) {
        // Already failing; the temp file goes below.
      }
      staged.abort();
      throw e;
    } finally {
      for (Run r : open) r.file.close();
    }
  }
}
