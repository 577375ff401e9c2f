package io.logdex.format.index;

import static io.logdex.format.index.IndexFormat.BLOCK_DOCS;
import static io.logdex.format.index.IndexFormat.GROUP_BLOCKS;
import static io.logdex.format.index.IndexFormat.MAX_DOC_ID;
import static io.logdex.format.index.IndexFormat.MAX_PAYLOAD_LONGS;

import java.io.IOException;
import java.util.Arrays;

/**
 * Reads the postings layout of {@link PostingsWriter}. {@link #advance} first skips whole groups
 * on their L1 headers, then whole blocks on their L0 headers, and decodes only the block that can
 * hold the target; payloads are decoded per block and only when asked for. Every length is checked
 * against the term's recorded region before it is used, and the memory held is fixed (one block).
 */
final class BlockPostingsIterator implements PostingsIterator {
  private final PageCursor in;
  private final PagedFile payFile;
  private PageCursor payIn;
  private final long df;
  private final long numBlocks;
  private final boolean l0;
  private final boolean l1;
  private final long payStart;
  private final long payEnd;
  /** The decoded block, read in place by {@link TermConjunction}. */
  final long[] docs = new long[BLOCK_DOCS];
  private final byte[] scratch = new byte[PForCodec.SCRATCH_BYTES];
  private final boolean termHasFreqs;
  /** The decoded block's frequencies minus 1, when it has them (blockFreqs). */
  private final long[] freqs = new long[BLOCK_DOCS];
  private boolean blockFreqs;
  int blockLen;
  private int idx = -1;
  private long doc = -1;
  private long blocksDone;
  private long prevLast = -1;
  private int groupLeft;
  private long nextPayOffset;
  private long curPayOffset;
  private int curPayLen;
  private boolean payDecoded;
  private byte[] payCount;
  private long[] payVals;
  /** A block's L0 header read ahead of its body by {@link #shallowAdvance}, or by a skip. */
  private boolean pending;
  private long pendLast;
  private int pendBodyLen;
  private int pendPayLen;
  private boolean pendFreqs;
  private int pendMaxFreq = 1;
  /** The decoded block's largest frequency. */
  private int curMaxFreq = 1;
  /** The largest frequency of the block {@link #shallowAdvance} found. */
  int impactMaxFreq = 1;

  BlockPostingsIterator(PagedFile post, PagedFile pay, TermInfo t) throws IOException {
    if (t.postOffset < IndexFormat.HEADER_BYTES || t.postLength < 0 || t.postOffset > post.footerOffset - t.postLength) {
      throw post.error("dictionary points outside the postings file", Math.max(0, Math.min(t.postOffset, post.logicalLength)));
    }
    if (t.payOffset < IndexFormat.HEADER_BYTES || t.payLength < 0 || t.payOffset > pay.footerOffset - t.payLength) {
      throw pay.error("dictionary points outside the payloads file", Math.max(0, Math.min(t.payOffset, pay.logicalLength)));
    }
    this.in = new PageCursor(post).seek(t.postOffset, t.postOffset + t.postLength);
    this.payFile = pay;
    this.df = t.df;
    this.termHasFreqs = t.hasFreqs;
    this.numBlocks = (df + BLOCK_DOCS - 1) / BLOCK_DOCS;
    this.l0 = numBlocks > 1;
    this.l1 = numBlocks > GROUP_BLOCKS;
    this.payStart = t.payOffset;
    this.payEnd = t.payOffset + t.payLength;
    this.nextPayOffset = payStart;
  }

  @Override
  public long docId() {
    return doc;
  }

  @Override
  public long cost() {
    return df;
  }

  @Override
  public long docFreq() {
    return df;
  }

  @Override
  public long nextDoc() throws IOException {
    if (++idx < blockLen) return doc = docs[idx];
    if (!nextBlock(Long.MIN_VALUE)) return exhaust();
    idx = 0;
    return doc = docs[0];
  }

  @Override
  public long advance(long target) throws IOException {
    if (doc >= target) return doc;
    if (blockLen > 0 && idx < blockLen && docs[blockLen - 1] >= target) return doc = docs[idx = search(idx + 1, target)];
    while (nextBlock(target)) {
      if (docs[blockLen - 1] >= target) return doc = docs[idx = search(0, target)];
    }
    return exhaust();
  }

  /**
   * Decodes the next block (after the current one) whose last doc is ≥ target, skipping the others
   * on their headers, and leaves the iterator on its first doc; false once none is left.
   */
  boolean fetchBlock(long target) throws IOException {
    while (nextBlock(target)) {
      if (docs[blockLen - 1] >= target) {
        idx = 0;
        doc = docs[0];
        return true;
      }
    }
    exhaust();
    return false;
  }

