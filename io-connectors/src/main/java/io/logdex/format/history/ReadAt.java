package io.logdex.format.history;

import io.logdex.format.log.LogEntry;
import io.logdex.format.path.KindedPath;
import java.io.IOException;
import java.util.List;

/**
 * The state at a path as of a commit (the seeds' ReadAt): the newest snapshot at or before the
 * commit, read at the path (or at the ancestor the entries require, see {@link ReadPlan}), then
 * every later entry up to the commit applied in (commit, seq) order, restricted to that path
 * without losing its meaning ({@link DiffRestriction}). No snapshot: start from absence. A
 * corrupt entry is an error, never a skip.
 *
 * <p>Memory: the entries given (already parsed) and the base sub-document, nothing else.
 */
public final class ReadAt {
  private ReadAt() {}

  /**
   * @param candidates entries in ascending (commit, seq) order that touch the path, an ancestor or
   *     a descendant (more is harmless; entries the snapshot covers or after asOfCommit are skipped)
   * @return the value at path, or absent
   * @throws CorruptEntryException for a corrupt entry, naming its commit, seq and path
   * @throws IOException from the snapshot source
   * @throws IllegalArgumentException for a wildcard path, unordered candidates, or a snapshot
   *     newer than asOfCommit
   */
  public static PathState read(KindedPath path, long asOfCommit, Snapshot snapshot, List<LogEntry> candidates,
      DiffKind kind) throws IOException {
    if (snapshot.exists() && snapshot.commit() > asOfCommit) {
      throw new IllegalArgumentException("snapshot at commit " + snapshot.commit() + " is newer than commit "
          + asOfCommit);
    }
    ReadPlan plan = ReadPlan.of(path, kind, candidates, snapshot.commit(), asOfCommit);
    return plan.apply(snapshot.at(plan.basePath()));
  }
}
