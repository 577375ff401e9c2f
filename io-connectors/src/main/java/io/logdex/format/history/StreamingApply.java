package io.logdex.format.history;

import io.logdex.format.FormatException;
import io.logdex.format.encode.Encoder;
import io.logdex.format.path.KindedPath;
import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.tree.DiffApply;
import io.logdex.format.tree.DiffOps;
import io.logdex.format.tree.MergePatch;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import io.logdex.format.tree.NodePaths;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a sequence of root diffs to a state read token by token, writing the result to an
 * encoder, with the same result as applying them one after the other with {@code kind.apply} to
 * the parsed state (field order, tags and null/absence included), but holding only what the diffs
 * name. A sequence, not just one diff, because some consecutive diffs compose into no single diff
 * (a field deleted and re-created moves to the end of its object): those still cost one pass.
 *
 * <p>Where every diff at a node is a merge (an untagged object; for merge patches any object) and
 * the state is an object, the object streams. Fields no diff names are copied token by token. A
 * field some diff deletes is left out where it stands; otherwise the field's diffs are applied one
 * level down by the same rules. After the state's last field come the fields the diffs add, in the
 * order the sequence leaves them: each diff appends, in its own order, the fields it makes present
 * that were absent (which is where DiffApply and MergePatch put them); those values are computed
 * from the diffs alone. Where some diff's result does not depend on its input (insert, delete,
 * replace, a value; a merge-patch non-object), the state is skipped unread and the diffs from the
 * last such one on are applied in memory; so is a merge meeting a non-object. Only {@code
 * !arraydiff} and {@code !key(f)} over a non-object path need the state's subtree as a tree: it
 * is built under a byte cap and the failure names its path. Memory: the diffs plus the largest
 * such subtree.
 *
 * <p>Like a composed diff, a diff overridden by a later state-independent one is not applied, so
 * a failure it would have raised is not seen. Iterative over the diffs' depth. Not thread-safe.
 */
public final class StreamingApply {
  /** A diff that does not fit the state (DiffApply's failure, its path made absolute). */
  public static final class DiffFailure extends FormatException {
    private static final long serialVersionUID = 1L;

    DiffFailure(FormatException cause, KindedPath at) {
      super(cause.reason(), cause.source(), cause.offset(), cause.line(), cause.column(),
          Paths.absolute(at, cause.path()), cause);
    }
  }

  private final DiffKind kind;
  private final long maxMaterializedBytes;
  private long materializedSubtrees;
  private long largestMaterializedBytes;

  /** An object of the state that the diffs, all merges, merge into, being streamed. */
  private static final class Frame {
    final List<Node> diffs;
    final KindedPath path;
    /** State fields some diff names that stay in place (no diff deletes them). */
    final Set<NodeKey> inPlace = new HashSet<>();
    /** State fields some diff deletes: they leave their place; one may come back at the end. */
    final Set<NodeKey> leaving = new HashSet<>();

    Frame(List<Node> diffs, KindedPath path) {
      this.diffs = diffs;
      this.path = path;
    }
  }

  /** @param maxMaterializedBytes the largest state subtree an arraydiff or keyed diff may need as a tree */
  public StreamingApply(DiffKind kind, long maxMaterializedBytes) {
    if (maxMaterializedBytes < 0) throw new IllegalArgumentException("negative cap " + maxMaterializedBytes);
    this.kind = kind;
    this.maxMaterializedBytes = maxMaterializedBytes;
  }

  /** How many state subtrees were built as trees so far. */
  public long materializedSubtrees() {
    return materializedSubtrees;
  }

  /** The input bytes of the largest of them. */
  public long largestMaterializedBytes() {
    return largestMaterializedBytes;
  }

  /** {@link #apply(Tokenizer, List, Encoder)} of one diff, or of none when diff is null (a copy). */
  public boolean apply(Tokenizer in, Node diff, Encoder out) throws IOException {
    return apply(in, diff == null ? List.of() : List.of(diff), out);
  }

  /**
   * Reads one value, the state, from in (before its first token; the end of input means absent)
   * and writes the diffs applied to it in order to out as one document.
   *
   * @return false when the result is absent (nothing written)
   * @throws DiffFailure when a diff does not fit the state, naming the absolute path
   * @throws FormatException for bad state input, or a subtree over the cap
   */
  public boolean apply(Tokenizer in, List<Node> diffs, Encoder out) throws IOException {
    TokenKind k = in.next();
    if (k == TokenKind.END_OF_INPUT) {
      Node r = fold(null, diffs, 0, KindedPath.ROOT, true);
      if (r == null) return false;
      out.node(r);
      return true;
    }
    if (k != TokenKind.TAG && !k.startsValue()) throw in.error("expected a value, found " + k.inWords());
    ArrayDeque<Frame> stack = new ArrayDeque<>();
    boolean written = value(in, diffs, KindedPath.ROOT, null, out, stack);
    List<Node> children = new ArrayList<>();
    while (!stack.isEmpty()) {
      Frame f = stack.peek();
      k = TokenCopy.next(in);
      if (k == TokenKind.KEY) {
        NodeKey key = TokenCopy.key(in);
        TokenCopy.next(in);
        children.clear();
        boolean deleted = false;
        for (Node d : f.diffs) {
          Node c = d.get(key);
          if (c == null) continue;
          children.add(c);
          deleted |= deletes(c);
        }
        if (children.isEmpty()) {
          out.key(key);
          TokenCopy.copy(in, out);
          continue;
        }
        if (f.inPlace.contains(key) || f.leaving.contains(key)) {
          throw in.error("the key " + key + " appears twice in one object");
        }
        if (deleted) {
          // Its value until then does not matter: it is gone, and whatever comes back is the diffs'.
          f.leaving.add(key);
          TokenCopy.skip(in);
          continue;
        }
        f.inPlace.add(key);
        value(in, List.copyOf(children), f.path.child(NodePaths.segmentOf(key)), key, out, stack);
      } else if (k == TokenKind.END_OBJECT) {
        for (Map.Entry<NodeKey, Node> e : added(f).entrySet()) {
          out.key(e.getKey());
          out.node(e.getValue());
        }
        out.endObject();
        stack.pop();
      } else {
        throw in.error("expected a key or the end of the object, found " + k.inWords());
      }
    }
    return written;
  }

