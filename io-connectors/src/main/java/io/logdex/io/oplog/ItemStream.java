package io.logdex.io.oplog;

import java.io.Closeable;
import java.io.IOException;

/** The items of one split, in offset order. */
interface ItemStream extends Closeable {
  /** The next item, or null when the split has no more. */
  OpLogItem next() throws IOException;

  /** Compressed bytes read from the file so far, for progress. */
  long bytesRead();
}
