package io.logdex.format.token;

import java.util.Arrays;

/**
 * Open containers as the parallel planner counts them ({@link JsonBlockScan}, {@link
 * JsonStackStitcher}): per container its kind, start offset, the commas and colons seen at its
 * level, and its last key as file offsets (opening quote, offset after the closing one).
 * Outermost first, as parallel arrays.
 */
final class JsonFrameCounts {
  int depth;
  byte[] kinds;
  long[] offsets;
  long[] commas;
  long[] colons;
  long[] keyStarts;
  long[] keyEnds;

  JsonFrameCounts(int capacity) {
    int n = Math.max(1, capacity);
    kinds = new byte[n];
    offsets = new long[n];
    commas = new long[n];
    colons = new long[n];
    keyStarts = new long[n];
    keyEnds = new long[n];
  }

  void push(byte kind, long offset, long commaCount, long colonCount, long keyStart,
      long keyEnd) {
    int k = depth;
    if (k == kinds.length) {
      int n = 2 * k;
      kinds = Arrays.copyOf(kinds, n);
      offsets = Arrays.copyOf(offsets, n);
      commas = Arrays.copyOf(commas, n);
      colons = Arrays.copyOf(colons, n);
      keyStarts = Arrays.copyOf(keyStarts, n);
      keyEnds = Arrays.copyOf(keyEnds, n);
    }
    kinds[k] = kind;
    offsets[k] = offset;
    commas[k] = commaCount;
    colons[k] = colonCount;
    keyStarts[k] = keyStart;
    keyEnds[k] = keyEnd;
    depth = k + 1;
  }

  /** The open containers alone, in arrays of their size (at least 1). */
  JsonFrameCounts copy() {
    JsonFrameCounts c = new JsonFrameCounts(depth);
    System.arraycopy(kinds, 0, c.kinds, 0, depth);
    System.arraycopy(offsets, 0, c.offsets, 0, depth);
    System.arraycopy(commas, 0, c.commas, 0, depth);
    System.arraycopy(colons, 0, c.colons, 0, depth);
    System.arraycopy(keyStarts, 0, c.keyStarts, 0, depth);
    System.arraycopy(keyEnds, 0, c.keyEnds, 0, depth);
    c.depth = depth;
    return c;
  }
}
