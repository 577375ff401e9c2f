package io.logdex.format.encode;

import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Seeded random trees for property tests: every node kind, tags, sparse and field keys, literals,
 * numbers of any size, and strings and keys full of what breaks writers (quotes, backslashes,
 * control chars, non-ASCII, surrogate pairs, unpaired surrogates, words that look like other
 * tokens).
 */
public final class RandomTrees {
  private static final String[] TAGS = {
    "!insert", "!delete", "!replace", "!arraydiff", "!key(sku)", "!key(id)", "!a.b", "!logd-auto-id"
  };
  private static final String[] TRICKY = {
    "", " ", "true", "false", "null", "0", "-1", "1.5", "a b", "a:b", "a: b", "a,b", "#x", "!t", "[",
    "]", "{", "}", "'", "\"", "\\", "\n", "\r\n", "\t", "\u0000", "\u001f", "\u007f", "é", "€", "😀",
    "\ud800", "\udfff", "\u2028", "\u00a0", "key(sku)", "a.b", "*", "~", "-", "--", "- a", "a#b",
    "{a b}", "//", "/* */", "0x1F", "1e5", "Infinity", "NaN", ".inf", "+1", "&anchor", "|", ">", "?"
  };
  private static final String[] WORDS = {"a", "name", "items", "x_1", "camelCase", "k-9", "é", "s3://b/o", "a.b.c", "$v", "_"};

  private final Random rnd;

  public RandomTrees(long seed) {
    this.rnd = new Random(seed);
  }

  public Random random() {
    return rnd;
  }

  /** A tree of at most about maxDepth levels with small fan-out. */
  public Node tree(int maxDepth) {
    for (;;) {
      Node n = node(maxDepth, true);
      // A document that is only "|" or ">-" would read as block Tony; the encoder refuses it.
      if (n.kind() != Node.Kind.LITERAL || !WireSyntax.isBlockScalarHeader(n.text())) return n;
    }
  }

  private Node node(int depth, boolean allowTag) {
    Node n;
    int r = rnd.nextInt(depth <= 0 ? 8 : 12);
    switch (r) {
      case 0: n = Node.string(string()); break;
      case 1: n = Node.integer(integer()); break;
      case 2: n = Node.floating(floating()); break;
      case 3: n = Node.literal(literal()); break;
      case 4: n = Node.TRUE; break;
      case 5: n = Node.FALSE; break;
      case 6: n = Node.NULL; break;
      case 7: n = Node.string(WORDS[rnd.nextInt(WORDS.length)]); break;
      case 8: case 9: n = object(depth); break;
      default: n = array(depth);
    }
    if (allowTag && rnd.nextInt(6) == 0) n = n.withTag(TAGS[rnd.nextInt(TAGS.length)]);
    return n;
  }

  private Node object(int depth) {
    int size = rnd.nextInt(5);
    boolean sparse = rnd.nextInt(4) == 0;
    List<NodeKey> keys = new ArrayList<>();
    List<Node> values = new ArrayList<>();
    Set<NodeKey> seen = new HashSet<>();
    for (int i = 0; i < size; i++) {
      NodeKey k = sparse || rnd.nextInt(10) == 0 ? NodeKey.sparse(sparseIndex()) : NodeKey.field(key());
      if (!seen.add(k)) continue;
      keys.add(k);
      values.add(node(depth - 1, true));
    }
    return Node.object(keys, values);
  }

  private Node array(int depth) {
    int size = rnd.nextInt(5);
    List<Node> values = new ArrayList<>();
    for (int i = 0; i < size; i++) values.add(node(depth - 1, true));
    return Node.array(values);
  }

  private long sparseIndex() {
    switch (rnd.nextInt(4)) {
      case 0: return rnd.nextInt(3);
      case 1: return NodeKey.MAX_SPARSE_INDEX - rnd.nextInt(2);
      default: return rnd.nextInt(1000);
    }
  }

  public String key() {
    return rnd.nextBoolean() ? WORDS[rnd.nextInt(WORDS.length)] : string();
  }

  /** A string mixing tricky fragments and random code points. */
  public String string() {
    StringBuilder sb = new StringBuilder();
    int parts = rnd.nextInt(4);
    for (int i = 0; i < parts; i++) {
      switch (rnd.nextInt(4)) {
        case 0: sb.append(TRICKY[rnd.nextInt(TRICKY.length)]); break;
        case 1: sb.append(WORDS[rnd.nextInt(WORDS.length)]); break;
        case 2: sb.append((char) rnd.nextInt(0x80)); break;
        default: sb.appendCodePoint(codePoint());
      }
    }
    return sb.toString();
  }

  private int codePoint() {
    switch (rnd.nextInt(4)) {
      case 0: return 0x80 + rnd.nextInt(0x780);
      case 1: return 0x800 + rnd.nextInt(0xD000);
      case 2: return 0x10000 + rnd.nextInt(0x100000);
      default: return 0xD800 + rnd.nextInt(0x800); // an unpaired surrogate
    }
  }

  public String integer() {
    switch (rnd.nextInt(5)) {
      case 0: return "0";
      case 1: return Long.toString(rnd.nextLong());
      case 2: return (rnd.nextBoolean() ? "-" : "") + "123456789012345678901234567890";
      default: return Integer.toString(rnd.nextInt(2000) - 1000);
    }
  }

  public String floating() {
    String sign = rnd.nextBoolean() ? "-" : "";
    String intPart = rnd.nextBoolean() ? "0" : Integer.toString(1 + rnd.nextInt(99999));
    String frac = rnd.nextBoolean() ? "." + rnd.nextInt(1000) : "";
    String exp = frac.isEmpty() || rnd.nextBoolean()
        ? (rnd.nextBoolean() ? "e" : "E") + (rnd.nextBoolean() ? "" : rnd.nextBoolean() ? "+" : "-") + rnd.nextInt(400)
        : "";
    return sign + intPart + frac + exp;
  }

  /** A literal: a fixed word, or random text that {@link WireSyntax#isBareLiteral} accepts. */
  public String literal() {
    String[] lits = {"active", "s3://bucket/key", "a.b", "x-y", "é", "😀ok", "a/b", "k(v)", "_x",
        "a#b", "+1", ".5", "~", "*", "a:b", "http://x:80/p?q=1#f", "\\", "|", ">-", "Infinity"};
    if (rnd.nextBoolean()) return lits[rnd.nextInt(lits.length)];
    for (;;) {
      String s = string();
      if (WireSyntax.isBareLiteral(s)) return s;
    }
  }
}
