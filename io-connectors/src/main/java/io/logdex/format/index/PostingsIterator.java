package io.logdex.format.index;

import java.io.IOException;

/** The postings of one term: its docIds in order and, per posting, an optional payload. */
public interface PostingsIterator extends DocIdIterator {
  /** The term's document frequency. */
  long docFreq();

  /**
   * Copies the current posting's payload into dst (room for {@link IndexFormat#MAX_PAYLOAD_LONGS})
   * and returns its length, 0 if it has none. Payloads are read only when asked for.
   */
  int payload(long[] dst) throws IOException;

  /**
   * The current posting's term frequency: how many times a word occurs in the document (1 for
   * field and path terms, which keep none).
   */
  int freq() throws IOException;

  default long[] payload() throws IOException {
    long[] p = new long[IndexFormat.MAX_PAYLOAD_LONGS];
    int n = payload(p);
    return java.util.Arrays.copyOf(p, n);
  }
}
