package io.logdex.format.tree;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Test-only: builds trees from a small subset of Tony wire text (so a test reads like the data it
 * is about) and generates random trees. Not a parser for production use; TreeParser is that.
 *
 * <p>Subset: objects with bare, quoted or integer (sparse) keys; arrays; double- or single-quoted
 * strings with JSON escapes; integers, floats, true, false, null, bare literals; tags {@code
 * !name} and {@code !name(args)} before a value. Commas are optional.
 */
final class NodePathsTestTrees {
  private final String s;
  private int i;

  private NodePathsTestTrees(String s) {
    this.s = s;
  }

  static Node t(String text) {
    NodePathsTestTrees p = new NodePathsTestTrees(text);
    Node n = p.value();
    p.ws();
    if (p.i != text.length()) throw new IllegalArgumentException("trailing text at " + p.i + ": " + text);
    return n;
  }

  private Node value() {
    ws();
    String tag = null;
    if (peek() == '!') {
      int start = i;
      int depth = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '(') depth++;
        else if (c == ')') depth--;
        else if (depth == 0 && (c == ' ' || c == ',' || c == ']' || c == '}' || c == '[' || c == '{')) break;
        i++;
      }
      tag = s.substring(start, i);
      ws();
    }
    Node n;
    char c = peek();
    if (c == '{') n = object();
    else if (c == '[') n = array();
    else if (c == '"' || c == '\'') n = Node.string(quoted());
    else n = scalar(word());
    return tag == null ? n : n.withTag(tag);
  }

  private Node object() {
    i++;
    List<NodeKey> keys = new ArrayList<>();
    List<Node> values = new ArrayList<>();
    while (true) {
      ws();
      if (peek() == '}') {
        i++;
        return Node.object(keys, values);
      }
      NodeKey k;
      if (peek() == '"' || peek() == '\'') {
        k = NodeKey.field(quoted());
      } else {
        String w = word();
        k = w.chars().allMatch(Character::isDigit) ? NodeKey.sparse(Long.parseLong(w)) : NodeKey.field(w);
      }
      ws();
      if (peek() != ':') throw new IllegalArgumentException("expected ':' at " + i + ": " + s);
      i++;
      keys.add(k);
      values.add(value());
      ws();
      if (peek() == ',') i++;
    }
  }

  private Node array() {
    i++;
    List<Node> values = new ArrayList<>();
    while (true) {
      ws();
      if (peek() == ']') {
        i++;
        return Node.array(values);
      }
      values.add(value());
      ws();
      if (peek() == ',') i++;
    }
  }

  private String quoted() {
    char q = s.charAt(i++);
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = s.charAt(i++);
      if (c == q) return sb.toString();
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = s.charAt(i++);
      switch (e) {
        case 'n': sb.append('\n'); break;
        case 't': sb.append('\t'); break;
        case 'u': sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
        default: sb.append(e);
      }
    }
  }

  private String word() {
    int start = i;
    while (i < s.length() && " \t\n,:[]{}".indexOf(s.charAt(i)) < 0) i++;
    if (i == start) throw new IllegalArgumentException("expected a value at " + i + ": " + s);
    return s.substring(start, i);
  }

  private static Node scalar(String w) {
    switch (w) {
      case "true": return Node.TRUE;
      case "false": return Node.FALSE;
      case "null": return Node.NULL;
      default:
    }
    if (w.matches("-?\\d+")) return Node.integer(w);
    if (w.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) return Node.floating(w);
    return Node.literal(w);
  }

  private char peek() {
    return i < s.length() ? s.charAt(i) : '\0';
  }

  private void ws() {
    while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
  }

  // ---- random trees ----

  static final String[] NAMES = {
    "a", "b", "c", "id", "sku", "", "a.b", "0", "1x", "true", "null", "*", "x y", "it's",
    "say \"hi\"", "(k)", "[0]", "{1}", "é", "中", "\\", "\n", "ord-001",
  };

  static final String[] TAGS = {"!t", "!u", "!key(id)", "!ns.tag", "!w(a,b)"};

  /** A random tree of at most depth levels, with objects, sparse arrays, arrays and keyed arrays. */
  static Node random(Random r, int depth) {
    int kind = r.nextInt(depth <= 0 ? 5 : 10);
    Node n;
    switch (kind) {
      case 0: n = Node.string(NAMES[r.nextInt(NAMES.length)]); break;
      case 1: n = Node.integer(r.nextInt(2000) - 1000); break;
      case 2: n = r.nextBoolean() ? Node.bool(r.nextBoolean()) : Node.NULL; break;
      case 3: n = Node.floating(r.nextInt(100) + ".5"); break;
      case 4: n = Node.literal(r.nextBoolean() ? "active" : "x-y"); break;
      case 5: case 6: n = randomObject(r, depth); break;
      case 7: n = randomSparse(r, depth); break;
      case 8: n = randomArray(r, depth); break;
      default: n = randomKeyed(r, depth);
    }
    if (r.nextInt(8) == 0 && !"key".equals(n.tagName())) n = n.withTag(TAGS[r.nextInt(TAGS.length)]);
    return n;
  }

  static Node randomObject(Random r, int depth) {
    Node.ObjectBuilder b = Node.objectBuilder();
    Set<String> used = new HashSet<>();
    int n = r.nextInt(5);
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
      long idx = r.nextInt(4) == 0 ? NodeKey.MAX_SPARSE_INDEX - r.nextInt(2) : r.nextInt(20);
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
    if (r.nextInt(6) == 0 && n > 0) es.add(keyedElement(r, depth, null)); // no key
    return Node.array(es).withTag("!key(id)");
  }

  static Node randomKey(Random r) {
    int v = r.nextInt(12);
    if (v < 6) return Node.string(NAMES[r.nextInt(NAMES.length)]);
    if (v < 9) return Node.integer(r.nextInt(10));
    return Node.literal("k" + r.nextInt(10));
  }

  static Node keyedElement(Random r, int depth, Node key) {
    Node body = randomObject(r, depth - 1);
    return key == null ? body.withoutField(NodeKey.field("id")) : body.withField(NodeKey.field("id"), key);
  }

  /** A chain {a: {a: ... leaf}} of the given depth, built without recursion. */
  static Node deepObject(int depth, Node leaf) {
    Node n = leaf;
    for (int d = 0; d < depth; d++) n = Node.objectBuilder().put("a", n).build();
    return n;
  }
}
