package io.logdex.format.tree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 7386 JSON Merge Patch, the JSON counterpart of a Tony diff:
 *
 * <pre>
 * MergePatch(target, patch):
 *   if patch is an object:
 *     if target is not an object: target = {}
 *     for each name/value of patch:
 *       if value is null: remove name from target (if there)
 *       else: target[name] = MergePatch(target[name], value)
 *     return target
 *   else: return patch
 * </pre>
 *
 * Fields that survive keep their place in the target; new fields follow in the patch's order. A
 * Java null target is absent (not an object); a Java null patch changes nothing (it is not the JSON
 * {@code null}, which replaces the target with null). Sparse keys are keys like any other. Tony tags,
 * which JSON lacks: a merged object keeps the target's tag; an object made because the target was
 * not one takes the patch's; a non-object patch replaces the target, tag and all. Iterative: a patch
 * 10,000 levels deep is fine.
 */
public final class MergePatch {
  private MergePatch() {}

  public static Node apply(Node target, Node patch) {
    if (patch == null) return target;
    if (!patch.isObject()) return patch;
    ArrayDeque<Merge> stack = new ArrayDeque<>();
    stack.push(new Merge(target, patch));
    while (true) {
      Merge top = stack.peek();
      Node child = top.advance();
      if (child != null) {
        // An object value merges into the target's field: one level down.
        stack.push(new Merge(top.targetField(), child));
        continue;
      }
      stack.pop();
      Node result = top.finish();
      if (stack.isEmpty()) return result;
      stack.peek().accept(result);
    }
  }

  /** One patch object being merged into its target (null or a non-object counts as {}). */
  private static final class Merge {
    final Node target; // null unless an object
    final Node patch;
    final Node[] results; // null: removed
    int next;

    Merge(Node target, Node patch) {
      this.target = target != null && target.isObject() ? target : null;
      this.patch = patch;
      this.results = new Node[patch.size()];
    }

    /** Settles fields until one needs a nested merge, and returns that patch value; null when done. */
    Node advance() {
      while (next < patch.size()) {
        Node v = patch.child(next);
        if (v.isObject()) return v;
        results[next++] = v.isNull() ? null : v;
      }
      return null;
    }

    Node targetField() {
      return target == null ? null : target.get(patch.key(next));
    }

    void accept(Node merged) {
      results[next++] = merged;
    }

    Node finish() {
      List<NodeKey> keys = new ArrayList<>();
      List<Node> values = new ArrayList<>();
      if (target != null) {
        for (int i = 0; i < target.size(); i++) {
          NodeKey k = target.key(i);
          int p = patch.indexOf(k);
          Node v = p < 0 ? target.child(i) : results[p];
          if (v != null) {
            keys.add(k);
            values.add(v);
          }
        }
      }
      for (int p = 0; p < results.length; p++) {
        if (results[p] != null && (target == null || target.indexOf(patch.key(p)) < 0)) {
          keys.add(patch.key(p));
          values.add(results[p]);
        }
      }
      return Node.object(keys, values).withTag(target != null ? target.tag() : patch.tag());
    }
  }
}
