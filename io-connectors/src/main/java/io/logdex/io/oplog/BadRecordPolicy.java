package io.logdex.io.oplog;

/** What a bad line does to the read. */
public enum BadRecordPolicy {
  /** The first bad line fails the read with a FormatException naming file, offset and line. */
  FAIL,
  /** Bad lines go to {@link OpLogReadResult#deadLetters()} and are counted; the read goes on. */
  SKIP
}
