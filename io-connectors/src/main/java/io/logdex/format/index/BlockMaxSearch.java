package io.logdex.format.index;

import java.io.IOException;

/**
 * The best k matches by BM25 that skips what cannot enter the heap, in the manner of Lucene's
 * block-max WAND: once k hits are kept, the score of every doc up to the end of the scored words'
 * current postings blocks is bounded from their impacts ({@link HitScorer#bound}); when that bound
 * does not beat the worst kept hit, the whole window is passed on the query's skip headers, no
 * posting or length decoded. A later doc that only ties the worst kept one loses on docId, so a
 * bound equal to it suffices, and that is what lets a search whose heap holds the best possible
 * score skip the rest of the index. The result is exactly the exhaustive ranking's
 * (BlockMaxSearchTest): only docs that could not have entered the heap are passed.
 */
final class BlockMaxSearch {
  private BlockMaxSearch() {}

  /**
   * Offers the best of matches (ascending docIds) to top, keyed by score; returns how many windows
   * it passed unscored.
   */
  static long run(DocIdIterator matches, HitScorer scorer, DocLengths.Cursor lengths, TopHits top)
      throws IOException {
    long passed = 0;
    long windowEnd = -1;
    long boundKey = 0;
    long d = matches.nextDoc();
    while (d != DocIdIterator.NO_MORE_DOCS) {
      if (top.full()) {
        if (d > windowEnd) {
          boundKey = key((float) scorer.bound(d));
          windowEnd = scorer.boundEnd();
        }
        if (boundKey >= top.worstKey()) {
          passed++;
          if (windowEnd == DocIdIterator.NO_MORE_DOCS) return passed; // no word left to score: nothing can beat the heap
          d = matches.advance(windowEnd + 1);
          continue;
        }
      }
      float score = scorer.score(d, lengths.ofMatch(d));
      long key = key(score);
      // Docs come in ascending order, so once k are kept a tie with the worst loses too.
      if (!top.full() || key < top.worstKey()) top.offer(key, new Hit(d, null, score));
      d = matches.nextDoc();
    }
    return passed;
  }

  /** The heap key of a score: scores are never negative, and such a float's bits order as it does. */
  static long key(float score) {
    return -(long) Float.floatToIntBits(score);
  }
}
