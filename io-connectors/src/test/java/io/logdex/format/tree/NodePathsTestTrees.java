package io.logdex.format.tree;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Test-only: builds trees from a small subset of Tony wire text (so a test reads like the data it
 * is about) and holds the random tree generator of these tests. Not a parser for production
 * use; TreeParser is that.
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

  /** The generator of these tests: names and tags that stress path spelling, wide sparse indexes. */
  static final TreeGenerator TREES = new TreeGenerator(NAMES, TAGS, 8, 2000, 0, 4,
      r -> r.nextInt(4) == 0 ? NodeKey.MAX_SPARSE_INDEX - r.nextInt(2) : r.nextInt(20),
      6, NodePathsTestTrees::randomKey, 30, 1000);

  static Node randomKey(Random r) {
    int v = r.nextInt(12);
    if (v < 6) return Node.string(NAMES[r.nextInt(NAMES.length)]);
    if (v < 9) return Node.integer(r.nextInt(10));
    return Node.literal("k" + r.nextInt(10));
  }

  /** A chain {a: {a: ... leaf}} of the given depth, built without recursion. */
  static Node deepObject(int depth, Node leaf) {
    Node n = leaf;
    for (int d = 0; d < depth; d++) n = Node.objectBuilder().put("a", n).build();
    return n;
  }
}
