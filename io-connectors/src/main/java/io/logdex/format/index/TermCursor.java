package io.logdex.format.index;

import java.io.IOException;

/** Terms in ascending byte order, each with its document frequency and postings. Not thread-safe. */
public interface TermCursor {
  /** Moves to the next term; false when there is none. */
  boolean next() throws IOException;

  /** A copy of the current term's bytes. */
  byte[] term();

  long docFreq();

  PostingsIterator postings() throws IOException;
}
