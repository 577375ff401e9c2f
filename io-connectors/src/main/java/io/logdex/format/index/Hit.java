package io.logdex.format.index;

/**
 * A matching document, its record, and its BM25 score ({@link Bm25}; 0 when the query has no
 * words to score).
 */
public record Hit(long docId, DocRecord record, float score) {
  public Hit(long docId, DocRecord record) {
    this(docId, record, 0f);
  }
}
