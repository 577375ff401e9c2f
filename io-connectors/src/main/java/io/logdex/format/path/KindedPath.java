package io.logdex.format.path;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * An immutable kinded path: the address of a node inside a JSON/Tony document, such as
 * {@code a[0].b{1}.c}, {@code 'field name'.value} or {@code data[0].users(jane).settings{1}}. The
 * root is the empty path {@code ""}.
 *
 * <p>A path is its parent plus one segment, so {@link #child} is O(1) and extracting every path of
 * a document costs one small object per node however deep it is; equals, hashCode (cached),
 * compareTo and toString walk the chain without recursion.
 *
 * <p>{@link #toString()} is the canonical spelling, produced by {@link PathSyntax}; {@link #parse}
 * reads it back: {@code parse(p.toString()).equals(p)} for every path.
 *
 * <p>Order ({@link #compareTo}) is the reference's: a prefix sorts before every path it prefixes,
 * and at the first differing position segments order by {@link PathSegment#compareTo}: field
 * (lexical) &lt; index (numeric) &lt; sparse index (numeric) &lt; keyed (lexical) &lt; wildcards.
 * It is consistent with equals.
 */
public final class KindedPath implements Comparable<KindedPath>, Serializable {
  private static final long serialVersionUID = 1L;

  /** The root, spelled {@code ""}. */
  public static final KindedPath ROOT = new KindedPath();

  private final KindedPath parent;
  private final PathSegment last;
  private final int depth;
  private final int hash;
  private final boolean wildcard;
  private transient String text; // built on first toString(); most extracted paths never print

  private KindedPath() {
    this.parent = null;
    this.last = null;
    this.depth = 0;
    this.hash = 1;
    this.wildcard = false;
    this.text = "";
  }

  private KindedPath(KindedPath parent, PathSegment last) {
    this.parent = parent;
    this.last = last;
    this.depth = parent.depth + 1;
    this.hash = 31 * parent.hash + last.hashCode();
    this.wildcard = parent.wildcard || last.isWildcard();
  }

  /**
   * Parses a path. Accepts {@code '…'} and {@code "…"} quoting with JSON escapes.
   *
   * @throws MalformedPathException (an IllegalArgumentException) naming the character offset
   */
  public static KindedPath parse(String text) {
    return PathParser.parse(Objects.requireNonNull(text, "text"));
  }

  public static KindedPath of(PathSegment... segments) {
    return of(Arrays.asList(segments));
  }

  public static KindedPath of(List<? extends PathSegment> segments) {
    KindedPath p = ROOT;
    for (PathSegment s : segments) p = p.child(s);
    return p;
  }

  // ---- builders ----

  public KindedPath child(PathSegment segment) {
    return new KindedPath(this, Objects.requireNonNull(segment, "segment"));
  }

  public KindedPath field(String name) {
    return child(PathSegment.field(name));
  }

  public KindedPath index(long i) {
    return child(PathSegment.index(i));
  }

  public KindedPath sparse(long i) {
    return child(PathSegment.sparse(i));
  }

  public KindedPath keyed(String key) {
    return child(PathSegment.keyed(key));
  }

  /** This path followed by every segment of rest. */
  public KindedPath resolve(KindedPath rest) {
    KindedPath p = this;
    for (PathSegment s : rest.toArray()) p = p.child(s);
    return p;
  }

  // ---- structure ----

  public boolean isRoot() {
    return depth == 0;
  }

  /** The number of segments; 0 for the root. */
  public int depth() {
    return depth;
  }

  /** The path without its last segment; null for the root, which has no parent. */
  public KindedPath parent() {
    return parent;
  }

  /** The last segment; null for the root. */
  public PathSegment lastSegment() {
    return last;
  }

  /** The segments from the root down, as an unmodifiable list. */
  public List<PathSegment> segments() {
    return Collections.unmodifiableList(Arrays.asList(toArray()));
  }

  /** The segments from the root down, in a fresh array. */
  public PathSegment[] toArray() {
    PathSegment[] a = new PathSegment[depth];
    KindedPath p = this;
    for (int i = depth - 1; i >= 0; i--) {
      a[i] = p.last;
      p = p.parent;
    }
    return a;
  }

  /** The prefix of this path with n segments, 0 &lt;= n &lt;= depth(). */
  public KindedPath prefix(int n) {
    if (n < 0 || n > depth) throw new IllegalArgumentException("prefix " + n + " of depth " + depth);
    KindedPath p = this;
    for (int i = depth; i > n; i--) p = p.parent;
    return p;
  }

  /** The rest of this path below ancestor, which must be a prefix of it (or equal: the root). */
  public KindedPath relativeTo(KindedPath ancestor) {
    if (!ancestor.isPrefixOf(this)) {
      throw new IllegalArgumentException(ancestor + " is not a prefix of " + this);
    }
    PathSegment[] a = toArray();
    KindedPath p = ROOT;
    for (int i = ancestor.depth; i < a.length; i++) p = p.child(a[i]);
    return p;
  }

  /** Whether any segment is a wildcard, making this a pattern for {@link #matches}. */
  public boolean hasWildcard() {
    return wildcard;
  }

  // ---- relations ----

  /** Non-strict: true when other starts with this path, including when they are equal. */
  public boolean isPrefixOf(KindedPath other) {
    return other.depth >= depth && other.prefix(depth).equals(this);
  }

  /** Strict: true when other starts with this path and is longer. */
  public boolean isAncestorOf(KindedPath other) {
    return other.depth > depth && isPrefixOf(other);
  }

  /** True when this path is parent followed by exactly one segment. */
  public boolean isChildOf(KindedPath parent) {
    return depth == parent.depth + 1 && this.parent.equals(parent);
  }

  /**
   * Whether this path, read as a pattern, matches concrete: the same depth, and at each position
   * an equal segment or a wildcard of that segment's kind ({@code .*} matches fields only, not
   * sparse indices). A path without wildcards matches only itself.
   */
  public boolean matches(KindedPath concrete) {
    if (concrete.depth != depth) return false;
    if (!wildcard) return equals(concrete);
    KindedPath a = this, b = concrete;
    while (a != b && a.depth > 0) {
      if (!a.last.matches(b.last)) return false;
      a = a.parent;
      b = b.parent;
    }
    return true;
  }

  // ---- value semantics ----

  @Override
  public int compareTo(KindedPath o) {
    if (this == o) return 0;
    PathSegment[] a = toArray(), b = o.toArray();
    int n = Math.min(a.length, b.length);
    for (int i = 0; i < n; i++) {
      int c = a[i].compareTo(b[i]);
      if (c != 0) return c;
    }
    return Integer.compare(a.length, b.length);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof KindedPath)) return false;
    KindedPath a = this, b = (KindedPath) o;
    if (a.depth != b.depth || a.hash != b.hash) return false;
    // Both chains end at the one ROOT, and shared parents end the walk early.
    while (a != b) {
      if (!a.last.equals(b.last)) return false;
      a = a.parent;
      b = b.parent;
    }
    return true;
  }

  @Override
  public int hashCode() {
    return hash;
  }

  /** The canonical spelling, via {@link PathSyntax}; {@code ""} for the root. */
  @Override
  public String toString() {
    String t = text;
    if (t == null) {
      StringBuilder sb = new StringBuilder(depth * 4);
      for (PathSegment s : toArray()) s.appendTo(sb);
      t = sb.toString();
      text = t;
    }
    return t;
  }

  // ---- bounded spelling: whether a path is short enough to be an index term ----

  /**
   * {@link #toString()} when it takes at most maxBytes UTF-8 bytes, else null, spelling no more
   * than that: a deep path costs O(maxBytes), never O(depth) of formatting.
   */
  public String toStringWithin(int maxBytes) {
    if (depth > maxBytes) return null; // every segment takes a byte at least
    StringBuilder sb = new StringBuilder();
    return spellWithin(this, sb, maxBytes) == depth ? sb.toString() : null;
  }

  /** The depth of the longest prefix of this path (itself included) spelled in at most maxBytes. */
  public int prefixDepthWithin(int maxBytes) {
    return spellWithin(depth > maxBytes ? prefix(maxBytes) : this, new StringBuilder(), maxBytes);
  }

  /** Spells p's segments into sb while they fit in maxBytes; returns how many did. */
  private static int spellWithin(KindedPath p, StringBuilder sb, int maxBytes) {
    PathSegment[] segs = p.toArray();
    int bytes = 0;
    for (int i = 0; i < segs.length; i++) {
      int from = sb.length();
      segs[i].appendTo(sb);
      bytes += PathSyntax.utf8Length(sb, from, sb.length());
      if (bytes > maxBytes) {
        sb.setLength(from);
        return i;
      }
    }
    return segs.length;
  }

  // ---- serialization: as text, so that a 10,000-segment chain is not serialized recursively ----

  private Object writeReplace() {
    return new SerializedForm(toString());
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("KindedPath is serialized through its text");
  }

  private static final class SerializedForm implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String text;

    SerializedForm(String text) {
      this.text = text;
    }

    private Object readResolve() {
      return text.isEmpty() ? ROOT : parse(text);
    }
  }
}
