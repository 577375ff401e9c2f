package io.logdex.format.index;

import java.io.Serializable;

/**
 * What the index keeps per document: where its bytes are ({@code sourceId}, {@code offset},
 * {@code length}), its cached word count (so counts never re-tokenize), and for log records the
 * {@code commit} and {@code seq} it belongs to, or {@link #ABSENT}.
 */
public record DocRecord(
    long docId, int sourceId, long offset, long length, int wordCount, long commit, long seq)
    implements Serializable {

  /** Marks an absent commit or seq. */
  public static final long ABSENT = Long.MIN_VALUE;

  public DocRecord {
    IndexFormat.checkDocId(docId);
    if (wordCount < 0) throw new IllegalArgumentException("negative word count " + wordCount);
  }

  public DocRecord(long docId, int sourceId, long offset, long length, int wordCount) {
    this(docId, sourceId, offset, length, wordCount, ABSENT, ABSENT);
  }

  public boolean hasCommit() {
    return commit != ABSENT;
  }

  public boolean hasSeq() {
    return seq != ABSENT;
  }
}
