package io.logdex.format.index;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Scores hits that arrive in ascending docId order with {@link Bm25}: one postings iterator per
 * scored word, each only advanced, so a query's scoring reads each word's postings once.
 */
final class HitScorer {
  private final Bm25 bm25;
  private final PostingsIterator[] words;
  private final double[] idf;
  private final byte[][] terms;
  private final boolean[] taken;
  private final TermConjunctionIterator[] from;
  private final int[] fromTerm;

  /** The index's smallest document length: every document's BM25 length is at least this. */
  private final int minLength;

  HitScorer(IndexReader reader, Query q) throws IOException {
    minLength = reader.minLength();
    IndexManifest m = reader.manifest();
    bm25 = new Bm25(m.docs(), m.totalWords());
    List<byte[]> ws = Bm25.scoredWords(q);
    words = new PostingsIterator[ws.size()];
    terms = ws.toArray(new byte[0][]);
    taken = new boolean[ws.size()];
    from = new TermConjunctionIterator[ws.size()];
    fromTerm = new int[ws.size()];
    idf = new double[ws.size()];
    for (int i = 0; i < words.length; i++) {
      words[i] = reader.postings(ws.get(i));
      idf[i] = bm25.idf(words[i].docFreq());
    }
  }

  /**
   * The scorer's postings of the word term, for the query's match iterator to walk, or null when
   * the query does not score it or it was given out already. The scorer then finds that iterator
   * on each match, so the word's blocks are decoded once.
   */
  PostingsIterator take(byte[] term) {
    for (int i = 0; i < words.length; i++) {
      if (!taken[i] && Arrays.equals(terms[i], term)) {
        taken[i] = true;
        return words[i];
      }
    }
    return null;
  }

  /**
   * Takes the word term's frequencies from the match iterator, an AND of terms that holds the
   * word's postings p: it keeps them as it filters, so the scorer need not search its own.
   */
  void freqsFrom(byte[] term, TermConjunctionIterator and, BlockPostingsIterator p) {
    for (int i = 0; i < words.length; i++) {
      if (Arrays.equals(terms[i], term) && from[i] == null) {
        from[i] = and;
        fromTerm[i] = and.keepFreqs(p);
      }
    }
  }

  /** Whether the query has words to score (else every score is 0). */
  boolean scores() {
    return words.length > 0;
  }

  /** Frequencies from here on may not keep the computed score increasing; their bound is idf. */
  private static final int HUGE_FREQ = 1 << 20;

  private long boundEnd;

  /**
   * An upper bound on the score of every doc in [target, {@link #boundEnd()}], from the word blocks
   * that hold target: their largest frequency, read on their skip headers, at the index's smallest
   * document length. It is summed in the order {@link #score} sums, and each part is the same
   * function at a larger frequency and a smaller length, so rounding keeps it at or above every
   * score in the window (a frequency of {@link #HUGE_FREQ} or more is bounded by idf, which
   * {@code tf / (tf + norm) <= 1} never exceeds). Afterwards docs from target on may be scored.
   */
  double bound(long target) throws IOException {
    double sum = 0;
    long end = DocIdIterator.NO_MORE_DOCS;
    for (int i = 0; i < words.length; i++) {
      PostingsIterator it = words[i];
      long last;
      int maxFreq;
      if (it instanceof BlockPostingsIterator b) {
        last = b.shallowAdvance(target);
        maxFreq = b.impactMaxFreq;
      } else {
        // One posting, inline in the dictionary (or none), whose frequency is known.
        last = it.docId() < target ? it.advance(target) : it.docId();
        maxFreq = last == DocIdIterator.NO_MORE_DOCS ? 1 : it.freq();
      }
      if (last == DocIdIterator.NO_MORE_DOCS) continue; // no posting left: adds nothing from here on
      sum += maxFreq >= HUGE_FREQ ? idf[i] : bm25.score(idf[i], maxFreq, minLength);
      end = Math.min(end, last);
    }
    boundEnd = end;
    return sum;
  }

  /** The last doc that the latest {@link #bound} covers; {@code NO_MORE_DOCS} when no word has postings left. */
  long boundEnd() {
    return boundEnd;
  }

  /** The score of doc, whose word count is wordCount; docs must be asked for in ascending order. */
  float score(long doc, int wordCount) throws IOException {
    double sum = 0;
    for (int i = 0; i < words.length; i++) {
      PostingsIterator it = words[i];
      if (from[i] != null) {
        sum += bm25.score(idf[i], from[i].freq(fromTerm[i]), wordCount); // every match holds the word
        continue;
      }
      if (it.docId() < doc) it.advance(doc);
      if (it.docId() == doc) sum += bm25.score(idf[i], it.freq(), wordCount);
    }
    return (float) sum;
  }
}
