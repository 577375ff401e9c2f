package io.logdex.format.token;

import io.logdex.format.path.PathSyntax;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded random documents for property tests: a {@link Node} model and one of the many texts that
 * spell it, in strict JSON or in Tony wire form with every syntax the tokenizer accepts (tags,
 * comments, both quotes, optional and trailing commas, {@code {a b}}, tagged implicit nulls,
 * literals, sparse and number-lexeme keys, escapes, multi-byte UTF-8, CRLF).
 */
public final class RandomDocuments {
  /** A model and its text. */
  public static final class Doc {
    public final Node tree;
    public final String text;

    Doc(Node tree, String text) {
      this.tree = tree;
      this.text = text;
    }

    public byte[] bytes() {
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }

  private static final String[] TAGS = {
    "!t", "!insert", "!delete", "!a.b", "!key(sku)", "!logd-auto-id.type", "!f(x, (y))", "!é"
  };
  private static final String[] NUMBER_FIELD_KEYS = {"-1", "1.5", "4294967296", "99999999999", "2e3"};
  private static final String LITERAL_START = "abcxyzABCZ_$/.~@é";
  private static final String LITERAL_REST = "abcxyzAZ019_./-#+*=@é日";

  private final Random r;
  private final boolean tony;

  public RandomDocuments(long seed, boolean tony) {
    this.r = new Random(seed);
    this.tony = tony;
  }

  public Random random() {
    return r;
  }

  /** One document for SINGLE mode. */
  public Doc document(int maxDepth) {
    Node n = node(maxDepth);
    StringBuilder sb = new StringBuilder();
    sb.append(wsOpt());
    render(n, sb, true);
    sb.append(wsOpt());
    return new Doc(n, sb.toString());
  }

  /** Several documents, one per line or concatenated, for STREAM mode. */
  public List<Doc> stream(int docs, int maxDepth, StringBuilder text) {
    List<Doc> out = new ArrayList<>();
    text.append(wsOpt());
    for (int i = 0; i < docs; i++) {
      Node n = node(maxDepth);
      StringBuilder sb = new StringBuilder();
      render(n, sb, false);
      out.add(new Doc(n, sb.toString()));
      text.append(sb);
      // A bare line break always separates; tony streams also have comment lines.
      String[] seps = tony
          ? new String[] {"\n", "\r\n", " \n", "\n# a comment line\n\n", "\n\n"}
          : new String[] {"\n", "\r\n", " ", "\n\n"};
      text.append(seps[r.nextInt(seps.length)]);
    }
    return out;
  }

  // ---- the model ----

  public Node node(int depth) {
    Node n;
    int pick = r.nextInt(depth > 0 ? 11 : 7);
    switch (pick) {
      case 0: n = Node.string(stringText()); break;
      case 1: n = Node.integer(integerLexeme()); break;
      case 2: n = Node.floating(floatLexeme()); break;
      case 3: n = r.nextBoolean() ? Node.TRUE : Node.FALSE; break;
      case 4: n = Node.NULL; break;
      case 5: n = tony ? Node.literal(literal()) : Node.string(stringText()); break;
      case 6: n = Node.string(""); break;
      case 7: case 8: n = object(depth - 1); break;
      default: n = array(depth - 1); break;
    }
    if (tony && r.nextInt(7) == 0) n = n.withTag(TAGS[r.nextInt(TAGS.length)]);
    return n;
  }

  private Node object(int depth) {
    int size = r.nextInt(5);
    HashSet<NodeKey> seen = new HashSet<>();
    List<NodeKey> keys = new ArrayList<>();
    List<Node> values = new ArrayList<>();
    while (keys.size() < size) {
      NodeKey k = key();
      if (!seen.add(k)) continue;
      keys.add(k);
      values.add(node(depth));
    }
    return Node.object(keys, values);
  }

  private Node array(int depth) {
    int size = r.nextInt(5);
    List<Node> values = new ArrayList<>();
    for (int i = 0; i < size; i++) values.add(node(depth));
    return Node.array(values);
  }

