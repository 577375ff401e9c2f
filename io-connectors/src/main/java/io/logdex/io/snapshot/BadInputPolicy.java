package io.logdex.io.snapshot;

/** What malformed snapshot input does to the read. */
public enum BadInputPolicy {
  /**
   * Fail with a FormatException naming file, offset, line, column and path: at planning time for
   * files that are split (the pre-scan reads every byte), else when the reader gets there.
   */
  FAIL,
  /**
   * Deliver every record before the error, then one {@link SnapshotDeadLetter} to {@link
   * SnapshotReadResult#deadLetters()} saying what was not read; other files go on.
   */
  SKIP
}
