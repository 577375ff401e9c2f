package io.logdex.format.history;

import io.logdex.format.FormatException;
import io.logdex.format.path.KindedPath;
import io.logdex.format.path.PathSegment;
import io.logdex.format.tree.DiffApply;
import io.logdex.format.tree.DiffOps.Op;
import io.logdex.format.tree.DiffOps;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import io.logdex.format.tree.NodePaths;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One diff with the effect of two: {@code apply(S, compose(a, b)) == apply(apply(S, a), b)} for
 * every state S on which a and then b apply without error (lenient Tony application, or RFC 7386),
 * equal as trees, field order included. When no single diff of the kind can say that, it refuses
 * with {@link UncomposableDiffException} rather than approximate.
 *
 * <h2>Merge patches</h2>
 *
 * Objects compose field by field; a non-object second patch wins. Refused: an object patch after
 * a non-object (or null) at the same place, since one patch cannot both replace the target and
 * merge into it; and a field deleted (null) then set again, since the sequence moves it to the end
 * of its object and one patch cannot.
 *
 * <h2>Tony diffs</h2>
 *
 * <ul>
 *   <li>A second diff whose result does not depend on the state ({@code !insert}, {@code
 *       !delete}, {@code !replace}, values) wins.
 *   <li>After such a first diff the state is known, so the second is applied to it and the result
 *       written as one change: {@code !insert v} after an insert, {@code !replace {from: old, to:
 *       v}} when the first named the old value, else {@code !insert v} (which lenient application
 *       puts in place of anything) or, in an arraydiff slot, {@code !replace {from: null, to: v}}.
 *   <li>Merges compose field by field; a merge after an arraydiff or keyed diff (which leave an
 *       array), or a keyed diff after a merge, replaces, since it is resolved against absence.
 *   <li>Two {@code !arraydiff}s compose slot by slot: the first's alignment of old and middle
 *       elements is walked with the second's of middle and new ones (runs of unchanged elements in
 *       bulk, so a hostile slot number costs nothing).
 *   <li>Two keyed diffs with the same {@code !key(f)} tag compose element by element, matched by
 *       key; elements only in the second follow those of the first.
 * </ul>
 *
 * Refused: a field or keyed element deleted and then re-created (it would move to the end); an
 * arraydiff after a merge (it always fails); an arraydiff and a keyed diff of one array; keyed
 * diffs with different tags, elements without a scalar key, repeated keys, or a replace that
 * changes an element's key. A composite loses what strict application would check only where the
 * parts had no old value to name ({@code from: null}, {@code !delete null}).
 *
 * <p>Iterative: diffs 10,000 levels deep are fine.
 */
public final class DiffCompose {
  private DiffCompose() {}

  /**
   * @throws UncomposableDiffException when no single diff has the effect of both
   * @throws FormatException when the two can never apply in sequence (the second does not fit what
   *     the first always leaves) or one is malformed
   */
  public static Node compose(Node first, Node second, DiffKind kind) throws UncomposableDiffException, FormatException {
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    return new Run(kind).run(first, second);
  }

  /** Where a diff node stands, which decides how a known result is written. */
  private enum Ctx {
    ROOT,
    FIELD,
    SLOT,
    ELEMENT
  }

  private static final class Run {
    final DiffKind kind;
    final ArrayList<PathSegment> path = new ArrayList<>();

    // Set by open() when no frame is needed, and by Frame.next() for the child pair it asks for.
    Node leaf;
    Node childA;
    Node childB;
    PathSegment childSegment;
    Ctx childCtx;

    Run(DiffKind kind) {
      this.kind = kind;
    }

    Node run(Node a, Node b) throws UncomposableDiffException, FormatException {
      Frame f = open(a, b, Ctx.ROOT);
      if (f == null) return leaf;
      ArrayDeque<Frame> stack = new ArrayDeque<>();
      stack.push(f);
      while (true) {
        Frame top = stack.peek();
        if (top.next(this)) {
          path.add(childSegment);
          Frame child = open(childA, childB, childCtx);
          if (child == null) {
            path.remove(path.size() - 1);
            top.accept(leaf);
          } else {
            stack.push(child);
          }
        } else {
          stack.pop();
          Node result = top.finish();
          if (stack.isEmpty()) return result;
          path.remove(path.size() - 1);
          stack.peek().accept(result);
        }
      }
    }

    Frame open(Node a, Node b, Ctx ctx) throws UncomposableDiffException, FormatException {
      if (b == null) return leaf(a);
      if (a == null) return leaf(b);
      return kind == DiffKind.MERGE_PATCH ? openPatch(a, b) : openTony(a, b, ctx);
    }

    private Frame openPatch(Node a, Node b) throws UncomposableDiffException {
      if (!b.isObject()) return leaf(b);
      if (!a.isObject()) {
        throw refuse(null, "an object patch after a non-object value: one merge patch cannot both replace"
            + " the target and merge into it");
      }
      return new ObjectFrame(a, b);
    }

