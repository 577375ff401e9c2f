package io.logdex.io.snapshot;

import java.util.Objects;
import org.apache.beam.sdk.coders.DefaultCoder;

/**
 * What the source emits: a record or a dead letter. One element type lets one splittable source
 * feed both outputs of {@link SnapshotIO.Read}; a DoFn routes them apart.
 */
@DefaultCoder(SnapshotItemCoder.class)
public final class SnapshotItem {
  private final SnapshotRecord record;
  private final SnapshotDeadLetter deadLetter;

  private SnapshotItem(SnapshotRecord record, SnapshotDeadLetter deadLetter) {
    this.record = record;
    this.deadLetter = deadLetter;
  }

  public static SnapshotItem of(SnapshotRecord record) {
    return new SnapshotItem(Objects.requireNonNull(record), null);
  }

  public static SnapshotItem of(SnapshotDeadLetter deadLetter) {
    return new SnapshotItem(null, Objects.requireNonNull(deadLetter));
  }

  public boolean isDeadLetter() {
    return deadLetter != null;
  }

  /** The record, or null for a dead letter. */
  public SnapshotRecord record() {
    return record;
  }

  /** The dead letter, or null for a record. */
  public SnapshotDeadLetter deadLetter() {
    return deadLetter;
  }

  /** The position the source's range tracker orders items by. */
  public long position() {
    return deadLetter != null ? deadLetter.position() : record.position();
  }

  /**
   * Whether a planned split point may fall on this item: sub-documents (the nodes split points
   * are planned at) and dead letters (the plan's last point when the file breaks), never
   * container records, which share no position with a planned sub-document anyway but may share
   * one with an empty sub-document.
   */
  boolean mayBeSplitPoint() {
    return deadLetter != null || record.isSubDocument();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SnapshotItem
        && Objects.equals(record, ((SnapshotItem) o).record)
        && Objects.equals(deadLetter, ((SnapshotItem) o).deadLetter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(record, deadLetter);
  }

  @Override
  public String toString() {
    return deadLetter != null ? "dead letter " + deadLetter : record.toString();
  }
}
