package io.logdex.format.history;

import io.logdex.format.FormatException;
import io.logdex.format.path.KindedPath;
import io.logdex.format.path.PathSegment;
import io.logdex.format.tree.DiffApply;
import io.logdex.format.tree.DiffOps;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import io.logdex.format.tree.NodePaths;
import java.util.Arrays;

/**
 * Cuts a root diff down to its effect on the subtree at one path, without changing what it means.
 *
 * <p>{@code NodePaths.get(diff, path)} is not that cut: under {@code !delete v} the node at a
 * sub-path is old data, not a diff; under {@code !insert v} an untagged object is a value that
 * replaces, not a merge; under {@code !replace} the sub-path runs through from:/to:; under
 * {@code !arraydiff} keys are alignment slots, not indices. So the walk from the root follows the
 * diff only through untagged objects (for Tony) or objects (for merge patches), which are the
 * nodes whose fields apply to the state's fields one for one, and decides where it stops:
 *
 * <ul>
 *   <li>nothing there: {@link Effect#UNCHANGED};
 *   <li>an untagged object (merge patch: an object) when the next step is {@code [i]} or {@code
 *       (k)}: afterwards the ancestor is an object, so the path is {@link Effect#DELETED};
 *   <li>a node whose result does not depend on the state (Tony {@code !insert}, {@code !delete},
 *       {@code !replace}, scalars, untagged arrays, values under other tags; merge patch
 *       non-objects and the null that deletes a field): it is resolved, and the path's part of
 *       the result is a {@link Effect.Constant} (or DELETED). No ancestor's state is needed;
 *   <li>the path itself, with a state-dependent diff: {@link Effect.DiffAt};
 *   <li>a Tony {@code !arraydiff} or {@code !key(f)} diff above the path: {@link
 *       Effect.NeedsAncestor}. Which element lands at {@code [i]}, and how a keyed element is
 *       matched, depend on the array's state, so the caller must lift the read to that ancestor.
 * </ul>
 *
 * Merge patches never need an ancestor. The walk costs O(depth of path).
 */
public final class DiffRestriction {
  private DiffRestriction() {}

  /**
   * The effect of rootDiff on the subtree at path.
   *
   * @throws FormatException when a node on the way that has to be resolved is malformed (a
   *     {@code !replace} without to:, say); its path is absolute
   * @throws IllegalArgumentException for a wildcard path
   */
  public static Effect restrict(Node rootDiff, KindedPath path, DiffKind kind) throws FormatException {
    if (path.hasWildcard()) throw new IllegalArgumentException("a wildcard path is not an address: " + path);
    PathSegment[] segs = path.toArray();
    return kind == DiffKind.TONY ? tony(rootDiff, path, segs) : mergePatch(rootDiff, segs);
  }

  private static Effect tony(Node d, KindedPath path, PathSegment[] segs) throws FormatException {
    for (int depth = 0; ; depth++) {
      if (d == null) return Effect.UNCHANGED;
      DiffOps.Op op = DiffOps.opOf(d);
      if (op.isConstant()) return constant(resolve(d, path.prefix(depth)), segs, depth);
      if (depth == segs.length) return new Effect.DiffAt(d);
      if (op != DiffOps.Op.MERGE) return new Effect.NeedsAncestor(path.prefix(depth));
      NodeKey key = objectKey(segs[depth]);
      if (key == null) return Effect.DELETED;
      d = d.get(key);
    }
  }

  private static Effect mergePatch(Node d, PathSegment[] segs) {
    for (int depth = 0; ; depth++) {
      if (d == null) return Effect.UNCHANGED;
      // A null below the root has already been read as "delete" by its parent's step.
      if (!d.isObject()) return constant(d, segs, depth);
      if (depth == segs.length) return new Effect.DiffAt(d);
      NodeKey key = objectKey(segs[depth]);
      if (key == null) return Effect.DELETED;
      d = d.get(key);
      if (d != null && d.isNull()) return Effect.DELETED;
    }
  }

  /** The part at segs[depth..] of value, which now stands at segs[..depth]. */
  private static Effect constant(Node value, PathSegment[] segs, int depth) {
    Node v = value;
    if (v != null && depth < segs.length) {
      v = NodePaths.get(v, KindedPath.of(Arrays.asList(segs).subList(depth, segs.length)));
    }
    return v == null ? Effect.DELETED : new Effect.Constant(v);
  }

  /** A constant diff node's result: what DiffApply gives for it against any state. */
  private static Node resolve(Node d, KindedPath at) throws FormatException {
    try {
      return DiffApply.apply(null, d);
    } catch (FormatException e) {
      throw Paths.rebase(e, at);
    }
  }

  /** The object key a field or sparse segment steps to; null for [i], (k). */
  static NodeKey objectKey(PathSegment s) {
    if (s instanceof PathSegment.Field f) return NodeKey.field(f.name());
    if (s instanceof PathSegment.Sparse sp) return NodeKey.sparse(sp.index());
    return null;
  }
}
