package io.logdex.format.history;

import io.logdex.format.FormatException;
import io.logdex.format.log.LogEntry;
import io.logdex.format.path.KindedPath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Several entries of one commit (different seqs) as the one root-diff entry the seeds' log keeps
 * per commit, whose application equals applying the parts in seq order (see {@link DiffCompose}
 * for what composes and what is refused).
 */
public final class EntryMerge {
  private EntryMerge() {}

  /**
   * The merged entry: the commit, the smallest seq (so it sorts where the first part did), the
   * last part's timestamp (when the commit's changes were complete) and the composed diff.
   *
   * @param sameCommit entries of one commit with distinct seqs, in any order
   * @throws IllegalArgumentException when empty, or the commits differ, or a seq repeats
   * @throws CorruptEntryException for a malformed part, or one that cannot apply after the earlier
   *     parts whatever the state
   * @throws UncomposableDiffException when no single diff has the parts' effect; keep them apart
   */
  public static LogEntry merge(List<LogEntry> sameCommit, DiffKind kind)
      throws CorruptEntryException, UncomposableDiffException {
    if (sameCommit.isEmpty()) throw new IllegalArgumentException("no entries to merge");
    List<LogEntry> parts = new ArrayList<>(sameCommit);
    parts.sort(Comparator.comparingLong(LogEntry::seq));
    LogEntry first = parts.get(0);
    for (int i = 0; i < parts.size(); i++) {
      LogEntry e = parts.get(i);
      if (e.commit() != first.commit()) {
        throw new IllegalArgumentException("entries of commits " + first.commit() + " and " + e.commit()
            + " do not merge into one");
      }
      if (i > 0 && e.seq() == parts.get(i - 1).seq()) {
        throw new IllegalArgumentException("seq " + e.seq() + " of commit " + e.commit() + " appears twice");
      }
      try {
        DiffValidation.check(e.diff(), kind);
      } catch (FormatException f) {
        throw CorruptEntryException.of(e, KindedPath.ROOT, f);
      }
    }
    var diff = first.diff();
    for (int i = 1; i < parts.size(); i++) {
      LogEntry e = parts.get(i);
      try {
        diff = DiffCompose.compose(diff, e.diff(), kind);
      } catch (FormatException f) {
        throw CorruptEntryException.of(e, KindedPath.ROOT, f);
      } catch (UncomposableDiffException u) {
        throw new UncomposableDiffException(u.path(), "commit " + e.commit() + ", seq " + e.seq()
            + " after the earlier seqs: " + u.reason());
      }
    }
    return new LogEntry(first.commit(), first.seq(), parts.get(parts.size() - 1).timestamp(), diff);
  }
}
