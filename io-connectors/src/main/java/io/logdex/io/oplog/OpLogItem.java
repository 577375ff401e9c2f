package io.logdex.io.oplog;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * What the source emits for one line: a record or a bad record. A single element type lets one
 * splittable source feed both outputs of {@link OpLogIO.Read}; a DoFn routes them apart.
 *
 * <p>A reader asked for rows ({@link S3dlioRow#reader}) gives an accepted s3dlio TSV line as its
 * row; such an item is a good record like any other, built on first {@link #record()}.
 */
@DefaultCoder(OpLogItemCoder.class)
public final class OpLogItem {
  private OpLogRecord record; // built from row on demand
  private final BadRecord bad;
  private final S3dlioRow row;

  private OpLogItem(OpLogRecord record, BadRecord bad, S3dlioRow row) {
    this.record = record;
    this.bad = bad;
    this.row = row;
  }

  public static OpLogItem of(OpLogRecord record) {
    return new OpLogItem(Objects.requireNonNull(record), null, null);
  }

  public static OpLogItem of(BadRecord bad) {
    return new OpLogItem(null, Objects.requireNonNull(bad), null);
  }

  public static OpLogItem of(S3dlioRow row) {
    return new OpLogItem(null, null, Objects.requireNonNull(row));
  }

  public boolean isBad() {
    return bad != null;
  }

  /** The record, or null for a bad line. */
  public OpLogRecord record() {
    if (record == null && row != null) record = row.toRecord();
    return record;
  }

  /** The s3dlio row the record is read from, or null when it came as a record or bad record. */
  public S3dlioRow s3dlioRow() {
    return row;
  }

  /** The bad record, or null for a good line. */
  public BadRecord bad() {
    return bad;
  }

  public long offset() {
    return bad != null ? bad.offset() : row != null ? row.offset() : record.offset();
  }

  public long length() {
    return bad != null ? bad.length() : row != null ? row.length() : record.length();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OpLogItem
        && Objects.equals(record(), ((OpLogItem) o).record())
        && Objects.equals(bad, ((OpLogItem) o).bad);
  }

  @Override
  public int hashCode() {
    return Objects.hash(record(), bad);
  }

  @Override
  public String toString() {
    return bad != null ? "bad " + bad : record().toString();
  }
}
