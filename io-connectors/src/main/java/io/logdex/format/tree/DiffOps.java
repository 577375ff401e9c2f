package io.logdex.format.tree;

import io.logdex.format.path.KindedPath;

/**
 * How a node of a Tony diff is read: which operation its tag names, what data an {@code !insert} or
 * {@code !delete} carries, which slot an {@code !arraydiff} key names, and how keyed diff elements
 * are matched. {@link DiffApply} applies diffs by these rules; code that reasons about diffs without
 * applying them (composing, restricting to a path, validating) uses the same ones, so the two can
 * never disagree on what a diff means. The builders make diffs in the reference's shapes.
 */
public final class DiffOps {
  private DiffOps() {}

  /** The operation a diff node stands for. */
  public enum Op {
    /** An untagged object: merged field by field into an object state. */
    MERGE,
    /** An untagged scalar or array, or a value under a tag that is not a diff tag. */
    VALUE,
    INSERT,
    DELETE,
    REPLACE,
    ARRAYDIFF,
    /** {@code !key(f) [...]}: elements matched to the state's by key. */
    KEYED;

    /**
     * Whether the op's result is the same whatever state it meets (in lenient application):
     * insert gives its value, delete gives absence, replace gives to:, a value gives itself.
     */
    public boolean isConstant() {
      return this == VALUE || this == INSERT || this == DELETE || this == REPLACE;
    }
  }

  /** The operation d's tag names; an untagged object is a merge, anything else a value. */
  public static Op opOf(Node d) {
    String name = d.tagName();
    if (name == null) return d.isObject() ? Op.MERGE : Op.VALUE;
    switch (name) {
      case "insert":
        return Op.INSERT;
      case "delete":
        return Op.DELETE;
      case "replace":
        return Op.REPLACE;
      case "arraydiff":
        return Op.ARRAYDIFF;
      case "key":
        return d.isArray() ? Op.KEYED : Op.VALUE;
      default:
        return Op.VALUE;
    }
  }

  /**
   * The data under {@code !insert(t) v} / {@code !delete(t) v}: v tagged {@code !t}, or untagged
   * when the tag has no argument; null when the argument is empty, which is malformed.
   */
  public static Node payload(Node op) {
    String arg = op.tagArgument();
    if (arg == null) return op.withTag(null);
    if (arg.isEmpty()) return null;
    return op.withTag("!" + arg);
  }

  /** {@code !insert v}, keeping v's own tag as the argument ({@code !insert(t)}). */
  public static Node insertOf(Node v) {
    return v.withTag(v.tag() == null ? "!insert" : "!insert(" + v.tag().substring(1) + ")");
  }

  /** {@code !delete v}, keeping v's own tag as the argument ({@code !delete(t)}). */
  public static Node deleteOf(Node v) {
    return v.withTag(v.tag() == null ? "!delete" : "!delete(" + v.tag().substring(1) + ")");
  }

  /** {@code !replace {from: from, to: to}}. */
  public static Node replaceOf(Node from, Node to) {
    return Node.objectBuilder().put("from", from).put("to", to).build().withTag("!replace");
  }

  /**
   * The alignment slot an {@code !arraydiff} key names, or -1 when it is not one. A diff read from
   * JSON has string keys, so a field key counts when it is a canonical decimal (no sign, no leading
   * zero) no greater than {@link NodeKey#MAX_SPARSE_INDEX}.
   */
  public static long slotOf(NodeKey key) {
    if (key.isSparse()) return key.index();
    String f = key.field();
    if (f.isEmpty() || f.length() > 10 || (f.length() > 1 && f.charAt(0) == '0')) return -1;
    long v = 0;
    for (int i = 0; i < f.length(); i++) {
      char c = f.charAt(i);
      if (c < '0' || c > '9') return -1;
      v = v * 10 + (c - '0');
    }
    return v > NodeKey.MAX_SPARSE_INDEX ? -1 : v;
  }

  /**
   * The path of the key inside each element of a {@code !key(path)} array diff, or null when n is
   * not tagged so or the argument is not a usable key path (see {@link KeyedArrays#keyPath}).
   */
  public static KindedPath keyPath(Node n) {
    return KeyedArrays.keyPath(n);
  }

  /**
   * The key a keyed diff element is matched by, or null when it has none: a replace's from:'s key,
   * else its to:'s; any other element's own.
   */
  public static Node diffKey(Node element, KindedPath keyPath) {
    if (opOf(element) == Op.REPLACE && element.isObject()) {
      Node from = element.get("from");
      Node k = from == null ? null : KeyedArrays.keyOf(from, keyPath);
      if (k != null) return k;
      Node to = element.get("to");
      return to == null ? null : KeyedArrays.keyOf(to, keyPath);
    }
    return KeyedArrays.keyOf(element, keyPath);
  }

  /** n without its tag, as keys are compared; null stays null. */
  public static Node untagged(Node n) {
    return n == null ? null : n.withTag(null);
  }
}
