package io.logdex.format.index;

import java.io.IOException;

/**
 * Ascending docIds, in the style of Lucene's DocIdSetIterator. Not thread-safe: one per query
 * evaluation.
 */
public interface DocIdIterator {
  long NO_MORE_DOCS = IndexFormat.NO_MORE_DOCS;

  /** -1 before the first call, {@link #NO_MORE_DOCS} once exhausted, else the current doc. */
  long docId();

  long nextDoc() throws IOException;

  /**
   * Moves to the first doc ≥ target and returns it (or {@link #NO_MORE_DOCS}); if the current doc
   * is already ≥ target it stays there. Uses skip data, so skipped blocks are never decoded.
   */
  long advance(long target) throws IOException;

  /** An upper bound on the docs this iterator yields; intersections lead with the cheapest. */
  long cost();
}
