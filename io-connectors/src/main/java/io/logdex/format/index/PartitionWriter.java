package io.logdex.format.index;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The final merge's sink for one partition: routes each term's postings through a {@link
 * PostingsWriter} and its dictionary entry through a {@link TermDictionaryWriter}, writing the
 * three files under temporary names and renaming them into place only when all are complete.
 */
final class PartitionWriter implements PostingSink {
  private final int partition;
  private final StagedFile dictFile;
  private final StagedFile postFile;
  private final StagedFile payFile;
  private final PagedFileWriter dict;
  private final PagedFileWriter post;
  private final PagedFileWriter pay;
  private final PostingsWriter postings;
  private final TermDictionaryWriter dictionary;
  private byte[] term = new byte[64];
  private int termLen = -1;
  private long termPostStart;
  private long termPayStart;
  private long lastDoc;

  PartitionWriter(Path dir, int partition, int topTerms) throws IOException {
    this.partition = partition;
    dictFile = new StagedFile(dir, IndexFormat.dictFile(partition));
    postFile = new StagedFile(dir, IndexFormat.postingsFile(partition));
    payFile = new StagedFile(dir, IndexFormat.payloadsFile(partition));
    dict = PagedFileWriter.create(dictFile.temp);
    post = PagedFileWriter.create(postFile.temp);
    pay = PagedFileWriter.create(payFile.temp);
    dict.writeHeader(IndexFormat.MAGIC_DICT, partition);
    post.writeHeader(IndexFormat.MAGIC_POSTINGS, partition);
    pay.writeHeader(IndexFormat.MAGIC_PAYLOADS, partition);
    postings = new PostingsWriter(post, pay);
    dictionary = new TermDictionaryWriter(dict, topTerms);
  }

  @Override
  public void add(byte[] t, int len, boolean newTerm, long docId, long[] payload, int payloadLen, int freq)
      throws IOException {
    if (newTerm || termLen < 0) {
      if (termLen >= 0) endTerm();
      if (term.length < len) term = new byte[Math.max(len, term.length * 2)];
      System.arraycopy(t, 0, term, 0, len);
      termLen = len;
      termPostStart = post.position();
      termPayStart = pay.position();
      postings.startTerm();
    } else if (docId <= lastDoc) {
      throw new IllegalStateException("postings must increase within a term");
    }
    // Only words are scored (BM25), so only word terms keep their frequencies.
    postings.add(docId, payload, payloadLen, term[0] == Terms.WORD ? freq : 1);
    lastDoc = docId;
  }

  private void endTerm() throws IOException {
    postings.finishTerm();
    dictionary.add(term, termLen, postings.meta, termPostStart, termPayStart);
  }

  PartitionSummary finish() throws IOException {
    if (termLen >= 0) endTerm();
    long dictBytes = dictionary.finish();
    long postBytes = post.finish(IndexFormat.MAGIC_POSTINGS, null);
    long payBytes = pay.finish(IndexFormat.MAGIC_PAYLOADS, null);
    for (PagedFileWriter w : new PagedFileWriter[] {dict, post, pay}) {
      w.sync();
      w.close();
    }
    postFile.commit();
    payFile.commit();
    dictFile.commit();
    return new PartitionSummary(
        partition, dictionary.terms, dictionary.postings, dictBytes, postBytes, payBytes);
  }

  /** Closes and deletes the temporary files after a failure. */
  void abort() {
    for (PagedFileWriter w : new PagedFileWriter[] {dict, post, pay}) {
      try {
        w.close();
      } catch (IOException ignored) {
        // Already failing; the temp files are removed below.
      }
    }
    dictFile.abort();
    postFile.abort();
    payFile.abort();
  }
}
