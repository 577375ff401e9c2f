package io.logdex.format.history;

import io.logdex.format.FormatException;
import io.logdex.format.log.LogEntry;
import io.logdex.format.path.KindedPath;

/**
 * A log entry whose diff is malformed, or does not fit the state it must apply to. The message
 * names the entry's commit and seq and the kinded path where it broke; the source and offset are
 * the entry's log position when the caller knows it (see {@link #located}).
 */
public final class CorruptEntryException extends FormatException {
  private static final long serialVersionUID = 1L;

  /** The source named until a caller that knows the entry's position supplies it. */
  public static final String DEFAULT_SOURCE = "log entry";

  private final long commit;
  private final long seq;
  private final String detail;

  public CorruptEntryException(long commit, long seq, String source, long offset, String path,
      String detail, Throwable cause) {
    super("commit " + commit + ", seq " + seq + ": " + detail, source, offset, -1, -1, path, cause);
    this.commit = commit;
    this.seq = seq;
    this.detail = detail;
  }

  /** The failure of cause (whose path is relative to base) while applying entry. */
  static CorruptEntryException of(LogEntry entry, KindedPath base, FormatException cause) {
    return new CorruptEntryException(entry.commit(), entry.seq(), DEFAULT_SOURCE, -1,
        Paths.absolute(base, cause.path()), cause.reason(), cause);
  }

  public long commit() {
    return commit;
  }

  public long seq() {
    return seq;
  }

  /** The same failure, naming the entry's log file (or other source) and byte offset. */
  public CorruptEntryException located(String source, long offset) {
    return new CorruptEntryException(commit, seq, source, offset, path(), detail, getCause());
  }
}
