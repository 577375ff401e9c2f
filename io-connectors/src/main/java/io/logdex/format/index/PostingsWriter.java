package io.logdex.format.index;

import static io.logdex.format.index.IndexFormat.BLOCK_DOCS;
import static io.logdex.format.index.IndexFormat.GROUP_BLOCKS;

import java.io.IOException;

/**
 * Streams one term's postings at a time into the postings and payloads files.
 *
 * <p>Layout of a term with df docs in {@code n = ceil(df / 128)} blocks (docs file):
 *
 * <ul>
 *   <li>n == 1: the block body alone;
 *   <li>1 &lt; n ≤ 32: per block an L0 skip header {@code [vlong lastDoc-prevLast][vint bodyLen]
 *       [vint payloadLen]} (then {@code [vint maxFreq - 2]} when the block has frequencies) then the body;
 *   <li>n &gt; 32: blocks in groups of 32, each group preceded by an L1 header {@code [vlong
 *       groupLastDoc-prevGroupLast][vlong groupBytes][vlong groupPayloadBytes]}.
 * </ul>
 *
 * A body is {@link PForCodec} of {@code doc - previousDoc - 1} (previous of the first doc: -1),
 * followed, when a posting of the block has a term frequency above 1, by {@link PForCodec} of
 * {@code freq - 1} for each posting (Lucene 9 writes a freq block per doc block too; here a block
 * whose frequencies are all 1, nearly every block, writes none). Which blocks have one: for n == 1
 * the dictionary's freq flag, for n &gt; 1 the low bit of the L0 header's bodyLen
 * ({@code bodyLen << 1 | hasFreqs}; bodyLen counts both bodies). The
 * reader derives which headers exist from df, so small terms pay for none. A block with frequencies
 * also gives its largest in the L0 header, from which a ranked search bounds the block's BM25
 * scores without decoding it ({@link BlockMaxSearch}); a block without has 1. A payload block holds
 * {@code [u8 n][zlong]*n} per posting, and is empty (length 0) when no posting in the block has one.
 * A term with df == 1 writes nothing here: the dictionary holds its docId and payload inline.
 * Memory: one group of encoded blocks (≤ 32 blocks), bounded however many postings a term has.
 */
final class PostingsWriter {
  private final PagedFileWriter post;
  private final PagedFileWriter pay;
  private final int[] hist = new int[65];
  private final long[] docs = new long[BLOCK_DOCS];
  private final long[] deltas = new long[BLOCK_DOCS];
  private final int[] freqs = new int[BLOCK_DOCS];
  private boolean fillHasFreq;
  private int fillMaxFreq = 1;
  private final int[] blockMaxFreq = new int[GROUP_BLOCKS];
  private boolean termHasFreq;
  private final boolean[] blockFreq = new boolean[GROUP_BLOCKS];
  private final byte[] payN = new byte[BLOCK_DOCS];
  private final long[] payVals = new long[BLOCK_DOCS * IndexFormat.MAX_PAYLOAD_LONGS];
  private final GrowableBytes bodies = new GrowableBytes(16 * 1024);
  private final GrowableBytes payBodies = new GrowableBytes(1024);
  private final GrowableBytes header = new GrowableBytes(32);
  private final GrowableBytes group = new GrowableBytes(16 * 1024);
  private final long[] blockLast = new long[GROUP_BLOCKS];
  private final int[] bodyLen = new int[GROUP_BLOCKS];
  private final int[] payLen = new int[GROUP_BLOCKS];
  private int fill;
  private boolean fillHasPayload;
  private int groupBlocks;
  private long groupPrevLast;
  private long prevBlockLast;
  private long df;
  private long termPostStart;
  private long termPayStart;

  /** What the dictionary records for the term just finished. */
  final TermMeta meta = new TermMeta();

  PostingsWriter(PagedFileWriter post, PagedFileWriter pay) {
    this.post = post;
    this.pay = pay;
  }

  void startTerm() {
    fillMaxFreq = 1;
    fill = 0;
    fillHasPayload = false;
    fillHasFreq = false;
    termHasFreq = false;
    groupBlocks = 0;
    groupPrevLast = -1;
    prevBlockLast = -1;
    df = 0;
    bodies.reset();
    payBodies.reset();
    termPostStart = post.position();
    termPayStart = pay.position();
  }

