package io.logdex.format.index;

import java.io.IOException;

/**
 * Read side of {@link DocLengthsWriter}: a document's word count (BM25's document length) without
 * a doc record. Keeps only the block-index root in memory; blocks go through the page cache.
 * Thread-safe; each {@link Cursor} is not.
 */
final class DocLengths {
  final PagedFile file;
  private final BlockIndexReader index;
  final long docs;
  final long totalWords;
  /** The smallest document length in the index (0 when it has no documents). */
  final int minLength;

  private DocLengths(PagedFile file, BlockIndexReader index, long docs, long totalWords, int minLength) {
    this.minLength = minLength;
    this.file = file;
    this.index = index;
    this.docs = docs;
    this.totalWords = totalWords;
  }

  static DocLengths open(PagedFile file) throws IOException {
    PageCursor c = new PageCursor(file).seek(file.footerOffset, file.footerEnd);
    BlockIndexReader index = BlockIndexReader.read(c, file.footerOffset);
    long docs = c.readVLong();
    long words = c.readVLong();
    long at = c.position();
    int min = c.readVInt();
    if (min < 0) throw c.error("smallest document length out of range", at);
    if (c.remaining() != 0) throw c.error("bytes after the document lengths footer");
    return new DocLengths(file, index, docs, words, min);
  }

  /**
   * Looks up lengths for ascending docIds, decoding each block once: a ranked search asks for every
   * match, nearly all in the block already decoded or the next, so those are tried before the
   * block index.
   */
  final class Cursor {
    private final BlockIndexReader.Position pos = index.newPosition();
    private final PageCursor in = new PageCursor(file);
    private final long[] docIds = new long[IndexFormat.DOC_BLOCK_RECORDS];
    private final long[] lengths = new long[IndexFormat.DOC_BLOCK_RECORDS];
    private final byte[] scratch = new byte[PForCodec.SCRATCH_BYTES];
    private final byte[] key = new byte[8];
    private boolean loaded;
    private boolean dense;
    private int count;
    private long first = Long.MAX_VALUE;
    private long last = -1;
    private long min;
    private long blockStart;

    /** The word count of docId, a match of a query: an error names the file when it has none. */
    int ofMatch(long docId) throws IOException {
      int n = length(docId);
      if (n < 0) throw file.error("a posting refers to doc " + docId + ", which the document lengths lack", 0);
      return n;
    }

    /** The word count of docId, or -1 if the index has no such document. */
    int length(long docId) throws IOException {
      if (docId < first || docId > last) {
        if (!(loaded && docId > last && index.next(pos) && load() && docId >= first && docId <= last)) {
          if (docId < 0) return -1;
          DocTableWriter.key(docId, key);
          if (!index.seekFloor(key, 8, pos) || !load() || docId > last) return -1;
        }
      }
      if (dense) return at((int) (docId - first));
      int lo = 0;
      int hi = count - 1;
      while (lo <= hi) {
        int mid = (lo + hi) >>> 1;
        long d = docIds[mid];
        if (d == docId) return at(mid);
        if (d < docId) lo = mid + 1;
        else hi = mid - 1;
      }
      return -1;
    }

    /**
     * The i-th length of the block: its PFOR value plus the block's minimum, checked here, per
     * lookup, rather than for all 128 when the block is decoded (a search looks up a few of them).
     */
    private int at(int i) throws IOException {
      long v = lengths[i] + min;
      if (lengths[i] < 0 || v > Integer.MAX_VALUE) throw in.error("document length out of range", blockStart);
      return (int) v;
    }

    private boolean load() throws IOException {
      loaded = false;
      first = Long.MAX_VALUE;
      last = -1;
      long start = pos.blockOffset();
      in.seek(start, start + pos.blockLength());
      int head = in.readVInt();
      int n = head >>> 1;
      if (n < 1 || n > IndexFormat.DOC_BLOCK_RECORDS) throw in.error("document lengths block of " + n + " docs", start);
      long f = in.readVLong();
      long m = in.readVInt();
      boolean d = (head & 1) != 0;
      if (f > IndexFormat.MAX_DOC_ID - n || m < 0) throw in.error("corrupt document lengths block", start);
      docIds[0] = f;
      if (!d && n > 1) {
        PForCodec.decode(in, lengths, n - 1, scratch);
        long prev = f;
        for (int i = 1; i < n; i++) {
          long g = lengths[i - 1];
          if (g < 0 || g > IndexFormat.MAX_DOC_ID - prev - 1) throw in.error("document lengths block has docIds out of order", start);
          prev += g + 1;
          docIds[i] = prev;
        }
      }
      PForCodec.decode(in, lengths, n, scratch);
      if (in.remaining() != 0) throw in.error("bytes after a document lengths block", start);
      min = m;
      blockStart = start;
      dense = d;
      count = n;
      first = f;
      last = d ? f + n - 1 : docIds[n - 1];
      loaded = true;
      return true;
    }
  }
}
