package io.logdex.format.index;

import java.io.IOException;
import java.util.Arrays;

/**
 * Writes the sorted term dictionary of one partition in blocks of {@link
 * IndexFormat#DICT_BLOCK_TERMS} terms, indexed by a {@link BlockIndexWriter}.
 *
 * <p>Block: {@code [vlong postingsBase][vlong payloadsBase][vint count]} then per term {@code [vint
 * shared][vint suffixLen][suffix][vlong df]} followed, when df == 1, by the inline posting {@code
 * [vlong docId][u8 n][zlong]*n}, otherwise by {@code [vlong postingsLength][vlong payloadsLength]}.
 * A term's postings start at the base plus the lengths of the block's earlier df &gt; 1 terms.
 * Footer: block-index root, {@code [vlong terms][vlong postings][vint top]} and the top terms as
 * {@code [vint len][bytes][vlong df]}, most frequent first.
 */
final class TermDictionaryWriter {
  private final PagedFileWriter out;
  private final BlockIndexWriter index;
  private final GrowableBytes entries = new GrowableBytes(4096);
  private final GrowableBytes block = new GrowableBytes(4096);
  private final TopTerms top;
  private byte[] prev = new byte[64];
  private int prevLen;
  private byte[] first = new byte[64];
  private int firstLen;
  private int blockTerms;
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
    }
    int shared = blockTerms == 0 ? 0 : Arrays.mismatch(prev, 0, prevLen, term, 0, len);
    if (shared < 0) throw new IllegalStateException("duplicate term in dictionary");
    entries.writeVInt(shared);
    entries.writeVInt(len - shared);
    entries.writeBytes(term, shared, len - shared);
    entries.writeVLong(m.df);
    if (m.df == 1) {
      entries.writeVLong(m.singleDoc);
      entries.writeByte(m.singlePayloadLen);
      for (int i = 0; i < m.singlePayloadLen; i++) entries.writeZLong(m.singlePayload[i]);
    } else {
      entries.writeVLong(m.postLength);
      entries.writeVLong(m.payLength);
    }
    if (prev.length < len) prev = new byte[Math.max(len, prev.length * 2)];
    System.arraycopy(term, 0, prev, 0, len);
    prevLen = len;
    terms++;
    postings += m.df;
    top.offer(term, len, m.df);
    if (++blockTerms == IndexFormat.DICT_BLOCK_TERMS) flushBlock();
  }

  private void flushBlock() throws IOException {
    block.reset();
    block.writeVLong(postBase);
    block.writeVLong(payBase);
    block.writeVInt(blockTerms);
    block.append(entries);
    index.addBlock(first, firstLen, block);
    entries.reset();
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
