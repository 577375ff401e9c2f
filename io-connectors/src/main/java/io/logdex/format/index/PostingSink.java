package io.logdex.format.index;

import java.io.IOException;

/** Receives postings in (term, docId) order, each (term, docId) once. */
interface PostingSink {
  /**
   * @param term the term bytes; only {@code term[0, termLen)} is meaningful and only during the call
   * @param newTerm whether the term differs from the previous call's
   */
  void add(byte[] term, int termLen, boolean newTerm, long docId, long[] payload, int payloadLen)
      throws IOException;
}
