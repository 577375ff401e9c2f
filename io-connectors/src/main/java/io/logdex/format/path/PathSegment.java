package io.logdex.format.path;

import java.util.Objects;

/**
 * One step of a {@link KindedPath}: an object field, a dense index {@code [i]}, a sparse index
 * {@code {i}}, a keyed-array element {@code (key)}, or a wildcard standing for any one step of a
 * kind ({@code .*}, {@code [*]}, {@code {*}}, {@code (*)}).
 *
 * <p>Segments order as the reference orders paths at one position: field (by String) &lt; index
 * (numeric) &lt; sparse index (numeric) &lt; keyed (by String) &lt; wildcards (in that kind order).
 * The order is consistent with equals.
 */
public sealed interface PathSegment extends Comparable<PathSegment>
    permits PathSegment.Field,
        PathSegment.Index,
        PathSegment.Sparse,
        PathSegment.Keyed,
        PathSegment.Wildcard {

  /** What a segment steps into; a wildcard reports the kind it stands for. */
  enum Kind {
    FIELD,
    INDEX,
    SPARSE,
    KEYED
  }

  /** Largest sparse index: sparse keys fit in 32 bits unsigned. */
  long MAX_SPARSE_INDEX = 0xFFFF_FFFFL;

  Wildcard ANY_FIELD = new Wildcard(Kind.FIELD);
  Wildcard ANY_INDEX = new Wildcard(Kind.INDEX);
  Wildcard ANY_SPARSE = new Wildcard(Kind.SPARSE);
  Wildcard ANY_KEYED = new Wildcard(Kind.KEYED);

  Kind kind();

  default boolean isWildcard() {
    return false;
  }

  /**
   * Appends this segment as it is spelled after the segments already in sb: a field gets its
   * {@code .} only when sb is not empty, so a path may begin with a bare field.
   */
  void appendTo(StringBuilder sb);

  /** Whether this segment, read as a pattern, matches the segment s. */
  default boolean matches(PathSegment s) {
    return equals(s);
  }

  static Field field(String name) {
    return new Field(name);
  }

  static Index index(long i) {
    return new Index(i);
  }

  static Sparse sparse(long i) {
    return new Sparse(i);
  }

  static Keyed keyed(String key) {
    return new Keyed(key);
  }

  @Override
  default int compareTo(PathSegment o) {
    int r = Integer.compare(rank(this), rank(o));
    if (r != 0) return r;
    if (this instanceof Field a) return a.name().compareTo(((Field) o).name());
    if (this instanceof Index a) return Long.compare(a.index(), ((Index) o).index());
    if (this instanceof Sparse a) return Long.compare(a.index(), ((Sparse) o).index());
    if (this instanceof Keyed a) return a.key().compareTo(((Keyed) o).key());
    return 0; // two wildcards of one kind
  }

  private static int rank(PathSegment s) {
    if (s instanceof Field) return 0;
    if (s instanceof Index) return 1;
    if (s instanceof Sparse) return 2;
    if (s instanceof Keyed) return 3;
    return 4 + s.kind().ordinal();
  }

  /** An object field, {@code a} or {@code "field name"}; any string, the empty one included. */
  record Field(String name) implements PathSegment {
    public Field {
      Objects.requireNonNull(name, "name");
    }

    @Override
    public Kind kind() {
      return Kind.FIELD;
    }

    @Override
    public void appendTo(StringBuilder sb) {
      PathSyntax.appendField(sb, name);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      PathSyntax.appendFieldText(sb, name);
      return sb.toString();
    }
  }

  /** A dense array index {@code [i]}, i &gt;= 0. */
  record Index(long index) implements PathSegment {
    public Index {
      if (index < 0) throw new IllegalArgumentException("negative index: " + index);
    }

    @Override
    public Kind kind() {
      return Kind.INDEX;
    }

    @Override
    public void appendTo(StringBuilder sb) {
      PathSyntax.appendIndex(sb, index);
    }

    @Override
    public String toString() {
      return "[" + index + "]";
    }
  }

  /** A sparse-array index {@code {i}}, 0 &lt;= i &lt; 2^32. */
  record Sparse(long index) implements PathSegment {
    public Sparse {
      if (index < 0 || index > MAX_SPARSE_INDEX) {
        throw new IllegalArgumentException("sparse index out of range [0, 2^32): " + index);
      }
    }

    @Override
    public Kind kind() {
      return Kind.SPARSE;
    }

    @Override
    public void appendTo(StringBuilder sb) {
      PathSyntax.appendSparse(sb, index);
    }

    @Override
    public String toString() {
      return "{" + index + "}";
    }
  }

  /** The element of a {@code !key(f)} array whose key field's text is key: {@code (jane)}. */
  record Keyed(String key) implements PathSegment {
    public Keyed {
      Objects.requireNonNull(key, "key");
    }

    @Override
    public Kind kind() {
      return Kind.KEYED;
    }

    @Override
    public void appendTo(StringBuilder sb) {
      PathSyntax.appendKeyed(sb, key);
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      PathSyntax.appendKeyed(sb, key);
      return sb.toString();
    }
  }

  /** Any one segment of kind: {@code .*}, {@code [*]}, {@code {*}} or {@code (*)}. */
  record Wildcard(Kind kind) implements PathSegment {
    public Wildcard {
      Objects.requireNonNull(kind, "kind");
    }

    @Override
    public boolean isWildcard() {
      return true;
    }

    @Override
    public boolean matches(PathSegment s) {
      return s.kind() == kind;
    }

    @Override
    public void appendTo(StringBuilder sb) {
      switch (kind) {
        case FIELD:
          if (sb.length() > 0) sb.append('.');
          sb.append('*');
          break;
        case INDEX:
          sb.append("[*]");
          break;
        case SPARSE:
          sb.append("{*}");
          break;
        default:
          sb.append("(*)");
      }
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder();
      appendTo(sb);
      return sb.toString();
    }
  }
}
