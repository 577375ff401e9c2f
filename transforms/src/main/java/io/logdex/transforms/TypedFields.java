package io.logdex.transforms;

import io.logdex.format.index.ShardBuilder;
import io.logdex.format.index.TypedValues;
import io.logdex.format.tree.Node;
import java.io.IOException;

/**
 * Which values of an entry the index keeps typed rather than as field terms (docs/FORMAT.md,
 * "Typed fields"): a top-level integer field that fits a signed long is a number, a top-level
 * string that is an RFC 3339 date-time a time; then the entry's own {@code commit} (a number) and
 * {@code timestamp} (a time), unless its diff already gave a typed value of that name. A typed
 * value gets no field term: ranges and {@code name:value} read it from the typed columns. A value
 * that is neither, or that a chunk with too many columns cannot take, stays a field term.
 *
 * <p>{@link EntryTerms} (through trees) and {@link S3dlioRowEntries} (from row bytes) both go
 * through here, in the same order, so the two paths type the same values.
 */
final class TypedFields {
  private long doc = -1;
  private final String[] names = new String[16];
  private final byte[] kinds = new byte[16];
  private int count;

  /** Adds a scalar field's typed value; false when it must be a field term instead. */
  boolean add(ShardBuilder shard, long docId, String name, Node v) throws IOException {
    switch (v.kind()) {
      case INTEGER:
        return add(shard, docId, name, TypedValues.NUMBER, TypedValues.number(v.text()));
      case STRING:
        return add(shard, docId, name, TypedValues.TIME, TypedValues.time(v.text()));
      default:
        return false;
    }
  }

  /**
   * Adds value (of kind, {@link TypedValues#NONE} for none); false when it is none, when the doc
   * already has a typed value of that name and kind, or when the chunk's columns are full.
   */
  boolean add(ShardBuilder shard, long docId, String name, byte kind, long value) throws IOException {
    if (value == TypedValues.NONE) return false;
    if (docId != doc) {
      doc = docId;
      count = 0;
    }
    for (int i = 0; i < count; i++) if (kinds[i] == kind && names[i].equals(name)) return false;
    if (!shard.addTyped(docId, name, kind, value)) return false;
    if (count < names.length) {
      names[count] = name;
      kinds[count++] = kind;
    }
    return true;
  }

  /**
   * The entry's own commit and time, after its diff's fields: the commit as a field term when it
   * cannot be typed (as it always was), the time only typed (it never was a term).
   */
  void entry(ShardBuilder shard, long docId, long commit, long time) throws IOException {
    if (!add(shard, docId, "commit", TypedValues.NUMBER, commit)) {
      shard.addField(docId, "commit", Long.toString(commit));
    }
    add(shard, docId, "timestamp", TypedValues.TIME, time);
  }
}
