package io.logdex.format.history;

import static io.logdex.format.history.HistoryTrees.TREES;

import io.logdex.format.FormatException;
import io.logdex.format.log.LogEntry;
import io.logdex.format.path.KindedPath;
import io.logdex.format.tree.DiffApply;
import io.logdex.format.tree.DiffApplyTestDiffer;
import io.logdex.format.tree.DiffOps;
import io.logdex.format.tree.MergePatch;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import io.logdex.format.tree.NodePaths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Test-only: random histories (a base document and entries over a few commits, some commits with
 * several seqs) and the reference model, which replays every diff from scratch on the whole state.
 */
final class Histories {
  final DiffKind kind;
  final Node base; // the state at commit 0, before the entries
  final List<LogEntry> entries = new ArrayList<>();
  final List<Node> stateAtCommit = new ArrayList<>(); // index: commit

  private Histories(DiffKind kind, Node base) {
    this.kind = kind;
    this.base = base;
    stateAtCommit.add(base);
  }

  long maxCommit() {
    return stateAtCommit.size() - 1;
  }

  /** The model: replay every entry up to commit from the base, then read the path. */
  PathState model(long commit, KindedPath path) throws FormatException {
    Node s = base;
    for (LogEntry e : entries) {
      if (e.commit() <= commit) s = kind.apply(s, e.diff());
    }
    return PathState.ofNullable(NodePaths.get(s, path));
  }

  List<LogEntry> entriesUpTo(long commit) {
    List<LogEntry> out = new ArrayList<>();
    for (LogEntry e : entries) if (e.commit() <= commit) out.add(e);
    return out;
  }

  static Histories tony(Random r, int commits) throws FormatException {
    Histories h = new Histories(DiffKind.TONY, HistoryTrees.TREES.randomObject(r, 4));
    Node s = h.base;
    for (long c = 1; c <= commits; c++) {
      int parts = r.nextInt(4) == 0 ? 2 + r.nextInt(2) : 1;
      for (int seq = 0; seq < parts; seq++) {
        Node d;
        if (r.nextInt(10) < 7) {
          d = DiffApplyTestDiffer.diff(s, HistoryTrees.mutateRoot(s, r));
          if (d == null) d = Node.emptyObject();
        } else {
          d = lenientDiff(s, r);
        }
        s = DiffApply.apply(s, d);
        h.entries.add(HistoryTrees.entry(c, seq * 10L + r.nextInt(3), d));
      }
      h.stateAtCommit.add(s);
    }
    return h;
  }

  static Histories mergePatch(Random r, int commits) {
    Histories h = new Histories(DiffKind.MERGE_PATCH, HistoryTrees.TREES.randomObject(r, 4));
    Node s = h.base;
    for (long c = 1; c <= commits; c++) {
      int parts = r.nextInt(4) == 0 ? 2 : 1;
      for (int seq = 0; seq < parts; seq++) {
        Node d = r.nextInt(40) == 0 ? TREES.random(r, 1) : patch(s, r, 3);
        s = MergePatch.apply(s, d);
        h.entries.add(HistoryTrees.entry(c, seq, d));
      }
      h.stateAtCommit.add(s);
    }
    return h;
  }

  /** A random merge patch aimed mostly at target's own fields. */
  static Node patch(Node target, Random r, int depth) {
    Node.ObjectBuilder b = Node.objectBuilder();
    Set<NodeKey> used = new HashSet<>();
    int n = 1 + r.nextInt(3);
    for (int i = 0; i < n; i++) {
      NodeKey k;
      if (target != null && target.isObject() && target.size() > 0 && r.nextInt(3) != 0) {
        k = target.key(r.nextInt(target.size()));
      } else {
        k = r.nextInt(4) == 0 ? NodeKey.sparse(r.nextInt(8)) : NodeKey.field(HistoryTrees.NAMES[r.nextInt(HistoryTrees.NAMES.length)]);
      }
      if (!used.add(k)) continue;
      Node cur = target != null && target.isObject() ? target.get(k) : null;
      int what = r.nextInt(10);
      Node v;
      if (what < 3) v = Node.NULL;
      else if (what < 6 && depth > 0) v = patch(cur, r, depth - 1);
      else {
        v = TREES.random(r, depth);
        if (v.isNull()) v = Node.integer(7);
      }
      b.put(k, v);
    }
    return b.build();
  }

  /**
   * A diff the differ does not make: one op at a random place reached through objects (lenient
   * inserts over values, deletes of nothing, replaces with any from:, values with diff tags inside,
   * direct arraydiffs and keyed diffs), nested in untagged objects.
   */
  static Node lenientDiff(Node root, Random r) {
    KindedPath p = KindedPath.ROOT;
    Node cur = root;
    while (cur != null && cur.isObject() && cur.size() > 0 && (p.isRoot() || r.nextInt(3) != 0)) {
      int i = r.nextInt(cur.size());
      p = p.child(NodePaths.segmentOf(cur.key(i)));
      cur = cur.child(i);
    }
    if (cur != null && cur.isObject() && (p.isRoot() || r.nextInt(4) == 0)) {
      p = p.field("fresh" + r.nextInt(3));
      cur = NodePaths.get(root, p);
    }
    return NodePaths.set(null, p, op(cur, r));
  }

