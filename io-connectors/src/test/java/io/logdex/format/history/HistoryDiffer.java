package io.logdex.format.history;

import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Test-only: a Tony diff from a to b in the reference's shapes (object merges, {@code !arraydiff}
 * by alignment slot, keyed lists, {@code !insert}/{@code !delete} with the value's tag as argument,
 * {@code !replace {from, to}}). The same construction as the tree package's DiffApplyTestDiffer,
 * which is package-private there. Recursive: only for small random trees.
 */
final class HistoryDiffer {
  private HistoryDiffer() {}

  /** The diff from a to b, or null when they are equal. */
  static Node diff(Node a, Node b) {
    if (a.equals(b)) return null;
    if (Objects.equals(a.tag(), b.tag()) && a.isObject() && b.isObject()) {
      Node d = objectDiff(a, b);
      if (d != null) return d;
    }
    if (Objects.equals(a.tag(), b.tag()) && a.isArray() && b.isArray()) {
      Node d = "key".equals(a.tagName()) ? keyedDiff(a, b) : null;
      return d != null ? d : arrayDiff(a, b);
    }
    return TonyOps.replaceOf(a, b);
  }

  private static Node objectDiff(Node a, Node b) {
    List<NodeKey> expectedOrder = new ArrayList<>();
    for (NodeKey k : a.keys()) if (b.indexOf(k) >= 0) expectedOrder.add(k);
    for (NodeKey k : b.keys()) if (a.indexOf(k) < 0) expectedOrder.add(k);
    if (!expectedOrder.equals(b.keys())) return null;
    Node.ObjectBuilder d = Node.objectBuilder();
    for (int i = 0; i < a.size(); i++) {
      Node bv = b.get(a.key(i));
      if (bv == null) d.put(a.key(i), TonyOps.deleteOf(a.child(i)));
      else {
        Node sub = diff(a.child(i), bv);
        if (sub != null) d.put(a.key(i), sub);
      }
    }
    for (int i = 0; i < b.size(); i++) {
      if (a.indexOf(b.key(i)) < 0) d.put(b.key(i), TonyOps.insertOf(b.child(i)));
    }
    return d.build();
  }

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
    Node pendingDelete = null;
    while (i < n || j < m) {
      if (i < n && j < m && a.child(i).equals(b.child(j))) {
        pendingDelete = null;
        i++;
        j++;
        slot++;
      } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
        if (pendingDelete != null) {
          d.put(NodeKey.sparse(slot - 1), diff(pendingDelete, b.child(j)));
          pendingDelete = null;
        } else {
          d.put(NodeKey.sparse(slot++), TonyOps.insertOf(b.child(j)));
        }
        j++;
      } else {
        d.put(NodeKey.sparse(slot), TonyOps.deleteOf(a.child(i)));
        pendingDelete = a.child(i);
        slot++;
        i++;
      }
    }
    Node built = d.build();
    return built.size() == 0 ? null : built.withTag("!arraydiff");
  }

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
        out.add(TonyOps.deleteOf(e));
        continue;
      }
      Node sub = diff(e, b.child(j));
      if (sub == null) continue;
      if (sub.tag() == null && sub.isObject()) sub = sub.withField(NodeKey.field(f), e.get(f));
      out.add(sub);
    }
    for (Node e : b.children()) if (!inA.containsKey(e.get(f))) out.add(TonyOps.insertOf(e));
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
}
