package io.logdex.format.tree;

import io.logdex.format.path.KindedPath;
import io.logdex.format.path.PathSegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Kinded paths applied to trees: read the node at a path, list every path of a tree, and build a
 * tree with one path set or removed. Everything here is iterative, so 10,000-level trees are fine.
 *
 * <h2>How each segment steps</h2>
 *
 * <ul>
 *   <li>{@code a} looks up the field {@code a} of an object ({@link NodeKey#field}).
 *   <li>{@code {i}} looks up the sparse key i of an object ({@link NodeKey#sparse}).
 *   <li>{@code [i]} is element i of an array.
 *   <li>{@code (k)} is the first element of an array tagged {@code !key(f)} whose key (the node at
 *       path f inside the element) is a scalar whose text is k: {@code items(W-1)} finds {@code
 *       {sku: "W-1"}} in {@code !key(sku) [...]}. Text is compared, so {@code (1)} finds both
 *       {@code 1} and {@code "1"}; the first one wins. In an array without a {@code !key} tag a
 *       keyed segment finds nothing: which field is the key is only known from the tag.
 * </ul>
 *
 * A segment that does not fit the node (a field of an array, an index past the end) finds
 * nothing. Wildcards are patterns, not addresses: these methods refuse them.
 */
public final class NodePaths {
  private NodePaths() {}

  /** The segment that names the child under k: a field, or a sparse index. */
  public static PathSegment segmentOf(NodeKey k) {
    return k.isSparse() ? PathSegment.sparse(k.index()) : PathSegment.field(k.field());
  }

  /** The node at path, root itself for the root path, or null if there is none. */
  public static Node get(Node root, KindedPath path) {
    refuseWildcards(path);
    Node cur = root;
    for (PathSegment s : path.toArray()) {
      if (cur == null) return null;
      cur = step(cur, s);
    }
    return cur;
  }

  /**
   * Every path of root except the root itself, with its sub-tree, in document order (a node before
   * its children, fields and elements in order): {@code {a: {b: "value"}}} gives {@code a}, {@code
   * a.b}. The list holds one entry per node; prefer {@link #forEachPath} for large trees.
   */
  public static List<Map.Entry<KindedPath, Node>> extractAll(Node root) {
    List<Map.Entry<KindedPath, Node>> out = new ArrayList<>();
    forEachPath(root, (p, n) -> out.add(Map.entry(p, n)));
    return out;
  }

  /**
   * Calls visitor with every path of root except the root, in the order of {@link #extractAll},
   * without building a list. Object fields are {@code .f} or {@code {i}} by their key. Elements of
   * an array tagged {@code !key(f)} are {@code (key)}: that is the address a diff uses and it does
   * not move when elements are inserted before it. An element whose key is missing, is not a
   * scalar, or repeats an earlier element's key text is {@code [i]} instead, which {@link #get}
   * also resolves. Other array elements are {@code [i]}.
   */
  public static void forEachPath(Node root, BiConsumer<KindedPath, Node> visitor) {
    Objects.requireNonNull(visitor, "visitor");
    if (root == null || root.size() == 0) return;
    ArrayDeque<Walk> stack = new ArrayDeque<>();
    stack.push(new Walk(root, KindedPath.ROOT));
    while (!stack.isEmpty()) {
      Walk w = stack.peek();
      if (w.next == w.node.size()) {
        stack.pop();
        continue;
      }
      int i = w.next++;
      Node child = w.node.child(i);
      KindedPath p = w.path.child(w.segment(i, child));
      visitor.accept(p, child);
      if (child.size() > 0) stack.push(new Walk(child, p));
    }
  }

  /**
   * root with the node at path replaced by value (or added), copying only the nodes along the path;
   * value itself for the root path. Missing objects along the way are created, so setting {@code
   * a.b} in {@code {}} gives {@code {a: {b: value}}}; a missing or null node before {@code [i]}
   * becomes an empty array. {@code [i]} may name an existing element or the one just past the end
   * (an append). {@code (k)} may name an existing element, or for the last segment a new one
   * (appended); as the last segment, value must have key text k, so that {@code get} finds it.
   *
   * @throws IllegalArgumentException for wildcards, or when a segment cannot be made to fit: a field
   *     of an array or scalar, an index more than one past the end, a missing element of a keyed
   *     array that is not the last segment (its key's field and type are unknown), a keyed segment
   *     into an array with no {@code !key} tag
   */
  public static Node set(Node root, KindedPath path, Node value) {
    Objects.requireNonNull(value, "value");
    refuseWildcards(path);
    PathSegment[] segs = path.toArray();
    int n = segs.length;
    if (n == 0) return value;
    Node[] parents = new Node[n];
    int[] positions = new int[n];
    Node cur = root;
    for (int d = 0; d < n; d++) {
      PathSegment s = segs[d];
      if (cur == null || cur.isNull()) cur = emptyFor(s, path, d);
      parents[d] = cur;
      int pos = position(cur, s, path, d);
      if (pos < 0) {
        if (!(s instanceof PathSegment.Keyed)) {
          pos = cur.size(); // a new field, or the element just past the end: appended
        } else if (s instanceof PathSegment.Keyed k && d == n - 1) {
          checkKey(cur, k, value, path, d);
          pos = cur.size();
        } else {
          throw conflict(path, d, "no such element to descend into");
        }
      }
      if (s instanceof PathSegment.Keyed k && d == n - 1 && pos < cur.size()) {
        checkKey(cur, k, value, path, d);
      }
      positions[d] = pos;
      cur = pos < cur.size() ? cur.child(pos) : null;
    }
    Node v = value;
    for (int d = n - 1; d >= 0; d--) v = replaced(parents[d], segs[d], positions[d], v);
    return v;
  }

  /**
   * root without the node at path, copying only the nodes along the path; null for the root path;
   * root itself (the same instance) when there is nothing at path. Removing {@code [i]} shifts the
   * elements after it.
   */
  public static Node remove(Node root, KindedPath path) {
    refuseWildcards(path);
    PathSegment[] segs = path.toArray();
    int n = segs.length;
    if (n == 0) return null;
    Node[] parents = new Node[n];
    int[] positions = new int[n];
    Node cur = root;
    for (int d = 0; d < n; d++) {
      if (cur == null) return root;
      int pos = position(cur, segs[d], null, d);
      if (pos < 0) return root;
      parents[d] = cur;
      positions[d] = pos;
      cur = cur.child(pos);
    }
    Node v = without(parents[n - 1], positions[n - 1]);
    for (int d = n - 2; d >= 0; d--) v = replaced(parents[d], segs[d], positions[d], v);
    return v;
  }

  // ---- stepping ----

  static Node step(Node cur, PathSegment s) {
    int pos = position(cur, s, null, 0);
    return pos < 0 ? null : cur.child(pos);
  }

  /**
   * Where s points inside cur, or -1 if it finds nothing. With a path (set), a segment that cannot
   * apply to cur at all is an error; without one (get, remove) it simply finds nothing.
   */
  private static int position(Node cur, PathSegment s, KindedPath path, int depth) {
    if (s instanceof PathSegment.Field f) {
      if (!cur.isObject()) return mismatch(cur, path, depth, "an object");
      return cur.indexOf(NodeKey.field(f.name()));
    }
    if (s instanceof PathSegment.Sparse sp) {
      if (!cur.isObject()) return mismatch(cur, path, depth, "an object");
      return cur.indexOf(NodeKey.sparse(sp.index()));
    }
    if (s instanceof PathSegment.Index ix) {
      if (!cur.isArray()) return mismatch(cur, path, depth, "an array");
      if (ix.index() < cur.size()) return (int) ix.index();
      if (path != null && ix.index() > cur.size()) {
        throw conflict(path, depth, "index " + ix.index() + " is past the end of " + cur.size() + " elements");
      }
      return -1;
    }
    PathSegment.Keyed k = (PathSegment.Keyed) s;
    if (!cur.isArray()) return mismatch(cur, path, depth, "a keyed array");
    KindedPath keyPath = KeyedArrays.keyPath(cur);
    if (keyPath == null) return mismatch(cur, path, depth, "an array tagged !key(field)");
    for (int i = 0; i < cur.size(); i++) {
      if (k.key().equals(KeyedArrays.keyText(KeyedArrays.keyOf(cur.child(i), keyPath)))) return i;
    }
    return -1;
  }

  private static int mismatch(Node cur, KindedPath path, int depth, String wanted) {
    if (path == null) return -1;
    String have = cur.tag() == null ? cur.kind().inWords() : cur.kind().inWords() + " tagged " + cur.tag();
    throw conflict(path, depth, "needs " + wanted + ", found " + have);
  }

  // Without this, get(set(root, p, v), p) would not find v, or would find another element.
  private static void checkKey(Node array, PathSegment.Keyed k, Node value, KindedPath path, int d) {
    String have = KeyedArrays.keyText(KeyedArrays.keyOf(value, KeyedArrays.keyPath(array)));
    if (!k.key().equals(have)) {
      throw conflict(path, d, "the new element's key is " + have + ", not " + k.key());
    }
  }

  private static Node emptyFor(PathSegment s, KindedPath path, int depth) {
    if (s instanceof PathSegment.Index) return Node.array();
    if (s instanceof PathSegment.Keyed) {
      throw conflict(path, depth, "cannot create a keyed array: its key field is not known");
    }
    return Node.emptyObject();
  }

  /** parent (found by s at pos, or pos == size for an addition) with that child set to v. */
  private static Node replaced(Node parent, PathSegment s, int pos, Node v) {
    if (parent.isObject()) {
      NodeKey key = pos < parent.size() ? parent.key(pos) : keyOf(s);
      return parent.withField(key, v);
    }
    if (pos < parent.size()) return parent.withElement(pos, v);
    List<Node> elements = new ArrayList<>(parent.size() + 1);
    elements.addAll(parent.children());
    elements.add(v);
    return Node.array(elements).withTag(parent.tag());
  }

  private static Node without(Node parent, int pos) {
    if (parent.isObject()) return parent.withoutField(parent.key(pos));
    List<Node> elements = new ArrayList<>(parent.children());
    elements.remove(pos);
    return Node.array(elements).withTag(parent.tag());
  }

  private static NodeKey keyOf(PathSegment s) {
    return s instanceof PathSegment.Sparse sp
        ? NodeKey.sparse(sp.index())
        : NodeKey.field(((PathSegment.Field) s).name());
  }

  private static void refuseWildcards(KindedPath path) {
    if (path.hasWildcard()) {
      throw new IllegalArgumentException("a wildcard path is a pattern, not an address: " + path);
    }
  }

  private static IllegalArgumentException conflict(KindedPath path, int depth, String why) {
    return new IllegalArgumentException(
        "cannot set " + path + ": at " + path.prefix(depth + 1) + " " + why);
  }

  /** One container being walked by forEachPath: its next child and, if keyed, the keys seen. */
  private static final class Walk {
    final Node node;
    final KindedPath path;
    final KindedPath keyPath;
    HashSet<String> seenKeys;
    int next;

    Walk(Node node, KindedPath path) {
      this.node = node;
      this.path = path;
      this.keyPath = node.isArray() ? KeyedArrays.keyPath(node) : null;
    }

    PathSegment segment(int i, Node child) {
      if (node.isObject()) {
        return segmentOf(node.key(i));
      }
      if (keyPath != null) {
        String key = KeyedArrays.keyText(KeyedArrays.keyOf(child, keyPath));
        if (key != null) {
          if (seenKeys == null) seenKeys = new HashSet<>();
          if (seenKeys.add(key)) return PathSegment.keyed(key);
        }
      }
      return PathSegment.index(i);
    }
  }
}
