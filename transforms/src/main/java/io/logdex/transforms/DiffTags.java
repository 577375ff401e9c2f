package io.logdex.transforms;

import io.logdex.format.tree.Node;
import java.util.ArrayDeque;

/** Whether a tree carries Tony tags anywhere (so it is a Tony diff, not a merge patch). */
public final class DiffTags {
  private DiffTags() {}

  public static boolean present(Node root) {
    if (root == null) return false;
    ArrayDeque<Node> stack = new ArrayDeque<>();
    stack.push(root);
    while (!stack.isEmpty()) {
      Node n = stack.pop();
      if (n.tag() != null) return true;
      for (int i = 0; i < n.size(); i++) stack.push(n.child(i));
    }
    return false;
  }
}