  void add(long docId, long[] payload, int n, int freq) throws IOException {
    if (fill == BLOCK_DOCS) {
      if (groupBlocks == GROUP_BLOCKS) flushGroup(true);
      encodeBlock();
    }
    docs[fill] = docId;
    payN[fill] = (byte) n;
    for (int i = 0; i < n; i++) payVals[fill * IndexFormat.MAX_PAYLOAD_LONGS + i] = payload[i];
    if (n > 0) fillHasPayload = true;
    freqs[fill] = freq;
    if (freq > 1) fillHasFreq = true;
    if (freq > fillMaxFreq) fillMaxFreq = freq;
    fill++;
    df++;
  }

  /** Finishes the term and fills {@link #meta}. */
  void finishTerm() throws IOException {
    meta.df = df;
    if (df == 1) {
      meta.singleFreq = freqs[0];
      meta.hasFreqs = freqs[0] > 1;
      meta.singleDoc = docs[0];
      meta.singlePayloadLen = payN[0];
      System.arraycopy(payVals, 0, meta.singlePayload, 0, payN[0]);
      meta.postLength = 0;
      meta.payLength = 0;
      return;
    }
    if (groupBlocks == GROUP_BLOCKS) flushGroup(true);
    encodeBlock();
    long blocks = (df + BLOCK_DOCS - 1) / BLOCK_DOCS;
    if (blocks > GROUP_BLOCKS) flushGroup(true);
    else flushGroup(blocks > 1 ? false : null);
    meta.hasFreqs = termHasFreq;
    meta.postLength = post.position() - termPostStart;
    meta.payLength = pay.position() - termPayStart;
  }

  private void encodeBlock() {
    long prev = prevBlockLast;
    for (int i = 0; i < fill; i++) {
      deltas[i] = docs[i] - prev - 1;
      prev = docs[i];
    }
    int before = bodies.length();
    PForCodec.encode(deltas, fill, bodies, hist);
    if (fillHasFreq) {
      for (int i = 0; i < fill; i++) deltas[i] = freqs[i] - 1L;
      PForCodec.encode(deltas, fill, bodies, hist);
      termHasFreq = true;
    }
    blockFreq[groupBlocks] = fillHasFreq;
    blockMaxFreq[groupBlocks] = fillMaxFreq;
    fillMaxFreq = 1;
    int payBefore = payBodies.length();
    if (fillHasPayload) {
      for (int i = 0; i < fill; i++) {
        int n = payN[i];
        payBodies.writeByte(n);
        for (int k = 0; k < n; k++) payBodies.writeZLong(payVals[i * IndexFormat.MAX_PAYLOAD_LONGS + k]);
      }
    }
    blockLast[groupBlocks] = prev;
    bodyLen[groupBlocks] = bodies.length() - before;
    payLen[groupBlocks] = payBodies.length() - payBefore;
    groupBlocks++;
    prevBlockLast = prev;
    fill = 0;
    fillHasPayload = false;
    fillHasFreq = false;
  }

  /**
   * Writes the buffered group: with an L1 header and L0 headers (withL1 true), with L0 headers only
   * (false), or as a single bare block (null).
   */
  private void flushGroup(Boolean withL1) throws IOException {
    if (withL1 == null) {
      post.write(bodies);
    } else {
      group.reset();
      long prev = groupPrevLast;
      int bodyOff = 0;
      for (int b = 0; b < groupBlocks; b++) {
        group.writeVLong(blockLast[b] - prev);
        group.writeVInt(bodyLen[b] << 1 | (blockFreq[b] ? 1 : 0));
        group.writeVInt(payLen[b]);
        if (blockFreq[b]) group.writeVInt(blockMaxFreq[b] - 2);
        group.writeBytes(bodies.array(), bodyOff, bodyLen[b]);
        bodyOff += bodyLen[b];
        prev = blockLast[b];
      }
      if (withL1) {
        header.reset();
        header.writeVLong(blockLast[groupBlocks - 1] - groupPrevLast);
        header.writeVLong(group.length());
        header.writeVLong(payBodies.length());
        post.write(header);
      }
      post.write(group);
    }
    pay.write(payBodies);
    groupPrevLast = blockLast[groupBlocks - 1];
    groupBlocks = 0;
    bodies.reset();
    payBodies.reset();
  }

  /** Per-term result handed to the dictionary. */
  static final class TermMeta {
    long df;
    /** Whether any posting's frequency is above 1 (df == 1: the single one's). */
    boolean hasFreqs;
    int singleFreq;
    long singleDoc;
    int singlePayloadLen;
    final long[] singlePayload = new long[IndexFormat.MAX_PAYLOAD_LONGS];
    long postLength;
    long payLength;
  }
}