    private Frame openTony(Node a, Node b, Ctx ctx) throws UncomposableDiffException, FormatException {
      Op oa = DiffOps.opOf(a);
      Op ob = DiffOps.opOf(b);
      if (ob.isConstant()) return leaf(b);
      if (oa.isConstant()) return leaf(encode(apply(apply(null, a), b), a, ctx));
      if (oa == Op.MERGE && ob == Op.MERGE) return new ObjectFrame(a, b);
      if (ob == Op.MERGE || (oa == Op.MERGE && ob == Op.KEYED)) {
        // a leaves an array (arraydiff, keyed) or an object (merge) that b does not merge into:
        // b is resolved against absence, whatever the state was.
        return leaf(encode(apply(null, b), null, ctx));
      }
      if (oa == Op.MERGE) throw refuse(null, "an !arraydiff after a merge never applies: the merge leaves an object");
      if (oa == Op.ARRAYDIFF && ob == Op.ARRAYDIFF) return new SlotFrame(this, a, b);
      if (oa == Op.KEYED && ob == Op.KEYED) {
        if (!a.tag().equals(b.tag())) throw refuse(null, "keyed diffs " + a.tag() + " and " + b.tag() + " differ in key");
        return new KeyedFrame(this, a, b);
      }
      throw refuse(null, "an !arraydiff and a keyed diff of one array do not compose");
    }

    private Frame leaf(Node n) {
      leaf = n;
      return null;
    }

    /** The known result v written as one change, after first diff a (null: none to learn from). */
    Node encode(Node v, Node a, Ctx ctx) {
      Node hint = hintOf(a);
      if (v == null) return DiffOps.deleteOf(hint == null ? Node.NULL : hint);
      // In a slot, !insert and !delete are moves, not values: only !replace keeps the slot's element.
      if (ctx == Ctx.SLOT) return DiffOps.replaceOf(hint == null ? Node.NULL : hint, v);
      if (a != null && DiffOps.opOf(a) == Op.INSERT) return DiffOps.insertOf(v);
      if (hint != null) return DiffOps.replaceOf(hint, v);
      if (ctx != Ctx.ELEMENT && v.tag() == null && !v.isContainer()) return v;
      return DiffOps.insertOf(v);
    }

    /** The old value a diff names, if any: a replace's from:, a delete's value. */
    private static Node hintOf(Node a) {
      if (a == null) return null;
      switch (DiffOps.opOf(a)) {
        case REPLACE:
          return a.get("from");
        case DELETE:
          return DiffOps.payload(a);
        default:
          return null;
      }
    }

    Node apply(Node state, Node diff) throws FormatException {
      try {
        return DiffApply.apply(state, diff);
      } catch (FormatException e) {
        throw Paths.rebase(e, KindedPath.of(path));
      }
    }

    UncomposableDiffException refuse(PathSegment at, String reason) {
      KindedPath p = KindedPath.of(path);
      if (at != null) p = p.child(at);
      return new UncomposableDiffException(p.toString(), reason);
    }

    FormatException fail(String reason) {
      return new FormatException(reason, DiffApply.SOURCE, -1, -1, -1, KindedPath.of(path).toString());
    }
  }

  /**
   * A pair of diff nodes whose children compose one pair at a time: next() names the pair in the
   * run's childA/childB/childSegment/childCtx or returns false; accept() takes its composite.
   */
  private abstract static class Frame {
    abstract boolean next(Run run) throws UncomposableDiffException, FormatException;

    abstract void accept(Node result);

    abstract Node finish();
  }

  /** Two object merges (Tony untagged objects, or merge patches): field by field. */
  private static final class ObjectFrame extends Frame {
    final Node a;
    final Node b;
    final List<NodeKey> keys;
    final Node[] results;
    int next;

    ObjectFrame(Node a, Node b) {
      this.a = a;
      this.b = b;
      this.keys = new ArrayList<>(a.size() + b.size());
      keys.addAll(a.keys());
      for (int i = 0; i < b.size(); i++) if (a.indexOf(b.key(i)) < 0) keys.add(b.key(i));
      this.results = new Node[keys.size()];
    }

