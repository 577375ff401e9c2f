package io.logdex.format.tree;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test-only: builds a Tony diff from a to b, in the shapes the reference's libdiff makes (object
 * merges, {@code !arraydiff} by alignment slot, keyed lists, {@code !insert}/{@code !delete} with
 * the value's tag as argument, {@code !replace {from, to}}), so that apply(a, diff(a, b)) can be
 * checked against b. Public for the history package's model tests, which diff random trees the
 * same way. Recursive: only for small random trees.
 */
public final class DiffApplyTestDiffer {
  private DiffApplyTestDiffer() {}

  /** The diff from a to b, or null when they are equal. Both non-null. */
  public static Node diff(Node a, Node b) {
    if (a.equals(b)) return null;
    if (eq(a.tag(), b.tag()) && a.isObject() && b.isObject()) {
      Node d = objectDiff(a, b);
      if (d != null) return d;
    }
    if (eq(a.tag(), b.tag()) && a.isArray() && b.isArray()) {
      Node d = "key".equals(a.tagName()) ? keyedDiff(a, b) : null;
      return d != null ? d : arrayDiff(a, b);
    }
    return DiffOps.replaceOf(a, b);
  }

  /** A merge, or null when b's field order is not what a merge of a produces. */
  private static Node objectDiff(Node a, Node b) {
    List<NodeKey> expectedOrder = new ArrayList<>();
    for (NodeKey k : a.keys()) if (b.indexOf(k) >= 0) expectedOrder.add(k);
    for (NodeKey k : b.keys()) if (a.indexOf(k) < 0) expectedOrder.add(k);
    if (!expectedOrder.equals(b.keys())) return null;
    Node.ObjectBuilder d = Node.objectBuilder();
    for (int i = 0; i < a.size(); i++) {
      Node bv = b.get(a.key(i));
      if (bv == null) d.put(a.key(i), DiffOps.deleteOf(a.child(i)));
      else {
        Node sub = diff(a.child(i), bv);
        if (sub != null) d.put(a.key(i), sub);
      }
    }
    for (int i = 0; i < b.size(); i++) {
      if (a.indexOf(b.key(i)) < 0) d.put(b.key(i), DiffOps.insertOf(b.child(i)));
    }
    return d.build();
  }

  /** Elements aligned by a longest common subsequence; a delete then an insert is one change. */
  private static Node arrayDiff(Node a, Node b) {
    int n = a.size(), m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] = a.child(i).equals(b.child(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    Node.ObjectBuilder d = Node.objectBuilder();
    long slot = 0;
    int i = 0, j = 0;
    Node pendingDelete = null; // the old element a delete in the previous slot removed
    while (i < n || j < m) {
      if (i < n && j < m && a.child(i).equals(b.child(j))) {
        pendingDelete = null;
        i++;
        j++;
        slot++;
      } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
        if (pendingDelete != null) {
          // The insert lands where the previous slot deleted: one change in that slot.
          Node change = diff(pendingDelete, b.child(j));
          d.put(NodeKey.sparse(slot - 1), change);
          pendingDelete = null;
        } else {
          d.put(NodeKey.sparse(slot++), DiffOps.insertOf(b.child(j)));
        }
        j++;
      } else {
        d.put(NodeKey.sparse(slot), DiffOps.deleteOf(a.child(i)));
        pendingDelete = a.child(i);
        slot++;
        i++;
      }
    }
    Node built = d.build();
    return built.size() == 0 ? null : built.withTag("!arraydiff");
  }

  /** A keyed-list diff, or null when the elements are not uniquely keyed or b's order is unreachable. */
  private static Node keyedDiff(Node a, Node b) {
    String f = a.tagArgument();
    Map<Node, Integer> inA = keys(a, f), inB = keys(b, f);
    if (inA == null || inB == null) return null;
    List<Node> expected = new ArrayList<>();
    for (Node e : a.children()) {
      Integer j = inB.get(e.get(f));
      if (j != null) expected.add(b.child(j));
    }
    for (Node e : b.children()) if (!inA.containsKey(e.get(f))) expected.add(e);
    if (!expected.equals(b.children())) return null;
    List<Node> out = new ArrayList<>();
    for (Node e : a.children()) {
      Integer j = inB.get(e.get(f));
      if (j == null) {
        out.add(DiffOps.deleteOf(e));
        continue;
      }
      Node sub = diff(e, b.child(j));
      if (sub == null) continue;
      // The element's diff must name its key, as the reference's placeKey puts it back.
      if (sub.tag() == null && sub.isObject()) sub = sub.withField(NodeKey.field(f), e.get(f));
      out.add(sub);
    }
    for (Node e : b.children()) if (!inA.containsKey(e.get(f))) out.add(DiffOps.insertOf(e));
    return out.isEmpty() ? null : Node.array(out).withTag(a.tag());
  }

  private static Map<Node, Integer> keys(Node arr, String f) {
    Map<Node, Integer> m = new HashMap<>();
    Set<Node> seen = new HashSet<>();
    for (int i = 0; i < arr.size(); i++) {
      Node e = arr.child(i);
      Node k = e.isObject() ? e.get(f) : null;
      if (k == null || k.isContainer() || k.tag() != null || !seen.add(k)) return null;
      m.put(k, i);
    }
    return m;
  }

  private static boolean eq(String x, String y) {
    return x == null ? y == null : x.equals(y);
  }
}
