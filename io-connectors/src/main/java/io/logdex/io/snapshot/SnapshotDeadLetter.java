package io.logdex.io.snapshot;

import io.logdex.format.FormatException;
import java.io.Serializable;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * Where a snapshot stopped being readable, under {@link BadInputPolicy#SKIP}: the error as a
 * {@link FormatException} would name it (file, offset, line, column, kinded path, reason), and
 * {@link #unreadFrom()}, the first byte that no record covers. A malformed document cannot be
 * resynchronised (the tokenizer cannot know what the broken bytes meant), so nothing from
 * unreadFrom on is read: the dead letter says exactly what was not delivered instead of dropping
 * it silently.
 */
@DefaultCoder(SnapshotDeadLetterCoder.class)
public final class SnapshotDeadLetter implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long position;
  private final long offset;
  private final long line;
  private final long column;
  private final String path;
  private final String reason;
  private final long unreadFrom;

  public SnapshotDeadLetter(String file, long position, long offset, long line, long column,
      String path, String reason, long unreadFrom) {
    this.file = Objects.requireNonNull(file, "file");
    this.position = position;
    this.offset = offset;
    this.line = line;
    this.column = column;
    this.path = path;
    this.reason = Objects.requireNonNull(reason, "reason");
    this.unreadFrom = unreadFrom;
  }

  static SnapshotDeadLetter of(String file, FormatException e, long position, long unreadFrom) {
    String reason = e.reason() == null ? String.valueOf(e.getMessage()) : e.reason();
    return new SnapshotDeadLetter(file, position, e.offset(), e.line(), e.column(), e.path(),
        reason, unreadFrom);
  }

  public String file() {
    return file;
  }

  /**
   * Where the dead letter sits in the file's record order: after every record before the error.
   * Usually the error offset; never before a record already delivered.
   */
  public long position() {
    return position;
  }

  /** Byte offset of the error as reported (uncompressed, or a compressed frame's offset). */
  public long offset() {
    return offset;
  }

  /** 1-based line, or -1. */
  public long line() {
    return line;
  }

  /** 1-based byte column, or -1. */
  public long column() {
    return column;
  }

  /** Kinded path where it broke, or null. */
  public String path() {
    return path;
  }

  public String reason() {
    return reason;
  }

  /** First uncompressed byte not covered by any record; everything after it is unread. */
  public long unreadFrom() {
    return unreadFrom;
  }

  /** The error as an exception, for the FAIL policy. */
  public FormatException toException() {
    return new FormatException(reason + " (nothing from offset " + unreadFrom + " on was read)",
        file, offset, line, column, path);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof SnapshotDeadLetter)) return false;
    SnapshotDeadLetter d = (SnapshotDeadLetter) o;
    return position == d.position
        && offset == d.offset
        && line == d.line
        && column == d.column
        && unreadFrom == d.unreadFrom
        && file.equals(d.file)
        && Objects.equals(path, d.path)
        && reason.equals(d.reason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, position, offset, line, column, path, reason, unreadFrom);
  }

  @Override
  public String toString() {
    return toException().getMessage();
  }
}
