package io.logdex.format.encode;

import io.logdex.format.path.PathSyntax;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Test oracle: every node of a tree in document order with its kinded path, computed by re-walking
 * from the root (the simple way the encoder's incremental path stack must agree with).
 */
final class PreorderPaths {
  record Entry(String path, Node node) {}

  private PreorderPaths() {}

  /** @param json name sparse keys as JSON re-reads them: the field "n", not {n} */
  static List<Entry> of(Node root, String rootPath, boolean json) {
    List<Entry> out = new ArrayList<>();
    ArrayDeque<Entry> stack = new ArrayDeque<>();
    stack.push(new Entry(rootPath, root));
    while (!stack.isEmpty()) {
      Entry e = stack.pop();
      out.add(e);
      Node n = e.node();
      for (int i = n.size() - 1; i >= 0; i--) {
        StringBuilder p = new StringBuilder(e.path());
        if (n.isArray()) {
          PathSyntax.appendIndex(p, i);
        } else {
          NodeKey k = n.key(i);
          if (k.isSparse() && !json) PathSyntax.appendSparse(p, k.index());
          else PathSyntax.appendField(p, k.asText());
        }
        stack.push(new Entry(p.toString(), n.child(i)));
      }
    }
    return out;
  }
}