    @Override
    boolean next(Run run) throws UncomposableDiffException {
      while (next < keys.size()) {
        NodeKey k = keys.get(next);
        Node av = a.get(k);
        Node bv = b.get(k);
        if (av == null || bv == null) {
          results[next++] = av == null ? bv : av;
          continue;
        }
        boolean deletedThenSet = run.kind == DiffKind.MERGE_PATCH
            ? av.isNull() && !bv.isNull()
            : DiffOps.opOf(av) == Op.DELETE && DiffOps.opOf(bv) != Op.DELETE;
        if (deletedThenSet) {
          throw run.refuse(NodePaths.segmentOf(k), "deleted and then set again: in sequence the field moves"
              + " to the end of its object, which no one diff does");
        }
        if (run.kind == DiffKind.MERGE_PATCH && av.isNull()) {
          results[next++] = av; // deleted twice
          continue;
        }
        run.childA = av;
        run.childB = bv;
        run.childSegment = NodePaths.segmentOf(k);
        run.childCtx = Ctx.FIELD;
        return true;
      }
      return false;
    }

    @Override
    void accept(Node result) {
      results[next++] = result;
    }

    @Override
    Node finish() {
      // A merge patch that builds an object where there was none gives it the first patch's tag.
      return Node.object(keys, Arrays.asList(results)).withTag(a.tag());
    }
  }

  /** One kind of column in the alignment an arraydiff describes. */
  private enum Col {
    /** An element kept as it is (old and new). */
    KEEP,
    /** A new element only. */
    INSERT,
    /** An old element only. */
    DELETE,
    /** An old element changed into a new one. */
    CHANGE
  }

  /** The columns of one arraydiff, in order; runs of kept elements come whole, then forever. */
  private static final class Columns {
    final long[] slots;
    final Node[] ops;
    int k; // next op
    long di; // next slot
    Col type;
    long run; // length of a KEEP run; 1 for an op
    Node op;
    boolean tail; // past the last op: KEEP forever

    Columns(Run r, Node diff) throws FormatException {
      int n = diff.size();
      long[][] pairs = new long[n][];
      for (int i = 0; i < n; i++) {
        long s = DiffOps.slotOf(diff.key(i));
        if (s < 0) throw r.fail("!arraydiff key is not an index: \"" + diff.key(i).asText() + "\"");
        pairs[i] = new long[] {s, i};
      }
      Arrays.sort(pairs, (x, y) -> Long.compare(x[0], y[0]));
      slots = new long[n];
      ops = new Node[n];
      for (int i = 0; i < n; i++) {
        slots[i] = pairs[i][0];
        ops[i] = diff.child((int) pairs[i][1]);
        if (i > 0 && slots[i] == slots[i - 1]) throw r.fail("!arraydiff names slot " + slots[i] + " twice");
      }
      load();
    }

    private void load() {
      op = null;
      if (k == slots.length) {
        tail = true;
        type = Col.KEEP;
        run = Long.MAX_VALUE;
      } else if (di < slots[k]) {
        type = Col.KEEP;
        run = slots[k] - di;
      } else {
        op = ops[k];
        run = 1;
        Op o = DiffOps.opOf(op);
        type = o == Op.INSERT ? Col.INSERT : o == Op.DELETE ? Col.DELETE : Col.CHANGE;
      }
    }

    void consume(long m) {
      if (tail) return;
      if (type == Col.KEEP) {
        di += m;
        run -= m;
        if (run > 0) return;
      } else {
        di = slots[k] + 1;
        k++;
      }
      load();
    }
  }

  /**
   * Two arraydiffs: walk the first's columns (old to middle) against the second's (middle to new).
   * A first DELETE and a second INSERT touch no middle element and pass through; every other pair
   * shares one middle element and becomes at most one column of the composite.
   */
  private static final class SlotFrame extends Frame {
    final List<NodeKey> slots = new ArrayList<>();
    final List<Node> ops = new ArrayList<>();
    final List<Node[]> pending = new ArrayList<>(); // {a, b} to compose, for ops[index]
    final List<Integer> pendingIndex = new ArrayList<>();
    int next;

    SlotFrame(Run run, Node a, Node b) throws UncomposableDiffException, FormatException {
      Columns ca = new Columns(run, a);
      Columns cb = new Columns(run, b);
      long s = 0;
      while (!(ca.tail && cb.tail)) {
        if (ca.type == Col.DELETE) {
          s = emit(run, s, ca.op);
          ca.consume(1);
          continue;
        }
        if (cb.type == Col.INSERT) {
          s = emit(run, s, cb.op);
          cb.consume(1);
          continue;
        }
        if (ca.type == Col.KEEP && cb.type == Col.KEEP) {
          long m = Math.min(ca.run, cb.run);
          s += m;
          ca.consume(m);
          cb.consume(m);
          continue;
        }
        switch (ca.type) {
          case KEEP: // second DELETE or CHANGE of a kept element
            s = emit(run, s, cb.op);
            break;
          case INSERT:
            if (cb.type == Col.KEEP) s = emit(run, s, ca.op);
            else if (cb.type == Col.CHANGE) {
              Node inserted = DiffOps.payload(ca.op);
              if (inserted == null) throw run.fail(ca.op.tag() + " has an empty tag argument");
              s = emit(run, s, DiffOps.insertOf(run.apply(inserted, cb.op)));
            } // inserted, then deleted: nothing
            break;
          default: // CHANGE
            if (cb.type == Col.KEEP) s = emit(run, s, ca.op);
            else if (cb.type == Col.DELETE) {
              boolean named = DiffOps.opOf(ca.op) == Op.REPLACE;
              s = emit(run, s, named ? DiffOps.deleteOf(ca.op.get("from")) : cb.op);
            } else {
              pendingIndex.add(ops.size());
              pending.add(new Node[] {ca.op, cb.op});
              s = emit(run, s, null);
            }
        }
        ca.consume(1);
        cb.consume(1);
      }
    }

