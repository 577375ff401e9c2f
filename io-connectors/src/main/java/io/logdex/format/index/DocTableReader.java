package io.logdex.format.index;

import java.io.IOException;

/**
 * Read side of {@link DocTableWriter}: docId → record in one index-page read and one block read,
 * plus sequential iteration of every docId for NOT queries. Thread-safe; the stateful helpers it
 * hands out are not.
 */
final class DocTableReader {
  final PagedFile file;
  final BlockIndexReader index;
  final long docs;
  final long totalWords;

  private DocTableReader(PagedFile file, BlockIndexReader index, long docs, long totalWords) {
    this.file = file;
    this.index = index;
    this.docs = docs;
    this.totalWords = totalWords;
  }

  static DocTableReader open(PagedFile file) throws IOException {
    PageCursor c = new PageCursor(file).seek(file.footerOffset, file.footerEnd);
    BlockIndexReader index = BlockIndexReader.read(c, file.footerOffset);
    long docs = c.readVLong();
    long words = c.readVLong();
    if (c.remaining() != 0) throw c.error("bytes after the doc table footer");
    return new DocTableReader(file, index, docs, words);
  }

  DocRecord find(long docId) throws IOException {
    return new Seeker().find(docId);
  }

  /**
   * Finds records for ascending docIds, decoding each block once however many hits it holds (what
   * {@link IndexReader#search} needs).
   */
  final class Seeker {
    private final BlockIndexReader.Position pos = index.newPosition();
    private final PageCursor in = new PageCursor(file);
    private final DocCodec codec = new DocCodec();
    private final DocEntry[] block = new DocEntry[IndexFormat.DOC_BLOCK_RECORDS];
    private final byte[] key = new byte[8];
    private int count;
    private long blockOffset = -1;

    DocRecord find(long docId) throws IOException {
      if (docId < 0) return null;
      // A ranked search asks for every match, most in the block already decoded or the next:
      // look there before the block index, whose page a seek decodes again (64 entries).
      boolean loaded = blockOffset >= 0;
      if (!loaded || docId < block[0].docId || docId > block[count - 1].docId) {
        if (loaded && docId > block[count - 1].docId && index.next(pos)) {
          load();
          if (docId < block[0].docId) return null; // between two blocks: no such doc
        }
        if (blockOffset < 0 || docId < block[0].docId || docId > block[count - 1].docId) {
          DocTableWriter.key(docId, key);
          if (!index.seekFloor(key, 8, pos)) return null;
          if (pos.blockOffset() != blockOffset) load();
        }
      }
      int lo = 0;
      int hi = count - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        long d = block[mid].docId;
        if (d == docId) return block[mid].toRecord();
        if (d < docId) lo = mid + 1;
        else hi = mid - 1;
      }
      return null;
    }

    private void load() throws IOException {
      blockOffset = -1;
      long start = pos.blockOffset();
      in.seek(start, start + pos.blockLength());
      int n = in.readVInt();
      if (n < 1 || n > IndexFormat.DOC_BLOCK_RECORDS) throw in.error("doc block of " + n + " records", start);
      codec.reset();
      for (int i = 0; i < n; i++) {
        if (block[i] == null) block[i] = new DocEntry();
        codec.decode(in, block[i]);
      }
      if (in.remaining() != 0) throw in.error("bytes after the last record of a doc block");
      count = n;
      blockOffset = start;
    }
  }

  /** Every docId in the table, in order. */
  DocIdIterator allDocs() {
    return new AllDocs();
  }

  private final class AllDocs implements DocIdIterator {
    private final BlockIndexReader.Position pos = index.newPosition();
    private final PageCursor in = new PageCursor(file);
    private final DocCodec codec = new DocCodec();
    private final DocEntry entry = new DocEntry();
    private int left;
    private boolean started;
    private long doc = -1;

    @Override
    public long docId() {
      return doc;
    }

    @Override
    public long nextDoc() throws IOException {
      if (doc == NO_MORE_DOCS) return doc;
      while (left == 0) {
        boolean more = started ? index.next(pos) : index.seekFirst(pos);
        started = true;
        if (!more) return doc = NO_MORE_DOCS;
        long start = pos.blockOffset();
        in.seek(start, start + pos.blockLength());
        left = in.readVInt();
        if (left < 1 || left > IndexFormat.DOC_BLOCK_RECORDS) throw in.error("doc block of " + left + " records", start);
        codec.reset();
      }
      codec.decode(in, entry);
      left--;
      return doc = entry.docId;
    }

    @Override
    public long advance(long target) throws IOException {
      while (doc < target) nextDoc();
      return doc;
    }

    @Override
    public long cost() {
      return docs;
    }
  }
}
