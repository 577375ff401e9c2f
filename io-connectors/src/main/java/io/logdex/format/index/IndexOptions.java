package io.logdex.format.index;

import java.io.Serializable;

/**
 * The choices that shape the final files (and so are recorded in the manifest): the number of term
 * partitions and how many top terms each dictionary records for {@link IndexReader#stats()}.
 */
public record IndexOptions(int partitions, int topTerms) implements Serializable {
  public IndexOptions {
    if (partitions < 1 || partitions > 65536) throw new IllegalArgumentException("partitions must be in [1, 65536]: " + partitions);
    if (topTerms < 0 || topTerms > 10_000) throw new IllegalArgumentException("topTerms must be in [0, 10000]: " + topTerms);
  }

  public static IndexOptions defaults() {
    return new IndexOptions(16, 100);
  }
}
