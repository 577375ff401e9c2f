package io.logdex.transforms;

import io.logdex.format.index.IndexFormat;

/**
 * Which snapshot node gets a path term (FORMAT.md, "Terms"): a record's root always; any other
 * node N, with parent container P, only when {@code end(N) - start(P) >= T}
 * ({@link IndexFormat#snapshotPathSpan()}). Decided when N ends, from two offsets, so the cutting
 * reader's one pass, the walk over a record's tokens and the tree walk all decide alike. A reader
 * finds an unindexed N from its nearest indexed ancestor B: the child C of B towards N is
 * unindexed, so {@code end(C) - start(B) < T} and the walk from B's start to N reads fewer than
 * T bytes.
 */
final class SparsePaths {
  private SparsePaths() {}

  /** Marks a parent whose start this pass did not see (opened before a reader's resume point). */
  static final long UNKNOWN = -1;

  /** Whether a non-root node ending at end, whose parent starts at parentStart, is indexed. */
  static boolean indexed(long parentStart, long end) {
    return parentStart == UNKNOWN || end - parentStart >= IndexFormat.snapshotPathSpan();
  }
}
