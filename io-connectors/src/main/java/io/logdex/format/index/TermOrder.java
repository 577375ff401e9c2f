package io.logdex.format.index;

import java.util.Arrays;

/** Unsigned lexicographic order of term bytes, the order of every sorted structure in the index. */
final class TermOrder {
  private TermOrder() {}

  static int compare(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
    int n = Math.min(aTo - aFrom, bTo - bFrom);
    if (n > 16) return Arrays.compareUnsigned(a, aFrom, aTo, b, bFrom, bTo);
    // Most terms are short words: a plain loop beats the vectorized call's setup.
    for (int i = 0; i < n; i++) {
      int x = a[aFrom + i] & 0xFF;
      int y = b[bFrom + i] & 0xFF;
      if (x != y) return x - y;
    }
    return (aTo - aFrom) - (bTo - bFrom);
  }
}
