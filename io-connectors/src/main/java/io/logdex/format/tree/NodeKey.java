package io.logdex.format.tree;

import java.util.Objects;

/**
 * A key of an object node: a field name, or a sparse-array index. Tony reads an unquoted
 * non-negative integer key that fits in 32 bits as a sparse index ({@code {13: x}} is path
 * {@code {13}}); every quoted key, and so every JSON key, is a field.
 */
public final class NodeKey implements Comparable<NodeKey> {
  /** Largest sparse index: keys must fit in 32 bits unsigned. */
  public static final long MAX_SPARSE_INDEX = 0xFFFF_FFFFL;

  private final String field;
  private final long index;

  private NodeKey(String field, long index) {
    this.field = field;
    this.index = index;
  }

  public static NodeKey field(String name) {
    return new NodeKey(Objects.requireNonNull(name, "name"), -1);
  }

  public static NodeKey sparse(long index) {
    if (index < 0 || index > MAX_SPARSE_INDEX) {
      throw new IllegalArgumentException("sparse index out of range [0, 2^32): " + index);
    }
    return new NodeKey(null, index);
  }

  public boolean isSparse() {
    return field == null;
  }

  /** The field name; only for field keys. */
  public String field() {
    if (field == null) throw new IllegalStateException("sparse key has no field name: " + index);
    return field;
  }

  /** The sparse index; only for sparse keys. */
  public long index() {
    if (field != null) throw new IllegalStateException("field key has no index: " + field);
    return index;
  }

  /** The key as JSON would name it: the field, or the index in decimal. */
  public String asText() {
    return field != null ? field : Long.toString(index);
  }

  /** Fields (lexical, by UTF-16 code unit) sort before sparse indices (numeric), as kinded paths do. */
  @Override
  public int compareTo(NodeKey o) {
    if (isSparse() != o.isSparse()) return isSparse() ? 1 : -1;
    return isSparse() ? Long.compare(index, o.index) : field.compareTo(o.field);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NodeKey k && index == k.index && Objects.equals(field, k.field);
  }

  @Override
  public int hashCode() {
    return field != null ? field.hashCode() : Long.hashCode(index) * 31 + 7;
  }

  @Override
  public String toString() {
    return field != null ? field : "{" + index + "}";
  }
}
