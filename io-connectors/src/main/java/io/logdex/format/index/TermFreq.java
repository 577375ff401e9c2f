package io.logdex.format.index;

import java.util.Arrays;
import java.util.Comparator;

/** A term and its document frequency. */
public record TermFreq(byte[] term, long docFreq) {
  /** Most frequent first, then by term bytes: the order of {@link IndexStats#topTerms()}. */
  public static final Comparator<TermFreq> BY_FREQUENCY =
      Comparator.comparingLong(TermFreq::docFreq)
          .reversed()
          .thenComparing(TermFreq::term, Arrays::compareUnsigned);

  public String describe() {
    return Terms.describe(term);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TermFreq && ((TermFreq) o).docFreq == docFreq && Arrays.equals(((TermFreq) o).term, term);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(term) * 31 + Long.hashCode(docFreq);
  }

  @Override
  public String toString() {
    return describe() + "=" + docFreq;
  }
}