    private long emit(Run run, long s, Node op) throws UncomposableDiffException {
      if (s > NodeKey.MAX_SPARSE_INDEX) throw run.refuse(null, "composite slot " + s + " is past 2^32");
      slots.add(NodeKey.sparse(s));
      ops.add(op);
      return s + 1;
    }

    @Override
    boolean next(Run run) {
      if (next == pending.size()) return false;
      Node[] pair = pending.get(next);
      run.childA = pair[0];
      run.childB = pair[1];
      run.childSegment = PathSegment.sparse(slots.get(pendingIndex.get(next)).index());
      run.childCtx = Ctx.SLOT;
      return true;
    }

    @Override
    void accept(Node result) {
      ops.set(pendingIndex.get(next++), result);
    }

    @Override
    Node finish() {
      return Node.object(slots, ops).withTag("!arraydiff");
    }
  }

  /** Two keyed diffs with one {@code !key(f)} tag: element by element, matched by key. */
  private static final class KeyedFrame extends Frame {
    final Node tagged;
    final List<Node> firsts = new ArrayList<>();
    final List<Node> seconds = new ArrayList<>();
    final List<PathSegment> segments = new ArrayList<>();
    final Node[] results;
    int next;

    KeyedFrame(Run run, Node a, Node b) throws UncomposableDiffException {
      this.tagged = a;
      KindedPath keyPath = DiffOps.keyPath(a);
      if (keyPath == null) throw run.refuse(null, "unusable key path in " + a.tag());
      Map<Node, Integer> inA = index(run, a, keyPath);
      Map<Node, Integer> inB = index(run, b, keyPath);
      for (int j = 0; j < a.size(); j++) {
        Node key = DiffOps.untagged(DiffOps.diffKey(a.child(j), keyPath));
        Integer jb = inB.get(key);
        firsts.add(a.child(j));
        seconds.add(jb == null ? null : b.child(jb));
        segments.add(PathSegment.keyed(key.text()));
      }
      for (int j = 0; j < b.size(); j++) {
        Node key = DiffOps.untagged(DiffOps.diffKey(b.child(j), keyPath));
        if (inA.containsKey(key)) continue;
        firsts.add(null);
        seconds.add(b.child(j));
        segments.add(PathSegment.keyed(key.text()));
      }
      results = new Node[firsts.size()];
    }

    private static Map<Node, Integer> index(Run run, Node diff, KindedPath keyPath) throws UncomposableDiffException {
      Map<Node, Integer> m = new HashMap<>(diff.size() * 2);
      for (int j = 0; j < diff.size(); j++) {
        Node e = diff.child(j);
        Node key = DiffOps.untagged(DiffOps.diffKey(e, keyPath));
        if (key == null || key.isContainer()) {
          throw run.refuse(PathSegment.index(j), "a keyed diff element without a scalar key");
        }
        if (DiffOps.opOf(e) == Op.REPLACE && e.isObject() && e.get("from") != null && e.get("to") != null) {
          Node to = DiffOps.untagged(NodePaths.get(e.get("to"), keyPath));
          if (!key.equals(to)) throw run.refuse(PathSegment.index(j), "a replace that changes an element's key");
        }
        if (m.putIfAbsent(key, j) != null) throw run.refuse(PathSegment.index(j), "two elements with one key");
      }
      return m;
    }

    @Override
    boolean next(Run run) throws UncomposableDiffException {
      while (next < results.length) {
        Node a = firsts.get(next);
        Node b = seconds.get(next);
        if (a == null || b == null) {
          results[next++] = a == null ? b : a;
          continue;
        }
        if (DiffOps.opOf(a) == Op.DELETE && DiffOps.opOf(b) != Op.DELETE) {
          throw run.refuse(segments.get(next), "an element deleted and then re-created moves to the end of"
              + " the array, which no one diff does");
        }
        run.childA = a;
        run.childB = b;
        run.childSegment = segments.get(next);
        run.childCtx = Ctx.ELEMENT;
        return true;
      }
      return false;
    }

    @Override
    void accept(Node result) {
      results[next++] = result;
    }

    @Override
    Node finish() {
      return Node.array(results).withTag(tagged.tag());
    }
  }
}
