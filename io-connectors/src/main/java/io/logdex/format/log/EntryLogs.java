package io.logdex.format.log;

import io.logdex.format.FormatException;
import java.io.IOException;

/**
 * {@link LogEntry} on top of the log's opaque payloads: the only place the log layer meets the
 * entry codec. Errors name the file and the record's position.
 */
public final class EntryLogs {
  private EntryLogs() {}

  /** Appends the entry in wire form; returns its position. */
  public static long append(LogWriter log, LogEntry entry) throws IOException {
    return log.append(LogEntryCodec.toWire(entry));
  }

  public static LogEntry readAt(LogReader log, long position) throws IOException {
    byte[] payload = log.readAt(position);
    return decode(payload, log.source(), position);
  }

  /** Parses a big entry straight from its fragments, never holding its wire bytes whole. */
  public static LogEntry readAtStreaming(LogReader log, long position) throws IOException {
    try (RecordInputStream in = log.readAtStreaming(position)) {
      return LogEntryCodec.fromStream(in, recordSource(log.source(), position));
    }
  }

  /** Decodes a payload read from the record at position of source. */
  public static LogEntry decode(byte[] payload, String source, long position)
      throws FormatException {
    return LogEntryCodec.fromWire(payload, 0, payload.length, recordSource(source, position), 0);
  }

  /**
   * 16 bytes whose unsigned order is the entries' (commit, seq) order: both big-endian with the
   * sign bit flipped, so negative values sort first.
   */
  public static byte[] orderingKey(LogEntry entry) {
    byte[] k = new byte[16];
    put(k, 0, entry.commit() ^ Long.MIN_VALUE);
    put(k, 8, entry.seq() ^ Long.MIN_VALUE);
    return k;
  }

  /** Offsets inside a payload are relative to the payload, so the record is part of the name. */
  private static String recordSource(String file, long position) {
    return file + " record at " + position;
  }

  private static void put(byte[] b, int off, long v) {
    for (int i = 7; i >= 0; i--) {
      b[off + i] = (byte) v;
      v >>>= 8;
    }
  }
}
