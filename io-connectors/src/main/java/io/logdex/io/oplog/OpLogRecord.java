package io.logdex.io.oplog;

import io.logdex.format.tree.Node;
import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * One op-log line, parsed. Identity is (file, offset): the uncompressed byte offset of the line's
 * first byte, which is the same however the file was split, so equal inputs give equal records.
 *
 * <p>{@link #fields()} is an object with the line's top-level fields in order. For {@link
 * Kind#S3DLIO} the columns are typed (see docs/FORMAT.md, "Op-log inputs"); for TSV/CSV {@link
 * Kind#GENERIC} every field is a string; for JSON/Tony lines it is the parsed object.
 */
@DefaultCoder(OpLogRecordCoder.class)
public final class OpLogRecord {
  /** What the line is. */
  public enum Kind {
    /** A row of an s3dlio op-log (TSV/CSV with its 13-column header, or its JSONL form). */
    S3DLIO,
    /** A logdex LogEntry: exactly {@code commit, seq, timestamp, diff}. */
    LOG_ENTRY,
    /** Any other object (JSON/Tony), or a row of a TSV/CSV with any other header. */
    GENERIC
  }

  /** {@link #line()} when the line number is not known. */
  public static final long UNKNOWN_LINE = -1;

  private final String file;
  private final long offset;
  private final long line;
  private final long length;
  private final Kind kind;
  private final Node fields;

  public OpLogRecord(String file, long offset, long line, long length, Kind kind, Node fields) {
    this.file = Objects.requireNonNull(file, "file");
    this.offset = offset;
    this.line = line;
    this.length = length;
    this.kind = Objects.requireNonNull(kind, "kind");
    this.fields = Objects.requireNonNull(fields, "fields");
    if (!fields.isObject()) throw new IllegalArgumentException("fields must be an object");
  }

  /** The file the line came from, as matched (a ResourceId string: path or URI). */
  public String file() {
    return file;
  }

  /** Uncompressed byte offset of the line's first byte. */
  public long offset() {
    return offset;
  }

  /**
   * 1-based physical line number, or {@link #UNKNOWN_LINE}. Known when the whole file is read by
   * one reader from its start: stream-compressed inputs (single-frame zstd, gzip, ...) always,
   * plain and multi-frame zstd files only with {@code OpLogIO.Read#withLineNumbers()}.
   */
  public long line() {
    return line;
  }

  /** Bytes of the line including its terminator, so [offset, offset + length) is the raw line. */
  public long length() {
    return length;
  }

  public Kind kind() {
    return kind;
  }

  public Node fields() {
    return fields;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof OpLogRecord)) return false;
    OpLogRecord r = (OpLogRecord) o;
    return offset == r.offset
        && line == r.line
        && length == r.length
        && kind == r.kind
        && file.equals(r.file)
        && fields.equals(r.fields);
  }

  @Override
  public int hashCode() {
    return Objects.hash(file, offset, line, length, kind, fields);
  }

  @Override
  public String toString() {
    return file + "@" + offset + (line > 0 ? ":" + line : "") + " " + kind + " " + fields;
  }
}
