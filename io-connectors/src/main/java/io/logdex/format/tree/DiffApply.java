package io.logdex.format.tree;

import io.logdex.format.FormatException;
import io.logdex.format.path.KindedPath;
import io.logdex.format.path.PathSegment;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a Tony diff (what a commit's log entry carries) to a state. A diff is shaped like the
 * data, with tags where it changes; this follows the Go reference (signadot/tony-format, {@code
 * mergeop} and {@code libdiff}) and is written from its documented behaviour.
 *
 * <h2>Rules, by the diff node</h2>
 *
 * <ul>
 *   <li><b>Absent.</b> A null diff leaves the state as it is. A null state is absent: the result is
 *       the diff with its diff tags resolved (an insert's value, a delete's absence, …).
 *   <li><b>{@code !insert v}</b> gives v. {@code !insert(t) v} gives v tagged {@code !t}: a node
 *       holds one tag, so a value that has its own tag carries it as the argument.
 *   <li><b>{@code !delete v}</b> removes the field or element; at the top the result is null. v is
 *       the old value ({@code !delete(t) v}: the old value tagged {@code !t}).
 *   <li><b>{@code !replace {from: a, to: b}}</b> gives b. Missing from: or to: is an error.
 *   <li><b>Untagged object</b> against an object state merges field by field, each field applied
 *       by these rules against the state's field (absent if missing); the state's fields keep
 *       their order and new fields follow in the diff's order. Against anything else it is
 *       resolved against absence and replaces the state. Sparse arrays are objects and merge so.
 *   <li><b>{@code !arraydiff {k: op, …}}</b> against an array (absent or null counts as {@code []}):
 *       see below.
 *   <li><b>{@code !key(f) [e, …]}</b> against an array: elements are matched by key (the node at
 *       path f in each element, compared as values without their tags). A diff element whose key
 *       matches the first state element with it is applied to that element by these rules ({@code
 *       !delete} drops it, an untagged object merges into it, {@code !replace} and, leniently,
 *       {@code !insert} replace it). State elements nobody names stay where they are; diff
 *       elements that match nothing are applied to absence and appended in diff order. The key of a
 *       {@code !replace} element is read from its from: (else its to:). Against an absent or
 *       non-array state the diff is resolved.
 *   <li><b>Anything else</b>, an untagged scalar or array, or a value under a tag that is not a
 *       diff tag (say {@code !foo {…}}), is a value: it replaces the state, with any diff tags
 *       inside it resolved. An untagged {@code null} sets null; unlike RFC 7386 it does not delete.
 * </ul>
 *
 * The values under {@code !insert}, {@code !delete} and {@code !replace} are data and are taken as
 * they are: a tag such as {@code !delete} inside an inserted value is not interpreted.
 *
 * <p>Tags on the state that are not diff tags, such as {@code !key(sku)}, stay on the merged
 * result: an object merge, a keyed merge and an arraydiff keep the state's tag.
 *
 * <h2>{@code !arraydiff} keys</h2>
 *
 * As in the reference, a key is a <em>slot</em> of the alignment of the old and new arrays, not an
 * index of either: walking both arrays in step, every unchanged element, every {@code !delete}
 * (old only), every {@code !insert} (new only) and every {@code !replace} or merge (old and new)
 * takes one slot, and slots with no key are unchanged elements. So an op's key is its old index
 * plus the number of inserts before it, or equally its new index plus the number of deletes before
 * it. A {@code !delete} at slot k removes the next old element; {@code !insert} at k puts its value
 * before it; an untagged or other value at k is applied to that old element. Old elements after
 * the last op are kept. A key whose slot lies past the old elements is an error, found without
 * walking up to a hostile key.
 *
 * <h2>Strict mode</h2>
 *
 * Lenient (the default) applies what it can and never invents values: a {@code !delete} of nothing
 * is nothing. Strict also checks that the diff was made against this state: a {@code !delete}'s
 * value and a {@code !replace}'s from: must equal the state (tags included), and an {@code !insert}
 * must not land on a value that is already there.
 *
 * <p>Failures are {@link FormatException}s whose {@link FormatException#path()} is the kinded path
 * of the state where it failed (keyed elements as {@code (key)}, arraydiff elements as the old
 * {@code [index]}). The walk is iterative: a diff 10,000 levels deep is fine.
 */
public final class DiffApply {
  /** The source label of the FormatExceptions thrown here. */
  public static final String SOURCE = "diff";

  private DiffApply() {}

  /** Leniently applies diff to state; either may be null. The result is null when deleted. */
  public static Node apply(Node state, Node diff) throws FormatException {
    return apply(state, diff, false);
  }

  /** Applies diff to state, checking in strict mode that the diff fits the state exactly. */
  public static Node apply(Node state, Node diff, boolean strict) throws FormatException {
    return new Run(strict).run(state, diff);
  }

  /** One application: the strictness, the path being worked on, and the stack of open frames. */
  private static final class Run {
    final boolean strict;
    final ArrayList<PathSegment> path = new ArrayList<>();

    // Set by open() when the diff needs no frame, and by Frame.next() for the child it asks for.
    Node leaf;
    Node childState;
    Node childDiff;
    PathSegment childSegment;

    Run(boolean strict) {
      this.strict = strict;
    }

    Node run(Node state, Node diff) throws FormatException {
      Frame f = open(state, diff);
      if (f == null) return leaf;
      ArrayDeque<Frame> stack = new ArrayDeque<>();
      stack.push(f);
      while (true) {
        Frame top = stack.peek();
        if (top.next(this)) {
          path.add(childSegment);
          Frame child = open(childState, childDiff);
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

    /** A frame for a diff that walks children, or null with the answer in {@link #leaf}. */
    Frame open(Node state, Node diff) throws FormatException {
      if (diff == null) {
        leaf = state;
        return null;
      }
      switch (DiffOps.opOf(diff)) { // MERGE and VALUE: default
        case INSERT:
          if (strict && state != null) fail(null, "!insert where a value is already present");
          leaf = payload(diff, null);
          return null;
        case DELETE:
          checkDelete(state, diff, null);
          leaf = null;
          return null;
        case REPLACE:
          leaf = replacement(state, diff, null);
          return null;
        case ARRAYDIFF:
          if (!diff.isObject()) fail(null, "!arraydiff needs an object of index: op, found " + diff.kind().inWords());
          if (state != null && !state.isNull() && !state.isArray()) {
            fail(null, "!arraydiff applies to an array, found " + state.kind().inWords());
          }
          return new ArrayDiffFrame(this, state != null && state.isArray() ? state : null, diff);
        case KEYED:
          KindedPath keyPath = KeyedArrays.keyPath(diff);
          if (keyPath == null) fail(null, "unusable key path in " + diff.tag());
          return new KeyedFrame(this, state != null && state.isArray() ? state : null, diff, keyPath);
        default:
          if (diff.isObject()) {
            boolean merge = diff.tag() == null && state != null && state.isObject();
            return diff.size() == 0 && !merge ? value(diff) : new ObjectFrame(merge ? state : null, diff);
          }
          if (diff.isArray()) return diff.size() == 0 ? value(diff) : new ValueArrayFrame(diff);
          return value(diff);
      }
    }

    private Frame value(Node v) {
      leaf = v;
      return null;
    }

    /** The data under {@code !insert(t)}/{@code !delete(t)}: the node retagged {@code !t}, or untagged. */
    Node payload(Node op, PathSegment at) throws FormatException {
      Node data = DiffOps.payload(op);
      if (data == null) fail(at, op.tag() + " has an empty tag argument");
      return data;
    }

    void checkDelete(Node state, Node op, PathSegment at) throws FormatException {
      Node old = payload(op, at); // validates the tag even when lenient
      if (!strict) return;
      if (state == null) fail(at, "!delete of a value that is not there");
      if (!state.equals(old)) fail(at, "!delete: the value here is not the one the diff deletes");
    }

    Node replacement(Node state, Node op, PathSegment at) throws FormatException {
      Node from = op.isObject() ? op.get("from") : null;
      Node to = op.isObject() ? op.get("to") : null;
      if (from == null || to == null) fail(at, "!replace needs an object with from: and to:");
      if (strict && (state == null || !state.equals(from))) {
        fail(at, "!replace: the value here is not the diff's from:");
      }
      return to;
    }

    /** Fails at the current path, extended by at when the failure is about one child. */
    void fail(PathSegment at, String reason) throws FormatException {
      KindedPath p = KindedPath.of(path);
      if (at != null) p = p.child(at);
      throw new FormatException(reason, SOURCE, -1, -1, -1, p.toString());
    }
  }

  /**
   * A diff node whose children are applied one at a time. next() names the child to apply in
   * childState/childDiff/childSegment, or returns false when all are done; each child's result
   * (null when deleted) comes back through accept() before next() is called again.
   */
  private abstract static class Frame {
    abstract boolean next(Run run) throws FormatException;

    abstract void accept(Node result);

    abstract Node finish() throws FormatException;
  }

  /** An untagged object: merged into an object state, or resolved when state is null. */
  private static final class ObjectFrame extends Frame {
    final Node state;
    final Node diff;
    final Node[] results;
    int next;
    boolean changed;

    ObjectFrame(Node state, Node diff) {
      this.state = state;
      this.diff = diff;
      this.results = new Node[diff.size()];
    }

    @Override
    boolean next(Run run) {
      if (next == diff.size()) return false;
      NodeKey k = diff.key(next);
      run.childState = state == null ? null : state.get(k);
      run.childDiff = diff.child(next);
      run.childSegment = NodePaths.segmentOf(k);
      return true;
    }

    @Override
    void accept(Node result) {
      if (result != diff.child(next)) changed = true;
      results[next++] = result;
    }

    @Override
    Node finish() {
      // A resolved diff that holds no diff tags is its own result; no copy.
      if (state == null && !changed) return diff;
      List<NodeKey> keys = new ArrayList<>(diff.size() + (state == null ? 0 : state.size()));
      List<Node> values = new ArrayList<>(keys.size());
      if (state != null) {
        for (int i = 0; i < state.size(); i++) {
          NodeKey k = state.key(i);
          int d = diff.indexOf(k);
          Node v = d < 0 ? state.child(i) : results[d];
          if (v != null) {
            keys.add(k);
            values.add(v);
          }
        }
      }
      for (int d = 0; d < results.length; d++) {
        if (results[d] != null && (state == null || state.indexOf(diff.key(d)) < 0)) {
          keys.add(diff.key(d));
          values.add(results[d]);
        }
      }
      return Node.object(keys, values).withTag(state != null ? state.tag() : diff.tag());
    }
  }

  /** An array that is a value: it replaces the state, with the diff tags in its elements resolved. */
  private static final class ValueArrayFrame extends Frame {
    final Node diff;
    final List<Node> out;
    int next;
    boolean changed;

    ValueArrayFrame(Node diff) {
      this.diff = diff;
      this.out = new ArrayList<>(diff.size());
    }

    @Override
    boolean next(Run run) {
      if (next == diff.size()) return false;
      run.childState = null;
      run.childDiff = diff.child(next);
      run.childSegment = PathSegment.index(next);
      return true;
    }

    @Override
    void accept(Node result) {
      if (result != diff.child(next)) changed = true;
      if (result != null) out.add(result);
      next++;
    }

    @Override
    Node finish() {
      return changed ? Node.array(out).withTag(diff.tag()) : diff;
    }
  }

  /** {@code !arraydiff}: ops keyed by alignment slot, walked against the old elements. */
  private static final class ArrayDiffFrame extends Frame {
    final Run run;
    final Node old; // null: no state, which counts as []
    final Node diff;
    final long[] slots; // sorted
    final int[] opIndex; // diff child of each slot
    final List<Node> out = new ArrayList<>();
    int k; // next op
    int fi; // next old element
    long di; // next slot

    ArrayDiffFrame(Run run, Node old, Node diff) throws FormatException {
      this.run = run;
      this.old = old;
      this.diff = diff;
      int n = diff.size();
      long[][] pairs = new long[n][];
      for (int i = 0; i < n; i++) pairs[i] = new long[] {slotOf(run, diff.key(i)), i};
      Arrays.sort(pairs, (a, b) -> Long.compare(a[0], b[0]));
      slots = new long[n];
      opIndex = new int[n];
      for (int i = 0; i < n; i++) {
        slots[i] = pairs[i][0];
        opIndex[i] = (int) pairs[i][1];
        if (i > 0 && slots[i] == slots[i - 1]) run.fail(null, "!arraydiff names slot " + slots[i] + " twice");
      }
    }

    private static long slotOf(Run run, NodeKey key) throws FormatException {
      long v = DiffOps.slotOf(key);
      if (v < 0) {
        run.fail(null, "!arraydiff key is not an index from 0 to " + NodeKey.MAX_SPARSE_INDEX
            + ": \"" + key.field() + "\"");
      }
      return v;
    }

    private int oldSize() {
      return old == null ? 0 : old.size();
    }

    @Override
    boolean next(Run run) throws FormatException {
      int size = oldSize();
      while (k < slots.length) {
        long slot = slots[k];
        long unchanged = slot - di;
        if (fi + unchanged > size) overrun(slot, "an unchanged element", fi + unchanged);
        for (long u = 0; u < unchanged; u++) out.add(old.child(fi++));
        di = slot + 1;
        Node op = diff.child(opIndex[k++]);
        switch (DiffOps.opOf(op)) {
          case INSERT:
            out.add(run.payload(op, PathSegment.index(fi)));
            continue;
          case DELETE:
            if (fi >= size) overrun(slot, "!delete", fi);
            run.checkDelete(old.child(fi), op, PathSegment.index(fi));
            fi++;
            continue;
          case REPLACE:
            if (fi >= size) overrun(slot, "!replace", fi);
            out.add(run.replacement(old.child(fi), op, PathSegment.index(fi)));
            fi++;
            continue;
          default:
            if (fi >= size) overrun(slot, "a change", fi);
            run.childState = old.child(fi);
            run.childDiff = op;
            run.childSegment = PathSegment.index(fi);
            fi++;
            return true;
        }
      }
      while (fi < size) out.add(old.child(fi++));
      return false;
    }

    private void overrun(long slot, String what, long reaches) throws FormatException {
      run.fail(null, "!arraydiff key " + slot + ": " + what + " at element " + reaches
          + " of an array of " + oldSize());
    }

    @Override
    void accept(Node result) {
      if (result != null) out.add(result);
    }

    @Override
    Node finish() {
      return Node.array(out).withTag(old == null ? null : old.tag());
    }
  }

  /** {@code !key(f) [...]}: diff elements matched to state elements by key. */
  private static final class KeyedFrame extends Frame {
    final Run run;
    final Node state; // null: resolve the diff
    final Node diff;
    final KindedPath keyPath;
    final Map<Node, Integer> diffByKey;
    final boolean[] used;
    final List<Node> out;
    int si; // next state element
    int dj; // next diff element, once the state is done
    boolean changed;
    Node pendingDiff; // the diff element being applied, for the identity check

    KeyedFrame(Run run, Node state, Node diff, KindedPath keyPath) throws FormatException {
      this.run = run;
      this.state = state;
      this.diff = diff;
      this.keyPath = keyPath;
      this.used = new boolean[diff.size()];
      this.out = new ArrayList<>((state == null ? 0 : state.size()) + diff.size());
      this.diffByKey = new HashMap<>(diff.size() * 2);
      if (state == null) return; // nothing to match against
      for (int j = 0; j < diff.size(); j++) {
        Node e = diff.child(j);
        Node key = DiffOps.untagged(DiffOps.diffKey(e, keyPath));
        if (key == null) run.fail(PathSegment.index(j), "an element of a " + diff.tag() + " diff has no key");
        if (diffByKey.putIfAbsent(key, j) != null) {
          run.fail(segment(key, j), "two elements of a " + diff.tag() + " diff have the same key");
        }
      }
    }

    private static PathSegment segment(Node key, int index) {
      String text = KeyedArrays.keyText(key);
      return text != null ? PathSegment.keyed(text) : PathSegment.index(index);
    }

    @Override
    boolean next(Run run) {
      if (state != null) {
        while (si < state.size()) {
          Node e = state.child(si++);
          Node key = DiffOps.untagged(KeyedArrays.keyOf(e, keyPath));
          Integer j = key == null ? null : diffByKey.get(key);
          if (j == null || used[j]) {
            out.add(e);
            continue;
          }
          used[j] = true;
          return ask(run, e, j, segment(key, si - 1));
        }
      }
      while (dj < diff.size()) {
        int j = dj++;
        if (used[j]) continue;
        return ask(run, null, j, segment(KeyedArrays.keyOf(diff.child(j), keyPath), out.size()));
      }
      return false;
    }

    private boolean ask(Run run, Node stateElement, int j, PathSegment at) {
      pendingDiff = stateElement == null ? diff.child(j) : null;
      run.childState = stateElement;
      run.childDiff = diff.child(j);
      run.childSegment = at;
      return true;
    }

    @Override
    void accept(Node result) {
      if (pendingDiff == null || result != pendingDiff) changed = true;
      if (result != null) out.add(result);
    }

    @Override
    Node finish() {
      if (state == null) return changed ? Node.array(out).withTag(diff.tag()) : diff;
      return Node.array(out).withTag(state.tag());
    }
  }
}