  private NodeKey key() {
    if (!tony) return NodeKey.field(r.nextInt(3) == 0 ? stringText() : literal());
    switch (r.nextInt(6)) {
      case 0: return NodeKey.sparse(r.nextInt(4) == 0 ? 0xFFFF_FFFFL : r.nextInt(100));
      case 1: return NodeKey.field(NUMBER_FIELD_KEYS[r.nextInt(NUMBER_FIELD_KEYS.length)]);
      case 2: return NodeKey.field(stringText());
      default: return NodeKey.field(literal());
    }
  }

  private String stringText() {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(12);
    for (int i = 0; i < n; i++) {
      switch (r.nextInt(14)) {
        case 0: sb.append("é"); break;
        case 1: sb.append("日本"); break;
        case 2: sb.appendCodePoint(0x1F600); break;
        case 3: sb.append((char) r.nextInt(0x20)); break;
        case 4: sb.append("\"'\\/"); break;
        case 5: sb.append("[]{}:,#! "); break;
        case 6: sb.append((char) (0xDC00 + r.nextInt(0x400))); break; // lone surrogate
        default: sb.append((char) ('a' + r.nextInt(26))); break;
      }
    }
    return sb.toString();
  }

  private String integerLexeme() {
    switch (r.nextInt(5)) {
      case 0: return "0";
      case 1: return "-" + (1 + r.nextInt(1000));
      case 2: return "123456789012345678901234567890";
      default: return Integer.toString(r.nextInt(100000));
    }
  }

  private String floatLexeme() {
    String[] f = {"1.5", "-0.25e-3", "6E+10", "1e5", "0.0", "-12.75", "3.14159265358979323846264338"};
    return f[r.nextInt(f.length)];
  }

  /** A literal that is not true/false/null and whose ':' never ends it. */
  private String literal() {
    switch (r.nextInt(6)) {
      case 0: return "s3://bucket/key";
      case 1: return "a:b";
      default:
        break;
    }
    StringBuilder sb = new StringBuilder();
    sb.append(LITERAL_START.charAt(r.nextInt(LITERAL_START.length())));
    int n = r.nextInt(8);
    for (int i = 0; i < n; i++) sb.append(LITERAL_REST.charAt(r.nextInt(LITERAL_REST.length())));
    String s = sb.toString();
    return s.equals("true") || s.equals("false") || s.equals("null") ? s + "_" : s;
  }

  // ---- rendering ----

  /**
   * Renders n; returns true if it was written as a bare tag (an implicit null), which only a
   * comma, a closer or the end of input may follow.
   */
  private boolean render(Node n, StringBuilder sb, boolean bareTagAllowed) {
    if (n.tag() != null) {
      sb.append(n.tag());
      if (n.isNull() && bareTagAllowed && r.nextBoolean()) return true;
      sb.append(r.nextInt(3) == 0 ? "  " : " ");
    }
    switch (n.kind()) {
      case OBJECT: renderObject(n, sb); break;
      case ARRAY: renderArray(n, sb); break;
      case STRING: quote(n.text(), sb); break;
      default: sb.append(n.text()); break;
    }
    return false;
  }

  private void renderObject(Node n, StringBuilder sb) {
    sb.append('{').append(wsOpt());
    for (int i = 0; i < n.size(); i++) {
      NodeKey k = n.key(i);
      Node v = n.child(i);
      boolean bareKey = renderKey(k, sb);
      boolean needComma;
      if (tony && v.tag() == null && v.isNull() && r.nextInt(3) == 0) {
        needComma = false; // {a b}: the key alone
      } else {
        sb.append(tony && !bareKey ? wsOpt() : r.nextBoolean() ? "" : " ");
        sb.append(':');
        sb.append(bareKey ? wsReq() : wsOpt());
        needComma = render(v, sb, tony);
      }
      boolean last = i == n.size() - 1;
      if (!last) sb.append(separator(needComma));
      else if (tony && r.nextInt(3) == 0) sb.append(wsOpt()).append(',');
    }
    sb.append(wsOpt()).append('}');
  }

  private void renderArray(Node n, StringBuilder sb) {
    sb.append('[').append(wsOpt());
    for (int i = 0; i < n.size(); i++) {
      boolean needComma = render(n.child(i), sb, tony);
      boolean last = i == n.size() - 1;
      if (!last) sb.append(separator(needComma));
      else if (tony && r.nextInt(3) == 0) sb.append(wsOpt()).append(',');
    }
    sb.append(wsOpt()).append(']');
  }

