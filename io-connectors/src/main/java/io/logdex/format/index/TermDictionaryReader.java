package io.logdex.format.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Read side of {@link TermDictionaryWriter}. Holds the block-index root and the footer's counts and
 * top terms; a lookup is a binary search of the root in memory, one index-page read and one block
 * read (both through the page cache), then a scan of at most {@link IndexFormat#DICT_BLOCK_TERMS}
 * prefix-compressed entries. Thread-safe: all per-lookup state lives in a {@link Cursor}.
 */
final class TermDictionaryReader {
  final PagedFile file;
  final BlockIndexReader index;
  final long terms;
  final long postings;
  final List<TermFreq> topTerms;

  private TermDictionaryReader(PagedFile file, BlockIndexReader index, long terms, long postings, List<TermFreq> top) {
    this.file = file;
    this.index = index;
    this.terms = terms;
    this.postings = postings;
    this.topTerms = top;
  }

  static TermDictionaryReader open(PagedFile file) throws IOException {
    PageCursor c = new PageCursor(file).seek(file.footerOffset, file.footerEnd);
    BlockIndexReader index = BlockIndexReader.read(c, file.footerOffset);
    long terms = c.readVLong();
    long postings = c.readVLong();
    long at = c.position();
    int n = c.readVInt();
    if (n > c.remaining() / 2) throw c.error("top-terms count " + n + " exceeds the footer", at);
    List<TermFreq> top = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long entryAt = c.position();
      int len = c.readVInt();
      if (len > IndexFormat.MAX_TERM_BYTES || len > c.remaining()) throw c.error("top term length " + len + " out of range", entryAt);
      byte[] t = new byte[len];
      c.readBytes(t, 0, len);
      top.add(new TermFreq(t, c.readVLong()));
    }
    if (c.remaining() != 0) throw c.error("bytes after the dictionary footer");
    return new TermDictionaryReader(file, index, terms, postings, Collections.unmodifiableList(top));
  }

  /** The entry for term, or null. */
  TermInfo lookup(byte[] term) throws IOException {
    Cursor c = new Cursor();
    if (!c.seekFloorBlock(term)) return null;
    while (c.nextInBlock()) {
      int cmp = Arrays.compareUnsigned(c.term, 0, c.termLen, term, 0, term.length);
      if (cmp == 0) return c.info;
      if (cmp > 0) return null;
    }
    return null;
  }

  /** Iterates entries in term order, block after block. Not thread-safe. */
  final class Cursor {
    private final BlockIndexReader.Position pos = index.newPosition();
    private final PageCursor in = new PageCursor(file);
    byte[] term = new byte[64];
    int termLen;
    final TermInfo info = new TermInfo();
    private int left;
    private boolean first;
    private long postOff;
    private long payOff;
    private boolean started;

    /** Positions before the first entry of the block that would hold key (or the first block). */
    boolean seekFloorBlock(byte[] key) throws IOException {
      boolean found = index.seekFloor(key, key.length, pos);
      if (!found) return seekFirst();
      loadBlock();
      return true;
    }

    boolean seekFirst() throws IOException {
      if (!index.seekFirst(pos)) return false;
      loadBlock();
      return true;
    }

    private void loadBlock() throws IOException {
      long start = pos.blockOffset();
      in.seek(start, start + pos.blockLength());
      postOff = in.readVLong();
      payOff = in.readVLong();
      left = in.readVInt();
      if (left < 1 || left > IndexFormat.DICT_BLOCK_TERMS || postOff < 0 || payOff < 0) {
        throw in.error("corrupt dictionary block header", start);
      }
      first = true;
      started = true;
    }

    /** The next entry of the current block; false at the block's end. */
    boolean nextInBlock() throws IOException {
      if (left == 0) {
        if (in.remaining() != 0) throw in.error("bytes after the last entry of a dictionary block");
        return false;
      }
      long at = in.position();
      int shared = in.readVInt();
      int suffix = in.readVInt();
      if ((first ? shared != 0 : shared > termLen) || suffix > IndexFormat.MAX_TERM_BYTES - shared || shared + suffix == 0) {
        throw in.error("corrupt dictionary entry", at);
      }
      int len = shared + suffix;
      if (term.length < len) term = Arrays.copyOf(term, Math.max(len, term.length * 2));
      in.readBytes(term, shared, suffix);
      termLen = len;
      long df = in.readVLong();
      if (df < 1) throw in.error("dictionary entry with document frequency " + df, at);
      info.df = df;
      if (df == 1) {
        long d = in.readVLong();
        int n = in.readUnsignedByte();
        if (d < 0 || d > IndexFormat.MAX_DOC_ID || n > IndexFormat.MAX_PAYLOAD_LONGS) throw in.error("corrupt inline posting", at);
        info.singleDoc = d;
        info.singlePayloadLen = n;
        for (int i = 0; i < n; i++) info.singlePayload[i] = in.readZLong();
        info.postOffset = postOff;
        info.postLength = 0;
        info.payOffset = payOff;
        info.payLength = 0;
      } else {
        long pl = in.readVLong();
        long yl = in.readVLong();
        if (pl < 0 || yl < 0 || pl > Long.MAX_VALUE - postOff || yl > Long.MAX_VALUE - payOff) throw in.error("corrupt postings pointer", at);
        info.postOffset = postOff;
        info.postLength = pl;
        info.payOffset = payOff;
        info.payLength = yl;
        postOff += pl;
        payOff += yl;
      }
      first = false;
      left--;
      return true;
    }

    /** The next entry in term order, crossing blocks; false after the dictionary's last term. */
    boolean next() throws IOException {
      if (!started) return false;
      while (!nextInBlock()) {
        if (!index.next(pos)) {
          started = false;
          return false;
        }
        loadBlock();
      }
      return true;
    }
  }
}
