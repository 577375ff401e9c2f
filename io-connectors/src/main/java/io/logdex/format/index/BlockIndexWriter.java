package io.logdex.format.index;

import java.io.IOException;
import java.util.Arrays;

/**
 * Appends sorted, keyed blocks (dictionary blocks, doc-table blocks) to a paged file and indexes
 * them in two levels: an index page of up to {@link IndexFormat#INDEX_PAGE_ENTRIES} block entries
 * is written inline right after the blocks it covers, and a root entry per index page goes to the
 * footer. A reader keeps only the root in memory (one entry per 64 blocks) and reaches any block
 * with one index-page read.
 *
 * <p>Index page: {@code [vint count]} then per block {@code [vint shared][vint suffixLen][suffix]
 * [vlong offsetDelta][vint length]}, keys prefix-compressed against the previous entry, offsets as
 * deltas from the previous block's offset (the first from 0). Root (in the footer): {@code [vint
 * pages]} then per page {@code [vint keyLen][key][vlong offset][vint length][vint blockCount]}.
 */
final class BlockIndexWriter {
  private final PagedFileWriter out;
  private final GrowableBytes page = new GrowableBytes(1024);
  private final GrowableBytes pageHeader = new GrowableBytes(8);
  private final GrowableBytes root = new GrowableBytes(256);
  private int pageEntries;
  private int rootEntries;
  private byte[] prevKey = new byte[64];
  private int prevKeyLen = -1;
  private byte[] pageFirstKey;
  private long prevBlockOffset;

  BlockIndexWriter(PagedFileWriter out) {
    this.out = out;
  }

  void addBlock(byte[] key, int keyLen, GrowableBytes body) throws IOException {
    if (prevKeyLen >= 0
        && Arrays.compareUnsigned(prevKey, 0, prevKeyLen, key, 0, keyLen) >= 0) {
      throw new IllegalStateException("block keys must increase");
    }
    long offset = out.position();
    out.write(body);
    int shared = 0;
    if (pageEntries == 0) {
      pageFirstKey = Arrays.copyOf(key, keyLen);
      prevBlockOffset = 0;
    } else {
      shared = Arrays.mismatch(prevKey, 0, prevKeyLen, key, 0, keyLen);
      if (shared < 0) shared = keyLen;
    }
    page.writeVInt(shared);
    page.writeVInt(keyLen - shared);
    page.writeBytes(key, shared, keyLen - shared);
    page.writeVLong(offset - prevBlockOffset);
    page.writeVInt(body.length());
    prevBlockOffset = offset;
    if (prevKey.length < keyLen) prevKey = new byte[Math.max(keyLen, prevKey.length * 2)];
    System.arraycopy(key, 0, prevKey, 0, keyLen);
    prevKeyLen = keyLen;
    if (++pageEntries == IndexFormat.INDEX_PAGE_ENTRIES) flushPage();
  }

  private void flushPage() throws IOException {
    long pageOffset = out.position();
    pageHeader.reset();
    pageHeader.writeVInt(pageEntries);
    out.write(pageHeader);
    out.write(page);
    root.writeVInt(pageFirstKey.length);
    root.writeBytes(pageFirstKey, 0, pageFirstKey.length);
    root.writeVLong(pageOffset);
    root.writeVInt(pageHeader.length() + page.length());
    root.writeVInt(pageEntries);
    rootEntries++;
    page.reset();
    pageEntries = 0;
  }

  /** Writes the last index page and appends the root to the footer being built. */
  void finish(GrowableBytes footer) throws IOException {
    if (pageEntries > 0) flushPage();
    footer.writeVInt(rootEntries);
    footer.append(root);
  }
}
