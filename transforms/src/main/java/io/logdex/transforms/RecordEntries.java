package io.logdex.transforms;

import io.logdex.format.log.LogEntry;
import io.logdex.format.tree.Node;
import io.logdex.io.oplog.OpLogRecord;

/**
 * How an op-log record becomes a {@link LogEntry}:
 *
 * <ul>
 *   <li>{@code LOG_ENTRY}: as it is;
 *   <li>{@code S3DLIO}: commit = {@code idx}, seq = 0, timestamp = {@code start}, diff = the
 *       record's fields (s3dlio counts {@code idx} in completion order, so it is the natural
 *       commit order of the operations);
 *   <li>{@code GENERIC}: commit = the record's byte offset in its file, seq = the input's index in
 *       the build (so two files never share a (commit, seq)), timestamp = the record's top-level
 *       {@code timestamp}, {@code time} or {@code ts} string when it is RFC 3339, else the epoch
 *       {@value #EPOCH}; diff = the fields.
 * </ul>
 *
 * A record that cannot be an entry (an s3dlio row without {@code idx} or {@code start}, an
 * {@code idx} above 2^63-1) is rejected with a reason, which the build treats like a bad line.
 *
 * <p>{@link S3dlioRowEntries} makes the same S3DLIO entries straight from TSV rows; a change to
 * that mapping here must be made there too (S3dlioRowEntriesTest compares the two).
 */
final class RecordEntries {
  static final String EPOCH = "1970-01-01T00:00:00Z";
  private static final String[] TIME_FIELDS = {"timestamp", "time", "ts"};

  private RecordEntries() {}

  /** Thrown for a record that has no entry; the message is the dead letter's reason. */
  static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    Rejected(String reason) {
      super(reason, null, false, false);
    }
  }

  static LogEntry toEntry(OpLogRecord r, int inputIndex) throws Rejected {
    Node f = r.fields();
    try {
      switch (r.kind()) {
        case LOG_ENTRY:
          return new LogEntry(
              f.get("commit").longValue(), f.get("seq").longValue(), f.get("timestamp").text(),
              f.get("diff"));
        case S3DLIO:
          return new LogEntry(idx(f), 0, start(f), f);
        case GENERIC:
        default:
          return new LogEntry(r.offset(), inputIndex, genericTime(f), f);
      }
    } catch (IllegalArgumentException e) {
      // A value the reader's typing let through but an entry cannot hold (a leap-second start,
      // say) is this record's fault: a dead letter, not the end of the build.
      throw new Rejected(e.getMessage());
    }
  }

  private static final java.util.Set<String> S3DLIO_COLUMNS = java.util.Set.of(
      "idx", "thread", "op", "client_id", "n_objects", "bytes", "endpoint", "file", "error", "start",
      "first_byte", "end", "duration_ns");

  /**
   * Whether an entry's diff is an s3dlio operation (the 13 columns, case as the reader gives them)
   * rather than a change to a state. Decided from the entry alone, so a full build and an
   * incremental one that re-reads old logs index it the same way.
   */
  static boolean isS3dlioOperation(Node diff) {
    if (!diff.isObject() || diff.size() != S3DLIO_COLUMNS.size()) return false;
    for (int i = 0; i < diff.size(); i++) {
      if (diff.key(i).isSparse() || !S3DLIO_COLUMNS.contains(diff.key(i).field())) return false;
    }
    return true;
  }

  private static long idx(Node f) throws Rejected {
    Node idx = f.get("idx");
    if (idx == null || idx.kind() != Node.Kind.INTEGER) {
      throw new Rejected("s3dlio record without idx, which keys its entry");
    }
    try {
      return Long.parseLong(idx.text());
    } catch (NumberFormatException e) {
      throw new Rejected("s3dlio idx " + idx.text() + " does not fit a signed 64-bit commit");
    }
  }

  private static String start(Node f) throws Rejected {
    Node start = f.get("start");
    if (start == null || start.kind() != Node.Kind.STRING) {
      throw new Rejected("s3dlio record without start, its entry's timestamp");
    }
    return start.text();
  }

  private static String genericTime(Node f) {
    for (String name : TIME_FIELDS) {
      Node t = f.get(name);
      if (t != null && t.kind() == Node.Kind.STRING && LogEntry.rfc3339Error(t.text()) == null) {
        return t.text();
      }
    }
    return EPOCH;
  }
}
