package io.logdex.format.tree;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Test-only: random trees (objects, sparse arrays, arrays, {@code !key(id)} arrays) and random edits
 * of them. The shape is the same everywhere; the parameters are the vocabulary and odds each
 * package's tests want (NodePathsTestTrees.TREES stresses path spelling, the history tests' keep
 * keys few so that histories collide). Draws from r in a fixed order, so a seed means one tree.
 *
 * @param names field names and string values
 * @param tags tags put on a node now and then (never on a keyed array)
 * @param tagOdds one node in tagOdds gets a tag
 * @param intSpan integers are drawn from [-intSpan/2, intSpan/2)
 * @param minFields fewest fields of a random object
 * @param maxFields most fields of a random object (fewer when a name repeats)
 * @param sparseIndex draws one index of a sparse array
 * @param missingKeyOdds one keyed array in missingKeyOdds gets an element without a key
 * @param keys draws the key of a keyed array's element
 * @param mutateSparseBound a field mutate() adds is a sparse index below this, half the time
 * @param freshKeyBound an element mutate() adds to a keyed array has key "new" + below this
 */
public record TreeGenerator(
    String[] names,
    String[] tags,
    int tagOdds,
    int intSpan,
    int minFields,
    int maxFields,
    ToLongFunction<Random> sparseIndex,
    int missingKeyOdds,
    Function<Random, Node> keys,
    int mutateSparseBound,
    int freshKeyBound) {

  /** A random tree of at most depth levels. */
  public Node random(Random r, int depth) {
    int kind = r.nextInt(depth <= 0 ? 5 : 10);
    Node n;
    switch (kind) {
      case 0: n = Node.string(names[r.nextInt(names.length)]); break;
      case 1: n = Node.integer(r.nextInt(intSpan) - intSpan / 2); break;
      case 2: n = r.nextBoolean() ? Node.bool(r.nextBoolean()) : Node.NULL; break;
      case 3: n = Node.floating(r.nextInt(100) + ".5"); break;
      case 4: n = Node.literal(r.nextBoolean() ? "active" : "x-y"); break;
      case 5: case 6: n = randomObject(r, depth); break;
      case 7: n = randomSparse(r, depth); break;
      case 8: n = randomArray(r, depth); break;
      default: n = randomKeyed(r, depth);
    }
    if (r.nextInt(tagOdds) == 0 && !"key".equals(n.tagName())) n = n.withTag(tags[r.nextInt(tags.length)]);
    return n;
  }

  public Node randomObject(Random r, int depth) {
    Node.ObjectBuilder b = Node.objectBuilder();
    Set<String> used = new HashSet<>();
    int n = minFields + r.nextInt(maxFields - minFields + 1);
    for (int k = 0; k < n; k++) {
      String name = names[r.nextInt(names.length)];
      if (used.add(name)) b.put(name, random(r, depth - 1));
    }
    return b.build();
  }

  public Node randomSparse(Random r, int depth) {
    Node.ObjectBuilder b = Node.objectBuilder();
    Set<Long> used = new HashSet<>();
    int n = 1 + r.nextInt(4);
    for (int k = 0; k < n; k++) {
      long idx = sparseIndex.applyAsLong(r);
      if (used.add(idx)) b.put(NodeKey.sparse(idx), random(r, depth - 1));
    }
    return b.build();
  }

  public Node randomArray(Random r, int depth) {
    List<Node> es = new ArrayList<>();
    int n = r.nextInt(5);
    for (int k = 0; k < n; k++) es.add(random(r, depth - 1));
    return Node.array(es);
  }

  /** {@code !key(id) [...]}: objects keyed by id, mostly unique, now and then repeated or missing. */
  public Node randomKeyed(Random r, int depth) {
    List<Node> es = new ArrayList<>();
    int n = r.nextInt(5);
    for (int k = 0; k < n; k++) es.add(keyedElement(r, depth, keys.apply(r)));
    if (r.nextInt(missingKeyOdds) == 0 && n > 0) es.add(keyedElement(r, depth, null)); // no key
    return Node.array(es).withTag("!key(id)");
  }

  /** A random object with id set to key, or without id when key is null. */
  public Node keyedElement(Random r, int depth, Node key) {
    Node body = randomObject(r, depth - 1);
    return key == null ? body.withoutField(NodeKey.field("id")) : body.withField(NodeKey.field("id"), key);
  }

  /** n with a few random edits, so that diffs between them are structural rather than one !replace. */
  public Node mutate(Node n, Random r, int depth) {
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
          NodeKey k = r.nextBoolean() ? NodeKey.field(names[r.nextInt(names.length)])
              : NodeKey.sparse(r.nextInt(mutateSparseBound));
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
            m = m.withField(NodeKey.field("id"), es.get(i).get("id")); // keep its identity
          }
          es.set(i, m);
        } else {
          Node fresh = keyed
              ? keyedElement(r, depth, Node.string("new" + r.nextInt(freshKeyBound)))
              : random(r, depth - 1);
          es.add(keyed && r.nextBoolean() ? es.size() : r.nextInt(es.size() + 1), fresh);
        }
      }
      return Node.array(es).withTag(n.tag());
    }
    return random(r, 0);
  }
}
