package io.logdex.format.index;

import java.io.IOException;
import java.util.Arrays;

/**
 * Writes the sorted term dictionary of one partition in blocks of up to {@link
 * IndexFormat#DICT_BLOCK_TERMS} terms (fewer when the block's suffix bytes reach {@link
 * IndexFormat#DICT_BLOCK_SUFFIX_BYTES}), indexed by a {@link BlockIndexWriter}.
 *
 * <p>Block: {@code [vlong postingsBase][vlong payloadsBase][vint count]}, then five {@link
 * CompressedStream}s, each holding one kind of field for all the block's terms:
 *
 * <ol>
 *   <li>lengths: per term {@code [vint shared][vint suffixLen]} (prefix shared with the previous
 *       term of the block; 0 for the first);
 *   <li>kinds: per term {@code [vlong code]}, {@code code = (df - 1) << 3 | F << 2 | n}: n (0 to 3)
 *       payload longs of a df == 1 term's inline posting (0 when df &gt; 1); F, for df == 1, that
 *       its frequency is above 1, for df &gt; 1 that some postings block carries frequencies;
 *   <li>singles: per df == 1 term {@code [zlong docId - previous single docId of the block (0 for
 *       the first)][vlong freq - 2 if F][zlong × n]};
 *   <li>pointers: per df &gt; 1 term {@code [vlong postingsLength][vlong payloadsLength]}; a term's
 *       postings start at the base plus the lengths of the block's earlier df &gt; 1 terms;
 *   <li>suffixes: the suffix bytes of all terms, concatenated.
 * </ol>
 *
 * Footer: block-index root, {@code [vlong terms][vlong postings][vint top]} and the top terms as
 * {@code [vint len][bytes][vlong df]}, most frequent first.
 */
final class TermDictionaryWriter {
  private final PagedFileWriter out;
  private final BlockIndexWriter index;
  private final GrowableBytes lengths = new GrowableBytes(1024);
  private final GrowableBytes kinds = new GrowableBytes(512);
  private final GrowableBytes singles = new GrowableBytes(1024);
  private final GrowableBytes pointers = new GrowableBytes(256);
  private final GrowableBytes suffixes = new GrowableBytes(8192);
  private final GrowableBytes block = new GrowableBytes(8192);
  private final CompressedStream.Scratch scratch = new CompressedStream.Scratch();
  private final TopTerms top;
  private byte[] prev = new byte[64];
  private int prevLen;
  private byte[] first = new byte[64];
  private int firstLen;
  private int blockTerms;
  private long prevSingle;
  private long postBase;
  private long payBase;
  long terms;
  long postings;

  TermDictionaryWriter(PagedFileWriter out, int topTerms) {
    this.out = out;
    this.index = new BlockIndexWriter(out);
    this.top = new TopTerms(topTerms);
  }

  void add(byte[] term, int len, PostingsWriter.TermMeta m, long postStart, long payStart)
      throws IOException {
    if (blockTerms == 0) {
      if (first.length < len) first = new byte[Math.max(len, first.length * 2)];
      System.arraycopy(term, 0, first, 0, len);
      firstLen = len;
      postBase = postStart;
      payBase = payStart;
      prevLen = 0;
      prevSingle = 0;
    }
    int shared = blockTerms == 0 ? 0 : Arrays.mismatch(prev, 0, prevLen, term, 0, len);
    if (shared < 0) throw new IllegalStateException("duplicate term in dictionary");
    lengths.writeVInt(shared);
    lengths.writeVInt(len - shared);
    suffixes.writeBytes(term, shared, len - shared);
    int f = m.hasFreqs ? 4 : 0;
    if (m.df == 1) {
      kinds.writeVLong(f | m.singlePayloadLen);
      singles.writeZLong(m.singleDoc - prevSingle);
      if (m.hasFreqs) singles.writeVLong(m.singleFreq - 2L);
      prevSingle = m.singleDoc;
      for (int i = 0; i < m.singlePayloadLen; i++) singles.writeZLong(m.singlePayload[i]);
    } else {
      kinds.writeVLong((m.df - 1) << 3 | f);
      pointers.writeVLong(m.postLength);
      pointers.writeVLong(m.payLength);
    }
    if (prev.length < len) prev = new byte[Math.max(len, prev.length * 2)];
    System.arraycopy(term, 0, prev, 0, len);
    prevLen = len;
    terms++;
    postings += m.df;
    top.offer(term, len, m.df);
    if (++blockTerms == IndexFormat.DICT_BLOCK_TERMS
        || suffixes.length() >= IndexFormat.DICT_BLOCK_SUFFIX_BYTES) {
      flushBlock();
    }
  }

  private void flushBlock() throws IOException {
    block.reset();
    block.writeVLong(postBase);
    block.writeVLong(payBase);
    block.writeVInt(blockTerms);
    for (GrowableBytes s : new GrowableBytes[] {lengths, kinds, singles, pointers, suffixes}) {
      CompressedStream.append(block, s, scratch);
      s.reset();
    }
    index.addBlock(first, firstLen, block);
    blockTerms = 0;
  }

  long finish() throws IOException {
    if (blockTerms > 0) flushBlock();
    GrowableBytes footer = new GrowableBytes(1024);
    index.finish(footer);
    footer.writeVLong(terms);
    footer.writeVLong(postings);
    var tops = top.sorted();
    footer.writeVInt(tops.size());
    for (TermFreq tf : tops) {
      footer.writeVInt(tf.term().length);
      footer.writeBytes(tf.term(), 0, tf.term().length);
      footer.writeVLong(tf.docFreq());
    }
    return out.finish(IndexFormat.MAGIC_DICT, footer);
  }
}
