package io.logdex.format.history;

import io.logdex.format.path.KindedPath;
import io.logdex.format.path.PathSegment;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import io.logdex.format.tree.NodePaths;

/**
 * How DiffApply reads one node of a Tony diff, restated here because its own classification is
 * package-private to io.logdex.format.tree. Keep the two in step: the model tests of this package
 * replay whole diffs through DiffApply, so a drift shows up there as a mismatch.
 */
final class TonyOps {
  private TonyOps() {}

  enum Op {
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
    boolean isConstant() {
      return this == VALUE || this == INSERT || this == DELETE || this == REPLACE;
    }
  }

  static Op opOf(Node d) {
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

  /** The data under {@code !insert(t) v} / {@code !delete(t) v}: v tagged {@code !t}, or untagged; null if the argument is empty. */
  static Node payload(Node op) {
    String arg = op.tagArgument();
    if (arg == null) return op.withTag(null);
    if (arg.isEmpty()) return null;
    return op.withTag("!" + arg);
  }

  /** {@code !insert v}, keeping v's own tag as the argument ({@code !insert(t)}). */
  static Node insertOf(Node v) {
    return v.withTag(v.tag() == null ? "!insert" : "!insert(" + v.tag().substring(1) + ")");
  }

  static Node deleteOf(Node v) {
    return v.withTag(v.tag() == null ? "!delete" : "!delete(" + v.tag().substring(1) + ")");
  }

  static Node replaceOf(Node from, Node to) {
    return Node.objectBuilder().put("from", from).put("to", to).build().withTag("!replace");
  }

  /** The slot an {@code !arraydiff} key names, or -1 when it is not an index (DiffApply's rule). */
  static long slotOf(NodeKey key) {
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

  /** The key path of a {@code !key(path)} diff, or null when unusable (as tree.KeyedArrays decides). */
  static KindedPath keyPath(Node n) {
    if (!"key".equals(n.tagName())) return null;
    String arg = n.tagArgument();
    if (arg == null || arg.isEmpty()) return null;
    KindedPath p;
    try {
      p = KindedPath.parse(arg);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (p.hasWildcard()) return null;
    for (PathSegment s : p.toArray()) {
      if (s instanceof PathSegment.Keyed) return null;
    }
    return p;
  }

  /** The key a keyed diff element is matched by: a replace's from:'s key, else its to:'s. */
  static Node diffKey(Node element, KindedPath keyPath) {
    if (opOf(element) == Op.REPLACE && element.isObject()) {
      Node from = element.get("from");
      Node k = from == null ? null : NodePaths.get(from, keyPath);
      if (k != null) return k;
      Node to = element.get("to");
      return to == null ? null : NodePaths.get(to, keyPath);
    }
    return NodePaths.get(element, keyPath);
  }

  static Node untagged(Node n) {
    return n == null ? null : n.withTag(null);
  }

  static PathSegment segmentOf(NodeKey k) {
    return k.isSparse() ? PathSegment.sparse(k.index()) : PathSegment.field(k.field());
  }
}
