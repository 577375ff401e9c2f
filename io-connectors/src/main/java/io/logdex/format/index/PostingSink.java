package io.logdex.format.index;

import java.io.IOException;

/**
 * Receives postings in (term, docId) order, each (term, docId) once, with how many times the term
 * occurs in the document (its term frequency, at least 1).
 */
interface PostingSink {
  /**
   * @param term the term bytes; only {@code term[0, termLen)} is meaningful and only during the call
   * @param newTerm whether the term differs from the previous call's
   * @param freq the term's occurrences in the document, at least 1
   */
  void add(byte[] term, int termLen, boolean newTerm, long docId, long[] payload, int payloadLen, int freq)
      throws IOException;
}
