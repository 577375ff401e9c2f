package io.logdex.transforms;

import io.logdex.format.FormatException;
import io.logdex.format.history.DiffKind;
import io.logdex.format.history.EntryMerge;
import io.logdex.format.history.UncomposableDiffException;
import io.logdex.format.log.LogEntry;
import io.logdex.io.oplog.OpLogRecord;
import java.util.List;
import java.util.Locale;

/**
 * Consecutive LogEntry records of one commit become one root-diff entry, as the seeds' log keeps
 * one entry per commit: {@link EntryMerge} composes them (smallest seq, last timestamp) so that
 * applying the merged diff equals applying the parts in seq order. Pairs that do not compose stay
 * separate entries, which is always correct, only less compact.
 *
 * <p>How a diff reads must be said, not guessed ({@link DiffKind}): records of a {@code .tony}
 * file, or whose diffs carry tags, are Tony diffs; records of JSON files are RFC 7386 merge
 * patches (JSON {@code null} deletes).
 */
final class SameCommit {
  private SameCommit() {}

  static DiffKind kindOf(OpLogRecord r) {
    String name = r.file().toLowerCase(Locale.ROOT);
    for (String suffix : new String[] {".zst", ".zstd", ".gz", ".bz2", ".deflate", ".lzo", ".snappy"}) {
      if (name.endsWith(suffix)) name = name.substring(0, name.length() - suffix.length());
    }
    if (name.endsWith(".tony") || DiffTags.present(r.fields().get("diff"))) return DiffKind.TONY;
    return DiffKind.MERGE_PATCH;
  }

  /** The two as one entry, or null when they must stay apart. */
  static LogEntry merge(LogEntry first, LogEntry second, DiffKind kind) {
    if (first.seq() == second.seq()) return null;
    try {
      return EntryMerge.merge(List.of(first, second), kind);
    } catch (UncomposableDiffException | FormatException e) {
      // Not expressible as one diff, or a part that cannot follow the other: keeping both
      // entries preserves exactly what the input said, and read-at reports a corrupt one.
      return null;
    }
  }
}
