package io.logdex.format.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Read side of {@link TermDictionaryWriter}. Holds the block-index root and the footer's counts and
 * top terms; a lookup is a binary search of the root in memory, one index-page read and one block
 * read (both through the page cache), the decoding of the block's five streams (zstd frames of a
 * few KiB at most), then a scan of at most {@link IndexFormat#DICT_BLOCK_TERMS} entries. Thread-safe: all per-lookup state lives in a {@link Cursor}.
 */
final class TermDictionaryReader {
  final PagedFile file;
  final BlockIndexReader index;
  final long terms;
  final long postings;
  final List<TermFreq> topTerms;
  /**
   * A cursor lookups reuse, so a lookup allocates nothing once its buffers grew; a lookup that
   * finds it taken (another thread) makes its own. Not a ThreadLocal: the thread's map would hold
   * the cursor, the cursor this reader, and the reader its ThreadLocal, so no reader opened on a
   * long-lived thread was ever freed (found by IndexFuzzTest, out of heap after ~4,000 opens).
   */
  private final AtomicReference<Cursor> spareCursor = new AtomicReference<>();

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
    Cursor c = spareCursor.getAndSet(null);
    if (c == null) c = new Cursor();
    try {
      return lookup(c, term);
    } finally {
      spareCursor.set(c);
    }
  }

  private TermInfo lookup(Cursor c, byte[] term) throws IOException {
    if (!c.seekFloorBlock(term)) return null;
    while (c.nextInBlock()) {
      int cmp = Arrays.compareUnsigned(c.term, 0, c.termLen, term, 0, term.length);
      if (cmp == 0) {
        // A copy: the cursor is reused by the next lookup while postings read this one.
        TermInfo found = new TermInfo();
        found.copyFrom(c.info);
        return found;
      }
      if (cmp > 0) return null;
    }
    return null;
  }

  /** Iterates entries in term order, block after block. Not thread-safe. */
  final class Cursor {
    private final BlockIndexReader.Position pos = index.newPosition();
    private final PageCursor in = new PageCursor(file);
    private final CompressedStream.Scratch stored = new CompressedStream.Scratch();
    private final CompressedStream.Scratch[] raw = new CompressedStream.Scratch[STREAMS];
    private final ByteReader lengths = new ByteReader();
    private final ByteReader kinds = new ByteReader();
    private final ByteReader singles = new ByteReader();
    private final ByteReader pointers = new ByteReader();
    private final ByteReader suffixes = new ByteReader();
    private final ByteReader[] readers = {lengths, kinds, singles, pointers, suffixes};
    byte[] term = new byte[64];
    int termLen;
    final TermInfo info = new TermInfo();
    private int left;
    private boolean first;
    private long postOff;
    private long payOff;
    private long prevSingle;
    private boolean started;

    Cursor() {
      for (int i = 0; i < STREAMS; i++) raw[i] = new CompressedStream.Scratch();
    }

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
      for (int i = 0; i < STREAMS; i++) {
        int n = CompressedStream.read(in, maxRaw(i, left), raw[i], stored, STREAM_NAMES[i]);
        readers[i].reset(raw[i].array(), 0, n, file, start, STREAM_SUBJECTS[i]);
      }
      if (in.remaining() != 0) throw in.error("bytes after the last stream of a dictionary block");
      prevSingle = 0;
      first = true;
      started = true;
    }

    /** The next entry of the current block; false at the block's end. */
    boolean nextInBlock() throws IOException {
      if (left == 0) {
        for (ByteReader r : readers) {
          if (r.remaining() != 0) throw r.error("has bytes after the block's last term");
        }
        return false;
      }
      int shared = lengths.readVInt();
      int suffix = lengths.readVInt();
      if ((first ? shared != 0 : shared > termLen) || suffix > IndexFormat.MAX_TERM_BYTES - shared || shared + suffix == 0) {
        throw lengths.error("has a corrupt term length");
      }
      int len = shared + suffix;
      if (term.length < len) term = Arrays.copyOf(term, Math.max(len, term.length * 2));
      suffixes.readBytes(term, shared, suffix);
      termLen = len;
      long code = kinds.readVLong();
      if (code < 0) throw kinds.error("has a corrupt term kind " + code);
      info.hasFreqs = (code & 4) != 0;
      if (code < 8) {
        int n = (int) (code & 3);
        long d = prevSingle + singles.readZLong();
        if (d < 0 || d > IndexFormat.MAX_DOC_ID) throw singles.error("has a corrupt inline posting");
        int freq = 1;
        if (info.hasFreqs) {
          long f = singles.readVLong();
          if (f < 0 || f > Integer.MAX_VALUE - 2) throw singles.error("has a corrupt term frequency");
          freq = (int) f + 2;
        }
        prevSingle = d;
        info.df = 1;
        info.singleDoc = d;
        info.singleFreq = freq;
        info.singlePayloadLen = n;
        for (int i = 0; i < n; i++) info.singlePayload[i] = singles.readZLong();
        info.postOffset = postOff;
        info.postLength = 0;
        info.payOffset = payOff;
        info.payLength = 0;
      } else {
        if ((code & 3) != 0) throw kinds.error("has a corrupt term kind " + code);
        info.singleFreq = 1;
        long pl = pointers.readVLong();
        long yl = pointers.readVLong();
        if (pl < 0 || yl < 0 || pl > Long.MAX_VALUE - postOff || yl > Long.MAX_VALUE - payOff) {
          throw pointers.error("has a corrupt postings pointer");
        }
        info.df = (code >>> 3) + 1;
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

  private static final int STREAMS = 5;
  private static final String[] STREAM_NAMES = {"lengths", "kinds", "singles", "pointers", "suffixes"};
  /** Each stream as its errors name it. */
  private static final String[] STREAM_SUBJECTS = new String[STREAM_NAMES.length];

  static {
    for (int i = 0; i < STREAM_NAMES.length; i++) STREAM_SUBJECTS[i] = "dictionary block " + STREAM_NAMES[i] + " stream";
  }

  /** The most raw bytes stream i of a block of count terms can hold (varints take ≤ 10 bytes). */
  private static int maxRaw(int stream, int count) {
    switch (stream) {
      case 0: return count * 20;
      case 1: return count * 10;
      case 2: return count * 10 * (2 + IndexFormat.MAX_PAYLOAD_LONGS); // docId, freq, payload
      case 3: return count * 20;
      default: return IndexFormat.DICT_BLOCK_SUFFIX_BYTES + IndexFormat.MAX_TERM_BYTES;
    }
  }
}
