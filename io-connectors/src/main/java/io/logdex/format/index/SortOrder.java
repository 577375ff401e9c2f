package io.logdex.format.index;

import java.util.Locale;

/** The order of search hits. */
public enum SortOrder {
  /** BM25 score, highest first; ties in index order. */
  SCORE,
  /** The record's own time (its {@code timestamp} typed value), earliest first; records without one last; ties in index order. */
  TIME,
  /** Index (docId) order: the first hits found, read no further than the limit. */
  INDEX;

  /** The order named by {@code score}, {@code time} or {@code index}; null for any other name. */
  public static SortOrder parse(String name) {
    for (SortOrder s : values()) if (s.name().toLowerCase(Locale.ROOT).equals(name)) return s;
    return null;
  }

  /** The default: by score when the query has words to score, else in index order. */
  public static SortOrder defaultFor(Query q) {
    return Bm25.scoredWords(q).isEmpty() ? INDEX : SCORE;
  }
}
