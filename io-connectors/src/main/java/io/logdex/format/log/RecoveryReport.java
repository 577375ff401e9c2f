package io.logdex.format.log;

import java.util.List;

/**
 * What {@link LogRecovery#recover} did.
 *
 * @param recordsKept complete, valid records in the log as it now is
 * @param logLength uncompressed length of the log as it now is: the end of its last record
 * @param droppedLogBytes uncompressed bytes removed after that record (a compressed log may also
 *     have lost an undecodable compressed tail, counted only in the file sizes)
 * @param droppedRecords damaged or incomplete records in the removed tail
 * @param damages what the scan found in the removed tail
 */
public record RecoveryReport(
    String source,
    Action action,
    long recordsKept,
    long logLength,
    long droppedLogBytes,
    long droppedRecords,
    long fileBytesBefore,
    long fileBytesAfter,
    List<Damage> damages) {

  public enum Action {
    /** The log was whole; nothing changed. */
    NONE,
    /** A plain log was truncated in place after its last valid record. */
    TRUNCATED,
    /** A compressed log's valid prefix was recompressed into a new file that replaced it. */
    REWRITTEN
  }
}