  /** Writes a key; returns true if it was written unquoted (so ':' must be followed by space). */
  private boolean renderKey(NodeKey k, StringBuilder sb) {
    if (k.isSparse()) {
      sb.append(k.index());
      return true;
    }
    String f = k.field();
    if (tony && isBareField(f) && r.nextInt(4) != 0) {
      sb.append(f);
      return true;
    }
    quote(f, sb);
    return false;
  }

  private static boolean isBareField(String f) {
    if (f.isEmpty()) return false;
    for (String s : NUMBER_FIELD_KEYS) if (s.equals(f)) return true;
    if (f.equals("s3://bucket/key") || f.equals("a:b")) return true;
    if (LITERAL_START.indexOf(f.charAt(0)) < 0) return false;
    for (int i = 1; i < f.length(); i++) if (LITERAL_REST.indexOf(f.charAt(i)) < 0) return false;
    return true;
  }

  private String separator(boolean needComma) {
    if (!tony) return wsOpt() + "," + wsOpt();
    switch (r.nextInt(needComma ? 3 : 6)) {
      case 0: return ",";
      case 1: return ", ";
      case 2: return wsOpt() + "," + wsOpt();
      case 3: return " ";
      case 4: return "\n";
      default: return " # comment, with ] and }\n";
    }
  }

  private String wsOpt() {
    switch (r.nextInt(tony ? 10 : 8)) {
      case 0: return " ";
      case 4: return "\n" + " ".repeat(r.nextInt(30)); // indentation, as pretty printers write
      case 1: return "\n";
      case 2: return "\r\n";
      case 3: return "\t ";
      case 8: return " # note: [ { \" '\n";
      case 9: return "\n#\n";
      default: return "";
    }
  }

  private String wsReq() {
    String s = wsOpt();
    return s.isEmpty() ? " " : s;
  }

  private void quote(String s, StringBuilder sb) {
    char q = tony && r.nextBoolean() ? '\'' : '"';
    sb.append(q);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == q || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        switch (c) {
          case '\n': sb.append("\\n"); break;
          case '\t': sb.append("\\t"); break;
          case '\r': sb.append("\\r"); break;
          case '\b': sb.append("\\b"); break;
          case '\f': sb.append("\\f"); break;
          default: sb.append(String.format("\\u%04X", (int) c));
        }
      } else if (Character.isSurrogate(c)) {
        boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length()
            && Character.isLowSurrogate(s.charAt(i + 1));
        if (pair && r.nextBoolean()) {
          sb.append(c).append(s.charAt(++i)); // raw 4-byte UTF-8
        } else {
          sb.append(String.format("\\u%04x", (int) c)); // lone, or the escaped half of a pair
        }
      } else if (c == '/' && r.nextBoolean()) {
        sb.append("\\/");
      } else if (c > 0x7f && r.nextInt(3) == 0) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append(q);
  }

  // ---- paths of a model, spelled as the tokenizer spells them ----

  /** Every node of the tree by its kinded path (the root under "" or the prefix given). */
  public static Map<String, Node> nodesByPath(Node root, String rootPath) {
    Map<String, Node> out = new LinkedHashMap<>();
    ArrayList<Object[]> work = new ArrayList<>();
    work.add(new Object[] {rootPath, root});
    while (!work.isEmpty()) {
      Object[] e = work.remove(work.size() - 1);
      String path = (String) e[0];
      Node n = (Node) e[1];
      out.put(path, n);
      for (int i = 0; i < n.size(); i++) {
        StringBuilder sb = new StringBuilder(path);
        if (n.isArray()) {
          PathSyntax.appendIndex(sb, i);
        } else if (n.key(i).isSparse()) {
          PathSyntax.appendSparse(sb, n.key(i).index());
        } else {
          PathSyntax.appendField(sb, n.key(i).field());
        }
        work.add(new Object[] {sb.toString(), n.child(i)});
      }
    }
    return out;
  }
}