  /**
   * The fields after the state's, in order: each diff in turn applied to the fields that are not
   * in place, a field that becomes present going to the end and one deleted leaving.
   */
  private Map<NodeKey, Node> added(Frame f) throws DiffFailure {
    LinkedHashMap<NodeKey, Node> tail = new LinkedHashMap<>();
    Set<NodeKey> stillInState = new HashSet<>(f.leaving);
    for (Node d : f.diffs) {
      for (int i = 0; i < d.size(); i++) {
        NodeKey key = d.key(i);
        if (f.inPlace.contains(key)) continue;
        Node c = d.child(i);
        if (stillInState.contains(key)) {
          // Present in the state until a diff (this one or a later) deletes it.
          if (deletes(c)) stillInState.remove(key);
          continue;
        }
        Node v = step(tail.get(key), c, f.path.child(NodePaths.segmentOf(key)), false);
        if (v == null) tail.remove(key);
        else tail.put(key, v); // a present key keeps its place, a new one goes last
      }
    }
    return tail;
  }

  /**
   * One state value, whose first token is current, meeting diffs (applied in order): streamed (a
   * frame pushed), skipped and computed, or materialized and applied. key, when not null, is
   * written before the value only if the result is present.
   */
  private boolean value(Tokenizer in, List<Node> diffs, KindedPath path, NodeKey key, Encoder out,
      ArrayDeque<Frame> stack) throws IOException {
    if (diffs.isEmpty()) {
      if (key != null) out.key(key);
      TokenCopy.copy(in, out);
      return true;
    }
    boolean root = key == null;
    Node r;
    int constant = -1;
    for (int i = diffs.size() - 1; i >= 0 && constant < 0; i--) if (isConstant(diffs.get(i))) constant = i;
    if (constant >= 0) {
      TokenCopy.skip(in);
      r = fold(null, diffs, constant, path, root);
    } else {
      long start = in.offset();
      String tag = null;
      if (in.current() == TokenKind.TAG) {
        tag = in.text();
        TokenCopy.next(in);
      }
      boolean allMerge = true;
      for (Node d : diffs) allMerge &= merges(d);
      if (in.current() == TokenKind.BEGIN_OBJECT && allMerge) {
        if (key != null) out.key(key);
        if (tag != null) out.tag(tag);
        out.beginObject();
        stack.push(new Frame(diffs, path));
        return true;
      }
      if (merges(diffs.get(0))) {
        // A merge meeting a non-object resolves against absence.
        TokenCopy.skip(in);
        r = fold(null, diffs, 0, path, root);
      } else {
        Node s = TokenCopy.materialize(in, tag, start, path, maxMaterializedBytes);
        materializedSubtrees++;
        largestMaterializedBytes = Math.max(largestMaterializedBytes, in.offset() + in.length() - start);
        r = fold(s, diffs, 0, path, root);
      }
    }
    if (r == null) return false;
    if (key != null) out.key(key);
    out.node(r);
    return true;
  }

  /** diffs[from..] applied in order to v, in memory. */
  private Node fold(Node v, List<Node> diffs, int from, KindedPath path, boolean root) throws DiffFailure {
    for (int i = from; i < diffs.size(); i++) v = step(v, diffs.get(i), path, root);
    return v;
  }

  /** One diff applied to v (null: absent). A merge-patch null removes a field but sets null at the root. */
  private Node step(Node v, Node d, KindedPath path, boolean root) throws DiffFailure {
    if (kind == DiffKind.MERGE_PATCH) return !root && d.isNull() ? null : MergePatch.apply(v, d);
    try {
      return DiffApply.apply(v, d);
    } catch (FormatException e) {
      throw new DiffFailure(e, path);
    }
  }

  /** Whether d merges field by field into an object state. */
  private boolean merges(Node d) {
    return kind == DiffKind.TONY ? DiffOps.opOf(d) == DiffOps.Op.MERGE : d.isObject();
  }

  /** Whether d's result is the same whatever it meets. */
  private boolean isConstant(Node d) {
    return kind == DiffKind.TONY ? DiffOps.opOf(d).isConstant() : !d.isObject();
  }

  /** Whether d, as a field's diff, removes the field (the only way a result is absent). */
  private boolean deletes(Node d) {
    return kind == DiffKind.TONY ? DiffOps.opOf(d) == DiffOps.Op.DELETE : d.isNull();
  }
}
