package io.logdex.format.history;

import io.logdex.format.log.LogEntry;
import io.logdex.format.path.KindedPath;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import io.logdex.format.tree.NodePaths;
import io.logdex.format.tree.TreeGenerator;
import io.logdex.format.tree.TreeParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test-only: Tony text to trees, log entries, and the parameters of the random trees of the history tests. */
final class HistoryTrees {
  private HistoryTrees() {}

  static final String TS = "2025-10-09T10:00:00Z";

  static final String[] NAMES = {"a", "b", "c", "id", "x y", "0", "é", "it's", "a.b", "k"};
  static final String[] TAGS = {"!t", "!u", "!ns.tag"};

  /**
   * Random trees for histories: plain names, few keys and sparse indexes, so that random edits of
   * a root keep landing on the same paths; objects are never empty.
   */
  static final TreeGenerator TREES = new TreeGenerator(NAMES, TAGS, 10, 200, 1, 4,
      r -> r.nextInt(6) == 0 ? NodeKey.MAX_SPARSE_INDEX : r.nextInt(8),
      8, HistoryTrees::randomKey, 8, 50);

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

  static Node randomKey(Random r) {
    int v = r.nextInt(10);
    if (v < 4) return Node.string("k" + r.nextInt(6));
    if (v < 7) return Node.integer(r.nextInt(6));
    return Node.literal("k" + r.nextInt(6));
  }

  /** A mutation of an object that is still an object (the roots of these histories are). */
  static Node mutateRoot(Node root, Random r) {
    while (true) {
      Node m = TREES.mutate(root, r, 4);
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
