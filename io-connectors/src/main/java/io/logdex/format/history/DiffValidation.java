package io.logdex.format.history;

import io.logdex.format.FormatException;
import io.logdex.format.path.KindedPath;
import io.logdex.format.tree.DiffApply;
import io.logdex.format.tree.DiffOps;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Checks a whole diff for the faults that make it fail whatever state it meets: a {@code !replace}
 * without from: and to:, an empty {@code !insert()} argument, an {@code !arraydiff} that is not an
 * object of distinct indices, a {@code !key(...)} whose key path is unusable.
 *
 * <p>A read at one path applies only the part of an entry that reaches that path, so without this
 * a corrupt entry would fail some reads and quietly succeed for others. Every node checked here is
 * one DiffApply visits in every application, so nothing is refused that a full replay would take.
 * Faults that depend on the state (an arraydiff past the end, a keyed element without a key) are
 * found when the diff is applied. Iterative; the data under insert/delete/replace is not walked.
 */
public final class DiffValidation {
  private DiffValidation() {}

  /**
   * @throws FormatException naming the fault's path in the diff's own shape (arraydiff slots as
   *     {@code {k}}, keyed diff elements as {@code [j]})
   */
  public static void check(Node diff, DiffKind kind) throws FormatException {
    if (kind == DiffKind.MERGE_PATCH) return; // every JSON value is a merge patch
    ArrayDeque<Node> nodes = new ArrayDeque<>();
    ArrayDeque<KindedPath> paths = new ArrayDeque<>();
    nodes.push(diff);
    paths.push(KindedPath.ROOT);
    while (!nodes.isEmpty()) {
      Node d = nodes.pop();
      KindedPath p = paths.pop();
      switch (DiffOps.opOf(d)) {
        case INSERT:
        case DELETE:
          if (DiffOps.payload(d) == null) throw fail(p, d.tag() + " has an empty tag argument");
          break;
        case REPLACE:
          if (!d.isObject() || d.get("from") == null || d.get("to") == null) {
            throw fail(p, "!replace needs an object with from: and to:");
          }
          break;
        case ARRAYDIFF:
          if (!d.isObject()) throw fail(p, "!arraydiff needs an object of index: op, found " + d.kind().inWords());
          long[] slots = new long[d.size()];
          for (int i = 0; i < d.size(); i++) {
            slots[i] = DiffOps.slotOf(d.key(i));
            if (slots[i] < 0) throw fail(p, "!arraydiff key is not an index: \"" + d.key(i).asText() + "\"");
          }
          Arrays.sort(slots);
          for (int i = 1; i < slots.length; i++) {
            if (slots[i] == slots[i - 1]) throw fail(p, "!arraydiff names slot " + slots[i] + " twice");
          }
          pushChildren(d, p, nodes, paths);
          break;
        case KEYED:
          if (DiffOps.keyPath(d) == null) throw fail(p, "unusable key path in " + d.tag());
          pushChildren(d, p, nodes, paths);
          break;
        default: // MERGE, VALUE: the children of containers are diffs too (resolved if need be)
          pushChildren(d, p, nodes, paths);
      }
    }
  }

  private static void pushChildren(Node d, KindedPath p, ArrayDeque<Node> nodes, ArrayDeque<KindedPath> paths) {
    for (int i = d.size() - 1; i >= 0; i--) {
      nodes.push(d.child(i));
      paths.push(d.isObject() ? p.child(NodePaths.segmentOf(d.key(i))) : p.index(i));
    }
  }

  private static FormatException fail(KindedPath p, String reason) {
    return new FormatException(reason, DiffApply.SOURCE, -1, -1, -1, p.toString());
  }
}
