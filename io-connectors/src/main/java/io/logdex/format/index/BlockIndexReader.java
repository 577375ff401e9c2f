package io.logdex.format.index;

import java.io.IOException;
import java.util.Arrays;

/**
 * Read side of {@link BlockIndexWriter}. The root lives in memory; index pages are read through
 * the page cache. Immutable after {@link #read} and safe to share; per-lookup state lives in a
 * {@link Position}.
 */
final class BlockIndexReader {
  private final PagedFile file;
  private final byte[][] keys;
  private final long[] pageOffsets;
  private final int[] pageLengths;
  private final int[] pageCounts;
  private final long bodyEnd;

  private BlockIndexReader(
      PagedFile file, byte[][] keys, long[] offsets, int[] lengths, int[] counts, long bodyEnd) {
    this.file = file;
    this.keys = keys;
    this.pageOffsets = offsets;
    this.pageLengths = lengths;
    this.pageCounts = counts;
    this.bodyEnd = bodyEnd;
  }

  /** Reads the root from the footer cursor; blocks and pages must lie before {@code bodyEnd}. */
  static BlockIndexReader read(PageCursor footer, long bodyEnd) throws IOException {
    PagedFile file = footer.file();
    long at = footer.position();
    int n = footer.readVInt();
    // Each root entry takes at least 4 bytes; a hostile count must not size an array.
    if (n > footer.remaining() / 4) throw footer.error("block index root count " + n + " exceeds the footer", at);
    byte[][] keys = new byte[n][];
    long[] offsets = new long[n];
    int[] lengths = new int[n];
    int[] counts = new int[n];
    for (int i = 0; i < n; i++) {
      long entryAt = footer.position();
      int keyLen = footer.readVInt();
      if (keyLen > IndexFormat.MAX_TERM_BYTES || keyLen > footer.remaining()) {
        throw footer.error("block index key length " + keyLen + " out of range", entryAt);
      }
      keys[i] = new byte[keyLen];
      footer.readBytes(keys[i], 0, keyLen);
      offsets[i] = footer.readVLong();
      lengths[i] = footer.readVInt();
      counts[i] = footer.readVInt();
      if (offsets[i] < IndexFormat.HEADER_BYTES
          || offsets[i] + lengths[i] > bodyEnd
          || counts[i] < 1
          || counts[i] > IndexFormat.INDEX_PAGE_ENTRIES
          || (i > 0 && Arrays.compareUnsigned(keys[i - 1], keys[i]) >= 0)) {
        throw footer.error("corrupt block index root entry " + i, entryAt);
      }
    }
    return new BlockIndexReader(file, keys, offsets, lengths, counts, bodyEnd);
  }

  int pageCount() {
    return keys.length;
  }

  long memoryBytes() {
    long b = 0;
    for (byte[] k : keys) b += k.length + 16;
    return b + keys.length * 24L;
  }

  /** Per-lookup state: the decoded index page and the current block within it. */
  static final class Position {
    final PageCursor cursor;
    int page = -1;
    int count;
    int entry;
    final long[] offsets = new long[IndexFormat.INDEX_PAGE_ENTRIES];
    final int[] lengths = new int[IndexFormat.INDEX_PAGE_ENTRIES];
    byte[] key = new byte[64];

    Position(PagedFile file) {
      this.cursor = new PageCursor(file);
    }

    long blockOffset() {
      return offsets[entry];
    }

    int blockLength() {
      return lengths[entry];
    }
  }

  Position newPosition() {
    return new Position(file);
  }

  /** Positions p on the last block whose first key is ≤ key; false if key precedes every block. */
  boolean seekFloor(byte[] key, int keyLen, Position p) throws IOException {
    int lo = 0;
    int hi = keys.length - 1;
    int found = -1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (Arrays.compareUnsigned(keys[mid], 0, keys[mid].length, key, 0, keyLen) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    if (found < 0) return false;
    loadPage(found, p, key, keyLen);
    return true;
  }

  boolean seekFirst(Position p) throws IOException {
    if (keys.length == 0) return false;
    loadPage(0, p, null, 0);
    p.entry = 0;
    return true;
  }

  boolean next(Position p) throws IOException {
    if (p.entry + 1 < p.count) {
      p.entry++;
      return true;
    }
    if (p.page + 1 >= keys.length) return false;
    loadPage(p.page + 1, p, null, 0);
    p.entry = 0;
    return true;
  }

  private void loadPage(int page, Position p, byte[] search, int searchLen) throws IOException {
    PageCursor c = p.cursor;
    long start = pageOffsets[page];
    c.seek(start, start + pageLengths[page]);
    int count = c.readVInt();
    if (count != pageCounts[page]) throw c.error("index page entry count " + count + " disagrees with its root", start);
    long prevOffset = 0;
    int prevLen = 0;
    int floor = 0;
    for (int i = 0; i < count; i++) {
      long entryAt = c.position();
      int shared = c.readVInt();
      int suffix = c.readVInt();
      if (shared > prevLen || suffix > IndexFormat.MAX_TERM_BYTES - shared) {
        throw c.error("corrupt index page key", entryAt);
      }
      int len = shared + suffix;
      if (p.key.length < len) p.key = Arrays.copyOf(p.key, Math.max(len, p.key.length * 2));
      c.readBytes(p.key, shared, suffix);
      long offset = prevOffset + c.readVLong();
      int length = c.readVInt();
      if (offset < IndexFormat.HEADER_BYTES || offset > bodyEnd - length || offset < prevOffset) {
        throw c.error("index page points outside the file body", entryAt);
      }
      p.offsets[i] = offset;
      p.lengths[i] = length;
      if (search != null && Arrays.compareUnsigned(p.key, 0, len, search, 0, searchLen) <= 0) {
        floor = i;
      }
      prevOffset = offset;
      prevLen = len;
    }
    p.page = page;
    p.count = count;
    p.entry = floor;
  }
}
