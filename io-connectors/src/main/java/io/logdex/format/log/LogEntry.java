package io.logdex.format.log;

import io.logdex.format.tree.Node;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One op-log record: the root diff a commit applied, with its position in commit order. Entries
 * sort by (commit, seq); the timestamp keeps the writer's RFC 3339 text exactly, so that
 * re-encoding an entry reproduces its bytes.
 */
public final class LogEntry {
  private final long commit;
  private final long seq;
  private final String timestamp;
  private final Node diff;

  /**
   * @throws IllegalArgumentException if timestamp is not RFC 3339 date-time text
   * @throws NullPointerException if timestamp or diff is null
   */
  public LogEntry(long commit, long seq, String timestamp, Node diff) {
    this.commit = commit;
    this.seq = seq;
    this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    this.diff = Objects.requireNonNull(diff, "diff");
    String why = rfc3339Error(timestamp);
    if (why != null) throw new IllegalArgumentException("timestamp " + why + ": " + timestamp);
  }

  public long commit() {
    return commit;
  }

  public long seq() {
    return seq;
  }

  /** The timestamp as written, e.g. {@code 2025-10-09T10:00:00.123456789Z}. */
  public String timestamp() {
    return timestamp;
  }

  /** The timestamp as an instant; fractions beyond nanoseconds are truncated. */
  public Instant instant() {
    return parse(timestamp);
  }

  public Node diff() {
    return diff;
  }

  /**
   * Why text is not an RFC 3339 date-time ({@code full-date "T" full-time}: {@code
   * YYYY-MM-DDThh:mm:ss[.frac](Z|+hh:mm|-hh:mm)}, T and Z in either case), or null if it is.
   * Stricter than {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME}, which also takes a time without
   * seconds and offsets with seconds.
   */
  public static String rfc3339Error(String text) {
    int n = text.length();
    if (n < 20) return "is too short for RFC 3339";
    if (!digits(text, 0, 4) || text.charAt(4) != '-' || !digits(text, 5, 2) || text.charAt(7) != '-'
        || !digits(text, 8, 2)) {
      return "has no RFC 3339 date (YYYY-MM-DD)";
    }
    char t = text.charAt(10);
    if (t != 'T' && t != 't') return "lacks the 'T' between date and time";
    if (!digits(text, 11, 2) || text.charAt(13) != ':' || !digits(text, 14, 2) || text.charAt(16) != ':'
        || !digits(text, 17, 2)) {
      return "has no RFC 3339 time (hh:mm:ss)";
    }
    int i = 19;
    if (text.charAt(i) == '.') {
      int start = ++i;
      while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') i++;
      if (i == start) return "has an empty fraction of a second";
    }
    if (i == n) return "lacks a time zone offset";
    char z = text.charAt(i);
    if (z == 'Z' || z == 'z') {
      if (i + 1 != n) return "has text after the offset";
    } else if (z == '+' || z == '-') {
      if (n != i + 6 || !digits(text, i + 1, 2) || text.charAt(i + 3) != ':' || !digits(text, i + 4, 2)) {
        return "has a malformed offset (Z or +hh:mm)";
      }
      if (num(text, i + 1, 2) > 23 || num(text, i + 4, 2) > 59) return "has an offset out of range";
    } else {
      return "lacks a time zone offset";
    }
    try {
      parse(text);
    } catch (DateTimeException e) {
      return "is not a valid date-time (" + e.getMessage() + ")";
    }
    return null;
  }

  /** Parses text already checked for shape; range errors surface as DateTimeException. */
  private static Instant parse(String text) {
    LocalDate date = LocalDate.of(num(text, 0, 4), num(text, 5, 2), num(text, 8, 2));
    int nanos = 0;
    int i = 19;
    if (text.charAt(i) == '.') {
      i++;
      int scale = 100_000_000;
      for (; i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9'; i++) {
        nanos += (text.charAt(i) - '0') * scale;
        scale /= 10;
      }
    }
    LocalTime time = LocalTime.of(num(text, 11, 2), num(text, 14, 2), num(text, 17, 2), nanos);
    char z = text.charAt(i);
    long offsetSeconds = 0;
    if (z == '+' || z == '-') {
      // RFC 3339 allows offsets to 23:59; java.time's ZoneOffset stops at 18:00, so apply it here.
      offsetSeconds = num(text, i + 1, 2) * 3600L + num(text, i + 4, 2) * 60L;
      if (z == '-') offsetSeconds = -offsetSeconds;
    }
    long utcSeconds = date.atTime(time).toEpochSecond(ZoneOffset.UTC) - offsetSeconds;
    return Instant.ofEpochSecond(utcSeconds, nanos);
  }

  private static boolean digits(String s, int off, int len) {
    for (int i = off; i < off + len; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  private static int num(String s, int off, int len) {
    int v = 0;
    for (int i = off; i < off + len; i++) v = v * 10 + (s.charAt(i) - '0');
    return v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LogEntry e
        && e.commit == commit
        && e.seq == seq
        && e.timestamp.equals(timestamp)
        && e.diff.equals(diff);
  }

  @Override
  public int hashCode() {
    return Objects.hash(commit, seq, timestamp, diff);
  }

  /** The entry in canonical wire form. */
  @Override
  public String toString() {
    return "{commit: " + commit + ", seq: " + seq + ", timestamp: " + Node.string(timestamp)
        + ", diff: " + diff + "}";
  }
}
