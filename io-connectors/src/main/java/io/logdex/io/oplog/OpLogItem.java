package io.logdex.io.oplog;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * What the source emits for one line: a record or a bad record. A single element type lets one
 * splittable source feed both outputs of {@link OpLogIO.Read}; a DoFn routes them apart.
 */
@DefaultCoder(OpLogItemCoder.class)
public final class OpLogItem {
  private final OpLogRecord record;
  private final BadRecord bad;

  private OpLogItem(OpLogRecord record, BadRecord bad) {
    this.record = record;
    this.bad = bad;
  }

  public static OpLogItem of(OpLogRecord record) {
    return new OpLogItem(Objects.requireNonNull(record), null);
  }

  public static OpLogItem of(BadRecord bad) {
    return new OpLogItem(null, Objects.requireNonNull(bad));
  }

  public boolean isBad() {
    return bad != null;
  }

  /** The record, or null for a bad line. */
  public OpLogRecord record() {
    return record;
  }

  /** The bad record, or null for a good line. */
  public BadRecord bad() {
    return bad;
  }

  public long offset() {
    return bad != null ? bad.offset() : record.offset();
  }

  public long length() {
    return bad != null ? bad.length() : record.length();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OpLogItem
        && Objects.equals(record, ((OpLogItem) o).record)
        && Objects.equals(bad, ((OpLogItem) o).bad);
  }

  @Override
  public int hashCode() {
    return Objects.hash(record, bad);
  }

  @Override
  public String toString() {
    return bad != null ? "bad " + bad : record.toString();
  }
}