  private static Node op(Node cur, Random r) {
    switch (r.nextInt(9)) {
      case 0:
        return DiffOps.insertOf(TREES.random(r, 2));
      case 1:
        return DiffOps.deleteOf(cur != null ? cur : TREES.random(r, 1));
      case 2:
        return DiffOps.replaceOf(cur != null ? cur : Node.NULL, TREES.random(r, 2));
      case 3: // a value array whose diff tags are resolved
        return Node.array(Node.integer(1), DiffOps.deleteOf(Node.integer(2)), DiffOps.insertOf(TREES.random(r, 1)));
      case 4:
        if (cur != null && cur.isArray() && !"key".equals(cur.tagName())) return arraydiff(cur, r);
        return Node.objectBuilder().put("x", DiffOps.insertOf(TREES.random(r, 1))).build();
      case 5:
        if (cur != null && cur.isArray() && "key".equals(cur.tagName())) return keyed(cur, r);
        return Node.objectBuilder().put("id", Node.integer(3)).build().withTag("!t");
      case 6: // a bare container would be read as a diff (a !key(id) array as a keyed diff)
        Node v = TREES.random(r, 2);
        return v.isContainer() ? DiffOps.insertOf(v) : v;
      case 7:
        return Node.array(Node.objectBuilder().put("id", Node.string("k1")).put("v", Node.integer(1)).build())
            .withTag("!key(id)"); // a keyed diff, whatever is there
      default:
        return Node.objectBuilder().put(HistoryTrees.NAMES[r.nextInt(HistoryTrees.NAMES.length)],
            DiffOps.deleteOf(Node.NULL)).build();
    }
  }

  /** A valid random arraydiff against old. */
  static Node arraydiff(Node old, Random r) {
    Node.ObjectBuilder d = Node.objectBuilder();
    long slot = 0;
    for (int i = 0; i <= old.size(); i++) {
      if (r.nextInt(4) == 0) d.put(NodeKey.sparse(slot++), DiffOps.insertOf(TREES.random(r, 1)));
      if (i == old.size()) break;
      Node e = old.child(i);
      switch (r.nextInt(5)) {
        case 0:
          d.put(NodeKey.sparse(slot++), DiffOps.deleteOf(e));
          break;
        case 1:
          d.put(NodeKey.sparse(slot++), DiffOps.replaceOf(e, TREES.random(r, 1)));
          break;
        case 2:
          if (e.isObject() && e.tag() == null) {
            d.put(NodeKey.sparse(slot++), Node.objectBuilder().put("z", DiffOps.insertOf(Node.integer(i))).build());
            break;
          }
          slot++;
          break;
        default:
          slot++;
      }
    }
    return d.build().withTag("!arraydiff");
  }

  /** A valid random keyed diff against old (tagged !key(id)). */
  static Node keyed(Node old, Random r) {
    List<Node> out = new ArrayList<>();
    Set<Node> used = new LinkedHashSet<>();
    for (Node e : old.children()) {
      Node k = e.isObject() ? e.get("id") : null;
      if (k == null || k.isContainer() || !used.add(k.withTag(null))) continue;
      switch (r.nextInt(4)) {
        case 0:
          out.add(DiffOps.deleteOf(e));
          break;
        case 1:
          out.add(Node.objectBuilder().put("id", k).put("w", Node.integer(r.nextInt(9))).build());
          break;
        case 2:
          out.add(DiffOps.replaceOf(e, e.withField(NodeKey.field("v"), Node.integer(5))));
          break;
        default:
      }
    }
    Node fresh = Node.string("n" + r.nextInt(20));
    if (!used.contains(fresh)) out.add(DiffOps.insertOf(Node.objectBuilder().put("id", fresh).build()));
    return Node.array(out).withTag(old.tag());
  }

  /**
   * The index's rule for candidates: entries whose diff has a node on, above or below path. The
   * root is above every path but is no path of ExtractAll, so it counts only when it does more
   * than merge fields, or when the path steps into it by [i] or (k) (a merge makes it an object).
   */
  static boolean touches(LogEntry e, KindedPath path) {
    Node d = e.diff();
    if (d.tag() != null || !d.isObject()) return true;
    if (!path.isRoot() && DiffRestriction.objectKey(path.prefix(1).lastSegment()) == null) return true;
    boolean[] hit = {false};
    NodePaths.forEachPath(d, (q, n) -> {
      if (q.isPrefixOf(path) || path.isPrefixOf(q)) hit[0] = true;
    });
    return hit[0];
  }

  /** Paths to probe: every path any state had, some below them, and some that never existed. */
  List<KindedPath> probes(Random r, int count) {
    List<KindedPath> all = new ArrayList<>(new LinkedHashSet<>(collect()));
    List<KindedPath> out = new ArrayList<>();
    out.add(KindedPath.ROOT);
    for (int i = 0; i < count; i++) {
      KindedPath q = all.get(r.nextInt(all.size()));
      switch (r.nextInt(8)) {
        case 0: q = q.field("nope"); break;
        case 1: q = q.index(r.nextInt(3)); break;
        case 2: q = q.keyed("k" + r.nextInt(6)); break;
        case 3: q = q.sparse(r.nextInt(8)); break;
        default:
      }
      out.add(q);
    }
    return out;
  }

  private List<KindedPath> collect() {
    List<KindedPath> all = new ArrayList<>(HistoryTrees.pathsOf(base));
    for (Node s : stateAtCommit) all.addAll(HistoryTrees.pathsOf(s));
    all.add(KindedPath.ROOT.field("never").index(0));
    return all;
  }
}
