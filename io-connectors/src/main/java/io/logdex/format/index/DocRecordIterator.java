package io.logdex.format.index;

import java.io.IOException;

/**
 * Every record of the doc table in ascending docId order, decoded one block at a time: what a
 * caller needs when every document is a candidate (read-at of a path under an array root) and
 * looking each docId up would cost a block decode per document. Memory is one block's page
 * cursor and one reused entry, whatever the table's size. Not thread-safe; ask {@link
 * IndexReader#allDocs()} for one per thread.
 *
 * <p>Corruption is an error, never a silent stop: a block's record count out of range, docIds that
 * do not ascend, or a table that ends before (or runs past) the count its footer states all throw
 * {@link io.logdex.format.FormatException} naming the doc table and the block's offset.
 */
public final class DocRecordIterator {
  private final DocTableReader table;
  private final BlockIndexReader.Position pos;
  private final PageCursor in;
  private final DocCodec codec = new DocCodec();
  private final DocEntry entry = new DocEntry();
  private long blockStart = -1;
  private int left;
  private boolean started;
  private boolean done;
  private long seen;
  private long last = -1;

  DocRecordIterator(DocTableReader table) {
    this.table = table;
    this.pos = table.index.newPosition();
    this.in = new PageCursor(table.file);
  }

  /** The next record, or null after the last. */
  public DocRecord next() throws IOException {
    if (done) return null;
    while (left == 0) {
      boolean more = started ? table.index.next(pos) : table.index.seekFirst(pos);
      started = true;
      if (!more) {
        done = true;
        if (seen != table.docs) {
          throw table.file.error("the doc table ends after " + seen + " records, its footer says " + table.docs,
              table.file.footerOffset);
        }
        return null;
      }
      blockStart = pos.blockOffset();
      in.seek(blockStart, blockStart + pos.blockLength());
      left = in.readVInt();
      if (left < 1 || left > IndexFormat.DOC_BLOCK_RECORDS) throw in.error("doc block of " + left + " records", blockStart);
      codec.reset();
    }
    codec.decode(in, entry);
    left--;
    if (left == 0 && in.remaining() != 0) throw in.error("bytes after the last record of a doc block");
    if (entry.docId <= last) {
      throw table.file.error("doc " + entry.docId + " follows doc " + last + " in the doc table", blockStart);
    }
    if (++seen > table.docs) {
      throw table.file.error("the doc table holds more records than the " + table.docs + " its footer says", blockStart);
    }
    last = entry.docId;
    return entry.toRecord();
  }
}