  private long exhaust() {
    blockLen = 0;
    idx = 0;
    return doc = NO_MORE_DOCS;
  }

  /**
   * First index ≥ from whose doc is ≥ target; the block's last doc is known to be ≥ target. An AND
   * of common terms advances by a few docs at a time, so the search gallops from {@code from}
   * (1, 2, 4, ... ahead) before it bisects, rather than bisecting the rest of the block each time.
   */
  private int search(int from, long target) {
    if (docs[from] >= target) return from;
    int lo = from;
    int step = 1;
    while (lo + step < blockLen - 1 && docs[lo + step] < target) {
      lo += step;
      step <<= 1;
    }
    // docs[lo] < target; the answer is in (lo, min(lo + step, blockLen - 1)].
    lo++;
    int hi = Math.min(lo - 1 + step, blockLen - 1);
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (docs[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Skips groups and blocks that end before target, then decodes the next block. */
  private boolean nextBlock(long target) throws IOException {
    while (blocksDone < numBlocks) {
      int payLen;
      boolean hasFreqs = termHasFreqs;
      if (l0) {
        if (!pending && !readHeader(target)) continue;
        if (pendLast < target) {
          skipPending();
          continue;
        }
        pending = false;
        payLen = pendPayLen;
        hasFreqs = pendFreqs;
      } else {
        payLen = (int) Math.min(Integer.MAX_VALUE, payEnd - payStart);
      }
      int n = (int) Math.min(BLOCK_DOCS, df - blocksDone * BLOCK_DOCS);
      long bodyStart = in.position();
      PForCodec.decode(in, docs, n, scratch);
      long prev = prefixSum(n, bodyStart);
      int maxFreq = hasFreqs ? decodeFreqs(n) : 1;
      if (l0 && maxFreq != pendMaxFreq) throw in.error("postings block disagrees with its skip header's largest frequency", bodyStart);
      curMaxFreq = maxFreq;
      blockFreqs = hasFreqs;
      if (l0 && in.position() - bodyStart != pendBodyLen) throw in.error("postings block length disagrees with its skip header", bodyStart);
      if (l0 && prev != pendLast) throw in.error("postings block disagrees with its skip header", bodyStart);
      blockLen = n;
      curPayOffset = nextPayOffset;
      curPayLen = payLen;
      nextPayOffset += payLen;
      payDecoded = false;
      prevLast = prev;
      blocksDone++;
      groupLeft--;
      if (blocksDone == numBlocks && in.remaining() != 0) throw in.error("bytes after the term's last postings block");
      return true;
    }
    return false;
  }

  /**
   * Reads the next block's L0 header into the pending fields, first reading (and, when the whole
   * group ends before target, skipping) an L1 group header where one starts; false when it skipped
   * a group instead (the caller loops).
   */
  private boolean readHeader(long target) throws IOException {
    if (l1 && groupLeft == 0) {
      long at = in.position();
      long delta = in.readVLong();
      long groupBytes = in.readVLong();
      long groupPay = in.readVLong();
      if (delta < 1 || delta > MAX_DOC_ID - prevLast || groupBytes < 0 || groupBytes > in.remaining()
          || groupPay < 0 || groupPay > payEnd - nextPayOffset) {
        throw in.error("corrupt skip group header", at);
      }
      int blocks = (int) Math.min(GROUP_BLOCKS, numBlocks - blocksDone);
      long groupLast = prevLast + delta;
      if (groupLast < target) {
        in.skip(groupBytes);
        nextPayOffset += groupPay;
        prevLast = groupLast;
        blocksDone += blocks;
        return false;
      }
      groupLeft = blocks;
    }
    long at = in.position();
    long delta = in.readVLong();
    int lenAndFlag = in.readVInt();
    pendBodyLen = lenAndFlag >>> 1;
    pendFreqs = (lenAndFlag & 1) != 0;
    pendPayLen = in.readVInt();
    if (delta < 1 || delta > MAX_DOC_ID - prevLast || pendBodyLen > in.remaining() || pendPayLen > payEnd - nextPayOffset
        || (pendFreqs && !termHasFreqs)) {
      throw in.error("corrupt skip block header", at);
    }
    pendMaxFreq = 1;
    if (pendFreqs) {
      long at2 = in.position();
      int f = in.readVInt();
      if (f < 0 || f > Integer.MAX_VALUE - 3) throw in.error("corrupt skip block header", at2);
      pendMaxFreq = f + 2;
    }
    pendLast = prevLast + delta;
    pending = true;
    return true;
  }

  /** Passes the pending header's block without decoding it. */
  private void skipPending() throws IOException {
    in.skip(pendBodyLen);
    nextPayOffset += pendPayLen;
    prevLast = pendLast;
    blocksDone++;
    groupLeft--;
    pending = false;
  }

  /**
   * Moves to the block that holds the first posting ≥ target, reading skip headers only (a term of
   * one block is decoded), and returns that block's last docId, or {@link #NO_MORE_DOCS} when no
   * posting ≥ target is left; {@link #impactMaxFreq} is then the block's largest frequency. Between the current doc and
   * target postings may be passed, so afterwards only {@link #advance} to target or beyond may
   * follow, as in Lucene's {@code advanceShallow}.
   */
  long shallowAdvance(long target) throws IOException {
    if (blockLen > 0 && docs[blockLen - 1] >= target) {
      impactMaxFreq = curMaxFreq;
      return docs[blockLen - 1];
    }
    if (!l0) {
      if (blocksDone == 0 && nextBlock(Long.MIN_VALUE) && docs[blockLen - 1] >= target) {
        impactMaxFreq = curMaxFreq;
        return docs[blockLen - 1];
      }
      return NO_MORE_DOCS;
    }
    while (true) {
      if (pending) {
        if (pendLast >= target) {
          impactMaxFreq = pendMaxFreq;
          return pendLast;
        }
        skipPending();
      }
      if (blocksDone >= numBlocks) return NO_MORE_DOCS;
      readHeader(target);
    }
  }

  /**
   * Turns the decoded gaps into docIds. With every gap below 2^56, 128 of them cannot wrap past
   * 2^63, so checking the last docId once proves the whole block increasing; larger gaps take the
   * per-doc checked loop.
   */
  private long prefixSum(int n, long bodyStart) throws IOException {
    long prev = prevLast;
    long bits = 0;
    for (int i = 0; i < n; i++) bits |= docs[i];
    if ((bits >>> 56) == 0) {
      for (int i = 0; i < n; i++) {
        prev += docs[i] + 1;
        docs[i] = prev;
      }
      if (prev <= prevLast || prev > MAX_DOC_ID) throw in.error("postings block decodes to docIds out of range", bodyStart);
      return prev;
    }
    for (int i = 0; i < n; i++) {
      long d = prev + docs[i] + 1;
      if (docs[i] < 0 || d <= prev || d > MAX_DOC_ID) throw in.error("postings block decodes to non-increasing docIds", bodyStart);
      docs[i] = d;
      prev = d;
    }
    return prev;
  }

  /**
   * Decodes the block's frequency body (each freq - 1), which a hostile block cannot make overflow
   * an int; returns the largest frequency.
   */
  private int decodeFreqs(int n) throws IOException {
    long at = in.position();
    PForCodec.decode(in, freqs, n, scratch);
    long max = 0;
    for (int i = 0; i < n; i++) {
      if (freqs[i] < 0 || freqs[i] >= Integer.MAX_VALUE) throw in.error("postings block has a term frequency out of range", at);
      max = Math.max(max, freqs[i]);
    }
    return (int) max + 1;
  }

  /** The frequency of the i-th posting of the decoded block. */
  int freqAt(int i) {
    return blockFreqs ? (int) freqs[i] + 1 : 1;
  }

  @Override
  public int freq() {
    if (doc < 0 || doc == NO_MORE_DOCS) throw new IllegalStateException("no current posting");
    return blockFreqs ? (int) freqs[idx] + 1 : 1;
  }

  @Override
  public int payload(long[] dst) throws IOException {
    if (doc < 0 || doc == NO_MORE_DOCS) throw new IllegalStateException("no current posting");
    if (curPayLen == 0) return 0;
    if (!payDecoded) decodePayloads();
    int n = payCount[idx];
    System.arraycopy(payVals, idx * MAX_PAYLOAD_LONGS, dst, 0, n);
    return n;
  }

  private void decodePayloads() throws IOException {
    if (payIn == null) {
      payIn = new PageCursor(payFile);
      payCount = new byte[BLOCK_DOCS];
      payVals = new long[BLOCK_DOCS * MAX_PAYLOAD_LONGS];
    }
    payIn.seek(curPayOffset, curPayOffset + curPayLen);
    Arrays.fill(payCount, (byte) 0);
    for (int i = 0; i < blockLen; i++) {
      long at = payIn.position();
      int n = payIn.readUnsignedByte();
      if (n > MAX_PAYLOAD_LONGS) throw payIn.error("payload of " + n + " longs", at);
      payCount[i] = (byte) n;
      for (int k = 0; k < n; k++) payVals[i * MAX_PAYLOAD_LONGS + k] = payIn.readZLong();
    }
    if (payIn.remaining() != 0) throw payIn.error("payload block longer than its postings block");
    payDecoded = true;
  }
}
