package io.logdex.format.history;

import io.logdex.format.FormatException;
import io.logdex.format.log.LogEntry;
import io.logdex.format.path.KindedPath;
import io.logdex.format.path.PathSegment;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import java.util.List;
import java.util.Objects;

/**
 * The patches of one commit, merged into the one root diff its log entry carries (the seeds'
 * phase 3). A patch (path, diff) means "apply diff at path": it becomes the root diff that reaches
 * path through untagged objects ({@code NodePaths.set} into nothing: {@code a.b} gives {@code {a:
 * {b: diff}}}), so where an ancestor is not an object it is replaced by one, as a merge does.
 * Patches are folded in with {@link DiffCompose}, so a later patch at the same path, below it or
 * above it acts after the earlier ones, exactly as if they were separate entries in order.
 *
 * <p>Paths are fields and sparse indices only: {@code [i]} and {@code (k)} address elements whose
 * position or key field only the state knows; send a patch at the array with an {@code !arraydiff}
 * or {@code !key(f)} diff instead.
 *
 * <p>Conflicts: {@link #add} refuses ({@link UncomposableDiffException}, buffer unchanged) a patch
 * whose effect after the earlier ones no single diff expresses, such as re-creating a field a
 * previous patch deleted (see DiffCompose); write the buffer out as one entry and start the next
 * seq with that patch. Methods are synchronized, so concurrent writers of one transaction may share
 * a buffer.
 */
public final class TransactionBuffer {
  private final DiffKind kind;
  private Node root; // null: no patches
  private int patches;

  public TransactionBuffer(DiffKind kind) {
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  /**
   * Adds a patch after those already added.
   *
   * @throws IllegalArgumentException for a path with {@code [i]}, {@code (k)} or wildcards
   * @throws FormatException for a malformed diff (path given from the root), or one that can never
   *     apply after the earlier patches
   * @throws UncomposableDiffException when the patch cannot join the earlier ones in one diff
   */
  public synchronized void add(KindedPath path, Node diff) throws FormatException, UncomposableDiffException {
    Objects.requireNonNull(diff, "diff");
    for (PathSegment s : path.toArray()) {
      if (!(s instanceof PathSegment.Field) && !(s instanceof PathSegment.Sparse)) {
        throw new IllegalArgumentException("a patch path holds fields and sparse indices only, not " + s
            + " (in " + path + "): patch the array with an !arraydiff or keyed diff");
      }
    }
    try {
      DiffValidation.check(diff, kind);
    } catch (FormatException f) {
      throw Paths.rebase(f, path);
    }
    Node nested = NodePaths.set(null, path, diff);
    root = root == null ? nested : DiffCompose.compose(root, nested, kind);
    patches++;
  }

  /** The number of patches added since creation or {@link #clear}. */
  public synchronized int size() {
    return patches;
  }

  public synchronized boolean isEmpty() {
    return patches == 0;
  }

  /** The merged root diff; {@code {}} when empty (no change to an object root). */
  public synchronized Node rootDiff() {
    return root == null ? Node.emptyObject() : root;
  }

  /** The log entry of the merged patches. */
  public synchronized LogEntry toLogEntry(long commit, long seq, String timestamp) {
    return new LogEntry(commit, seq, timestamp, rootDiff());
  }

  public synchronized void clear() {
    root = null;
    patches = 0;
  }

  /** Several entries of one commit as one; see {@link EntryMerge#merge}. */
  public static LogEntry mergeEntries(List<LogEntry> sameCommit, DiffKind kind)
      throws CorruptEntryException, UncomposableDiffException {
    return EntryMerge.merge(sameCommit, kind);
  }
}
