package io.logdex.format.history;

import io.logdex.format.FormatException;
import io.logdex.format.log.LogEntry;
import io.logdex.format.path.KindedPath;
import io.logdex.format.tree.Node;
import java.util.List;

/**
 * Folding entries into a state, for snapshots at commit boundaries. {@link #replay} does it for a
 * whole state held in memory (small states, and the reference for tests). {@link #applyToSubtree}
 * does it for one sub-document, using the same restriction as reads, which is the step a streaming
 * compactor of a large snapshot repeats per sub-document.
 */
public final class Compaction {
  private Compaction() {}

  /**
   * The whole state after applying entries in order to base (null: start from absence).
   *
   * @param entries ascending by (commit, seq)
   * @throws CorruptEntryException naming the commit, seq and path of the first entry that fails
   */
  public static PathState replay(Node base, List<LogEntry> entries, DiffKind kind) throws CorruptEntryException {
    ReadPlan.checkOrder(entries);
    Node state = base;
    for (LogEntry e : entries) {
      try {
        DiffValidation.check(e.diff(), kind);
        state = kind.apply(state, e.diff());
      } catch (FormatException f) {
        throw CorruptEntryException.of(e, KindedPath.ROOT, f);
      }
    }
    return PathState.ofNullable(state);
  }

  /**
   * The sub-document at subtreePath after entries, from its value before them (null: absent), or
   * the ancestor that must be updated as a whole because an entry makes a positional or keyed
   * change ({@code !arraydiff}, {@code !key(f)}) above subtreePath.
   *
   * @param entries ascending by (commit, seq); those that do not reach the subtree are harmless
   * @throws CorruptEntryException for a corrupt entry
   */
  public static SubtreeResult applyToSubtree(KindedPath subtreePath, Node subtree, List<LogEntry> entries,
      DiffKind kind) throws CorruptEntryException {
    ReadPlan plan = ReadPlan.of(subtreePath, kind, entries);
    if (plan.lifted()) return SubtreeResult.needsAncestor(plan.basePath());
    return SubtreeResult.of(plan.apply(subtree));
  }
}
