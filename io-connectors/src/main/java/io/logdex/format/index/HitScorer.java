package io.logdex.format.index;

import java.io.IOException;
import java.util.List;

/**
 * Scores hits that arrive in ascending docId order with {@link Bm25}: one postings iterator per
 * scored word, each only advanced, so a query's scoring reads each word's postings once.
 */
final class HitScorer {
  private final Bm25 bm25;
  private final PostingsIterator[] words;
  private final double[] idf;

  HitScorer(IndexReader reader, Query q) throws IOException {
    IndexManifest m = reader.manifest();
    bm25 = new Bm25(m.docs(), m.totalWords());
    List<byte[]> ws = Bm25.scoredWords(q);
    words = new PostingsIterator[ws.size()];
    idf = new double[ws.size()];
    for (int i = 0; i < words.length; i++) {
      words[i] = reader.postings(ws.get(i));
      idf[i] = bm25.idf(words[i].docFreq());
    }
  }

  /** Whether the query has words to score (else every score is 0). */
  boolean scores() {
    return words.length > 0;
  }

  /** The score of doc, whose word count is wordCount; docs must be asked for in ascending order. */
  float score(long doc, int wordCount) throws IOException {
    double sum = 0;
    for (int i = 0; i < words.length; i++) {
      PostingsIterator it = words[i];
      if (it.docId() < doc) it.advance(doc);
      if (it.docId() == doc) sum += bm25.score(idf[i], it.freq(), wordCount);
    }
    return (float) sum;
  }
}
