package io.logdex.format.history;

import io.logdex.format.FormatException;
import io.logdex.format.tree.DiffApply;
import io.logdex.format.tree.MergePatch;
import io.logdex.format.tree.Node;

/**
 * How a log entry's diff is to be read. It must be said, not guessed: a JSON {@code null} deletes
 * in an RFC 7386 merge patch but sets null in a Tony diff, and plain JSON is valid as both.
 */
public enum DiffKind {
  /** A Tony diff: {@code !insert}, {@code !delete}, {@code !replace}, {@code !arraydiff}, {@code !key(f)}; see DiffApply. */
  TONY {
    @Override
    public Node apply(Node state, Node diff) throws FormatException {
      return DiffApply.apply(state, diff);
    }
  },
  /** An RFC 7386 JSON Merge Patch: objects merge, null deletes, anything else replaces. */
  MERGE_PATCH {
    @Override
    public Node apply(Node state, Node diff) {
      return MergePatch.apply(state, diff);
    }
  };

  /**
   * Applies diff to state (lenient for Tony, as the replay model does). A Java null state is
   * absent, and a null result means the value was deleted.
   */
  public abstract Node apply(Node state, Node diff) throws FormatException;
}
