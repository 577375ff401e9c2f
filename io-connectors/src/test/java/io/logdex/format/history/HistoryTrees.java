package io.logdex.format.history;

import io.logdex.format.log.LogEntry;
import io.logdex.format.path.KindedPath;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import io.logdex.format.tree.NodePaths;
import io.logdex.format.tree.TreeParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Test-only: Tony text to trees, and random trees with objects, sparse arrays, arrays and keyed arrays. */
final class HistoryTrees {
  private HistoryTrees() {}

  static final String TS = "2025-10-09T10:00:00Z";

  static final String[] NAMES = {"a", "b", "c", "id", "x y", "0", "é", "it's", "a.b", "k"};
  static final String[] TAGS = {"!t", "!u", "!ns.tag"};

  static Node t(String tony) {
    try {
      return TreeParser.parse(tony);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static KindedPath p(String path) {
    return KindedPath.parse(path);
  }

  static LogEntry entry(long commit, long seq, String diff) {
    return new LogEntry(commit, seq, TS, t(diff));
  }

  static LogEntry entry(long commit, long seq, Node diff) {
    return new LogEntry(commit, seq, TS, diff);
  }

  static Node random(Random r, int depth) {
    int kind = r.nextInt(depth <= 0 ? 5 : 10);
    Node n;
    switch (kind) {
      case 0: n = Node.string(NAMES[r.nextInt(NAMES.length)]); break;
      case 1: n = Node.integer(r.nextInt(200) - 100); break;
      case 2: n = r.nextBoolean() ? Node.bool(r.nextBoolean()) : Node.NULL; break;
      case 3: n = Node.floating(r.nextInt(100) + ".5"); break;
      case 4: n = Node.literal(r.nextBoolean() ? "active" : "x-y"); break;
      case 5: case 6: n = randomObject(r, depth); break;
      case 7: n = randomSparse(r, depth); break;
      case 8: n = randomArray(r, depth); break;
      default: n = randomKeyed(r, depth);
    }
    if (r.nextInt(10) == 0 && !"key".equals(n.tagName())) n = n.withTag(TAGS[r.nextInt(TAGS.length)]);
    return n;
  }

  static Node randomObject(Random r, int depth) {
    Node.ObjectBuilder b = Node.objectBuilder();
    Set<String> used = new HashSet<>();
    int n = 1 + r.nextInt(4);
    for (int k = 0; k < n; k++) {
      String name = NAMES[r.nextInt(NAMES.length)];
      if (used.add(name)) b.put(name, random(r, depth - 1));
    }
    return b.build();
  }

  static Node randomSparse(Random r, int depth) {
    Node.ObjectBuilder b = Node.objectBuilder();
    Set<Long> used = new HashSet<>();
    int n = 1 + r.nextInt(4);
    for (int k = 0; k < n; k++) {
      long idx = r.nextInt(6) == 0 ? NodeKey.MAX_SPARSE_INDEX : r.nextInt(8);
      if (used.add(idx)) b.put(NodeKey.sparse(idx), random(r, depth - 1));
    }
    return b.build();
  }

  static Node randomArray(Random r, int depth) {
    List<Node> es = new ArrayList<>();
    int n = r.nextInt(5);
    for (int k = 0; k < n; k++) es.add(random(r, depth - 1));
    return Node.array(es);
  }

  /** {@code !key(id) [...]}: objects keyed by id, mostly unique, now and then repeated or missing. */
  static Node randomKeyed(Random r, int depth) {
    List<Node> es = new ArrayList<>();
    int n = r.nextInt(5);
    for (int k = 0; k < n; k++) es.add(keyedElement(r, depth, randomKey(r)));
    if (r.nextInt(8) == 0 && n > 0) es.add(keyedElement(r, depth, null));
    return Node.array(es).withTag("!key(id)");
  }

  static Node randomKey(Random r) {
    int v = r.nextInt(10);
    if (v < 4) return Node.string("k" + r.nextInt(6));
    if (v < 7) return Node.integer(r.nextInt(6));
    return Node.literal("k" + r.nextInt(6));
  }

  static Node keyedElement(Random r, int depth, Node key) {
    Node body = randomObject(r, depth - 1);
    return key == null ? body.withoutField(NodeKey.field("id")) : body.withField(NodeKey.field("id"), key);
  }

  /** n with a few random edits, so that diffs between them are structural. */
  static Node mutate(Node n, Random r, int depth) {
    if (r.nextInt(10) == 0 || depth <= 0) return r.nextBoolean() ? n : random(r, depth);
    if (n.isObject()) {
      Node out = n;
      int edits = 1 + r.nextInt(3);
      for (int e = 0; e < edits; e++) {
        int op = r.nextInt(3);
        if (op == 0 && out.size() > 0) {
          out = out.withoutField(out.key(r.nextInt(out.size())));
        } else if (op == 1 && out.size() > 0) {
          int i = r.nextInt(out.size());
          out = out.withField(out.key(i), mutate(out.child(i), r, depth - 1));
        } else {
          NodeKey k = r.nextBoolean() ? NodeKey.field(NAMES[r.nextInt(NAMES.length)]) : NodeKey.sparse(r.nextInt(8));
          out = out.withField(k, random(r, depth - 1));
        }
      }
      return out;
    }
    if (n.isArray()) {
      List<Node> es = new ArrayList<>(n.children());
      boolean keyed = "key".equals(n.tagName());
      int edits = 1 + r.nextInt(3);
      for (int e = 0; e < edits; e++) {
        int op = r.nextInt(3);
        if (op == 0 && !es.isEmpty()) {
          es.remove(r.nextInt(es.size()));
        } else if (op == 1 && !es.isEmpty()) {
          int i = r.nextInt(es.size());
          Node m = mutate(es.get(i), r, depth - 1);
          if (keyed && es.get(i).isObject() && m.isObject() && es.get(i).get("id") != null) {
            m = m.withField(NodeKey.field("id"), es.get(i).get("id"));
          }
          es.set(i, m);
        } else {
          Node fresh = keyed ? keyedElement(r, depth, Node.string("new" + r.nextInt(50))) : random(r, depth - 1);
          es.add(keyed && r.nextBoolean() ? es.size() : r.nextInt(es.size() + 1), fresh);
        }
      }
      return Node.array(es).withTag(n.tag());
    }
    return random(r, 0);
  }

  /** A mutation of an object that is still an object (the roots of these histories are). */
  static Node mutateRoot(Node root, Random r) {
    while (true) {
      Node m = mutate(root, r, 4);
      if (m.isObject()) return m;
    }
  }

  /** Every path of root, the root included. */
  static List<KindedPath> pathsOf(Node root) {
    List<KindedPath> out = new ArrayList<>();
    out.add(KindedPath.ROOT);
    NodePaths.forEachPath(root, (q, n) -> out.add(q));
    return out;
  }
}
