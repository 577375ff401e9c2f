package io.logdex.format.encode;

import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import java.util.ArrayList;
import java.util.List;

/** Test oracle: the tree JSON output should read back as (no tags, literals as strings, keys as fields). */
public final class JsonView {
  private JsonView() {}

  public static Node of(Node n) {
    switch (n.kind()) {
      case OBJECT: {
        List<NodeKey> keys = new ArrayList<>();
        List<Node> values = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
          keys.add(NodeKey.field(n.key(i).asText()));
          values.add(of(n.child(i)));
        }
        return Node.object(keys, values);
      }
      case ARRAY: {
        List<Node> values = new ArrayList<>();
        for (Node c : n.children()) values.add(of(c));
        return Node.array(values);
      }
      case LITERAL:
        return Node.string(n.text());
      default:
        return n.withTag(null);
    }
  }
}
