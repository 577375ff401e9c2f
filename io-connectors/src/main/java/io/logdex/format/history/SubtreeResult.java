package io.logdex.format.history;

import io.logdex.format.path.KindedPath;
import java.util.Objects;

/**
 * What {@link Compaction#applyToSubtree} made of one sub-document: its new state, or the ancestor
 * it cannot be updated without (an entry changes positions or keys above it).
 */
public final class SubtreeResult {
  private final PathState state;
  private final KindedPath ancestor;

  private SubtreeResult(PathState state, KindedPath ancestor) {
    this.state = state;
    this.ancestor = ancestor;
  }

  static SubtreeResult of(PathState state) {
    return new SubtreeResult(Objects.requireNonNull(state), null);
  }

  static SubtreeResult needsAncestor(KindedPath ancestor) {
    return new SubtreeResult(null, Objects.requireNonNull(ancestor));
  }

  /** Whether the state could be computed from the sub-document alone. */
  public boolean isComplete() {
    return state != null;
  }

  /** The sub-document's state after the entries. @throws IllegalStateException if not complete */
  public PathState state() {
    if (state == null) throw new IllegalStateException("needs the ancestor " + ancestor);
    return state;
  }

  /** The ancestor to update as a whole instead. @throws IllegalStateException if complete */
  public KindedPath ancestor() {
    if (ancestor == null) throw new IllegalStateException("complete: no ancestor needed");
    return ancestor;
  }

  @Override
  public String toString() {
    return state != null ? "complete " + state : "needs ancestor " + (ancestor.isRoot() ? "<root>" : ancestor);
  }
}
