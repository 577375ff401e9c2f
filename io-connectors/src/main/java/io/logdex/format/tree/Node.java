package io.logdex.format.tree;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable JSON/Tony value. Numbers keep their lexeme and strings their decoded text, so a
 * parsed document re-encodes losslessly; tags ({@code !insert}, {@code !key(sku)}) stay on the node
 * they stand before. Object fields keep document order and may not repeat a key.
 *
 * <p>equals, hashCode and the walkers are iterative: documents nest 10,000 levels deep.
 */
public final class Node {
  public enum Kind {
    OBJECT,
    ARRAY,
    STRING,
    INTEGER,
    FLOAT,
    TRUE,
    FALSE,
    NULL,
    /** An unquoted Tony literal such as {@code active}; JSON has none. */
    LITERAL;

    /** The kind in words ("found an array"), for error messages: those reach people. */
    public String inWords() {
      switch (this) {
        case OBJECT: return "an object";
        case ARRAY: return "an array";
        case STRING: return "a string";
        case INTEGER: return "an integer";
        case FLOAT: return "a number";
        case LITERAL: return "a literal";
        default: return name().toLowerCase(java.util.Locale.ROOT); // true, false, null
      }
    }
  }

  private static final NodeKey[] NO_KEYS = new NodeKey[0];
  private static final Node[] NO_CHILDREN = new Node[0];
  private static final int INDEXED_LOOKUP_THRESHOLD = 8;

  public static final Node NULL = new Node(Kind.NULL, null, null, NO_KEYS, NO_CHILDREN);
  public static final Node TRUE = new Node(Kind.TRUE, null, null, NO_KEYS, NO_CHILDREN);
  public static final Node FALSE = new Node(Kind.FALSE, null, null, NO_KEYS, NO_CHILDREN);

  private final Kind kind;
  private final String tag;
  private final String text;
  private final NodeKey[] keys;
  private final Node[] children;
  private Map<NodeKey, Integer> keyIndex; // built lazily for large objects
  private int hash;

  private Node(Kind kind, String tag, String text, NodeKey[] keys, Node[] children) {
    this.kind = kind;
    this.tag = tag;
    this.text = text;
    this.keys = keys;
    this.children = children;
  }

  // ---- factories ----

  public static Node string(String value) {
    return new Node(Kind.STRING, null, Objects.requireNonNull(value), NO_KEYS, NO_CHILDREN);
  }

  /** An integer with its lexeme as written, e.g. {@code -12} or {@code 123456789012345678901234}. */
  public static Node integer(String lexeme) {
    return new Node(Kind.INTEGER, null, Objects.requireNonNull(lexeme), NO_KEYS, NO_CHILDREN);
  }

  public static Node integer(long value) {
    return integer(Long.toString(value));
  }

  /** A number with a fraction or exponent, with its lexeme as written, e.g. {@code 1.5e-3}. */
  public static Node floating(String lexeme) {
    return new Node(Kind.FLOAT, null, Objects.requireNonNull(lexeme), NO_KEYS, NO_CHILDREN);
  }

  public static Node literal(String text) {
    return new Node(Kind.LITERAL, null, Objects.requireNonNull(text), NO_KEYS, NO_CHILDREN);
  }

  public static Node bool(boolean value) {
    return value ? TRUE : FALSE;
  }

  public static Node array(List<Node> elements) {
    return new Node(Kind.ARRAY, null, null, NO_KEYS, elements.toArray(NO_CHILDREN));
  }

  public static Node array(Node... elements) {
    return new Node(Kind.ARRAY, null, null, NO_KEYS, elements.clone());
  }

  /** An object from parallel key and value lists; keys must be distinct. */
  public static Node object(List<NodeKey> keys, List<Node> values) {
    if (keys.size() != values.size()) throw new IllegalArgumentException("keys/values differ in size");
    NodeKey[] k = keys.toArray(NO_KEYS);
    Node[] v = values.toArray(NO_CHILDREN);
    Node n = new Node(Kind.OBJECT, null, null, k, v);
    n.checkDistinctKeys();
    return n;
  }

  public static Node emptyObject() {
    return new Node(Kind.OBJECT, null, null, NO_KEYS, NO_CHILDREN);
  }

  public static ObjectBuilder objectBuilder() {
    return new ObjectBuilder();
  }

  /** This node with the given tag (e.g. {@code "!insert"}), or untagged when tag is null. */
  public Node withTag(String tag) {
    if (Objects.equals(tag, this.tag)) return this;
    if (tag != null && (tag.length() < 2 || tag.charAt(0) != '!')) {
      throw new IllegalArgumentException("a tag starts with '!': " + tag);
    }
    return new Node(kind, tag, text, keys, children);
  }

  // ---- accessors ----

  public Kind kind() {
    return kind;
  }

  /** The tag including its '!', e.g. {@code !key(sku)}, or null. */
  public String tag() {
    return tag;
  }

  /** The tag's name without '!' and without arguments: {@code key} for {@code !key(sku)}. */
  public String tagName() {
    if (tag == null) return null;
    int p = tag.indexOf('(');
    return p < 0 ? tag.substring(1) : tag.substring(1, p);
  }

  /** The tag's argument text: {@code sku} for {@code !key(sku)}, or null. */
  public String tagArgument() {
    if (tag == null) return null;
    int p = tag.indexOf('(');
    return p < 0 || !tag.endsWith(")") ? null : tag.substring(p + 1, tag.length() - 1);
  }

  public boolean isObject() {
    return kind == Kind.OBJECT;
  }

  public boolean isArray() {
    return kind == Kind.ARRAY;
  }

  public boolean isContainer() {
    return kind == Kind.OBJECT || kind == Kind.ARRAY;
  }

  public boolean isNull() {
    return kind == Kind.NULL;
  }

  /** Number of fields or elements; 0 for scalars. */
  public int size() {
    return children.length;
  }

  public Node child(int i) {
    return children[i];
  }

  public NodeKey key(int i) {
    return keys[i];
  }

  /** Fields or elements as an unmodifiable list. */
  public List<Node> children() {
    return Collections.unmodifiableList(Arrays.asList(children));
  }

  /** Object keys in document order; empty for arrays and scalars. */
  public List<NodeKey> keys() {
    return Collections.unmodifiableList(Arrays.asList(keys));
  }

  /** Position of key in this object, or -1. */
  public int indexOf(NodeKey key) {
    if (kind != Kind.OBJECT) return -1;
    if (keys.length <= INDEXED_LOOKUP_THRESHOLD) {
      for (int i = 0; i < keys.length; i++) if (keys[i].equals(key)) return i;
      return -1;
    }
    Map<NodeKey, Integer> idx = keyIndex;
    if (idx == null) {
      idx = new HashMap<>(keys.length * 2);
      for (int i = 0; i < keys.length; i++) idx.put(keys[i], i);
      keyIndex = idx;
    }
    Integer i = idx.get(key);
    return i == null ? -1 : i;
  }

  /** The value of field or sparse key in this object, or null if absent or not an object. */
  public Node get(NodeKey key) {
    int i = indexOf(key);
    return i < 0 ? null : children[i];
  }

  public Node get(String field) {
    return get(NodeKey.field(field));
  }

  /**
   * The text: the decoded value of a STRING, the lexeme of an INTEGER or FLOAT, the literal of a
   * LITERAL, and "true"/"false"/"null" for those; null for containers.
   */
  public String text() {
    switch (kind) {
      case TRUE:
        return "true";
      case FALSE:
        return "false";
      case NULL:
        return "null";
      default:
        return text;
    }
  }

  public long longValue() {
    if (kind != Kind.INTEGER) throw new IllegalStateException("not an integer: " + kind);
    return Long.parseLong(text);
  }

  public BigInteger bigIntegerValue() {
    if (kind != Kind.INTEGER) throw new IllegalStateException("not an integer: " + kind);
    return new BigInteger(text);
  }

  public double doubleValue() {
    if (kind != Kind.INTEGER && kind != Kind.FLOAT) {
      throw new IllegalStateException("not a number: " + kind);
    }
    return Double.parseDouble(text);
  }

  /** Copy-on-write edits used by diff application. */
  public Node withField(NodeKey key, Node value) {
    if (kind != Kind.OBJECT) throw new IllegalStateException("not an object: " + kind);
    int i = indexOf(key);
    if (i >= 0) {
      Node[] v = children.clone();
      v[i] = value;
      return new Node(kind, tag, null, keys, v);
    }
    NodeKey[] k = Arrays.copyOf(keys, keys.length + 1);
    Node[] v = Arrays.copyOf(children, children.length + 1);
    k[keys.length] = key;
    v[children.length] = value;
    return new Node(kind, tag, null, k, v);
  }

  public Node withoutField(NodeKey key) {
    int i = indexOf(key);
    if (i < 0) return this;
    return new Node(kind, tag, null, remove(keys, i), remove(children, i));
  }

  public Node withElement(int i, Node value) {
    if (kind != Kind.ARRAY) throw new IllegalStateException("not an array: " + kind);
    Node[] v = children.clone();
    v[i] = value;
    return new Node(kind, tag, null, NO_KEYS, v);
  }

  private static <T> T[] remove(T[] a, int i) {
    T[] r = Arrays.copyOf(a, a.length - 1);
    System.arraycopy(a, i + 1, r, i, a.length - i - 1);
    return r;
  }

  private void checkDistinctKeys() {
    if (keys.length < 2) return;
    java.util.HashSet<NodeKey> seen = new java.util.HashSet<>(keys.length * 2);
    for (NodeKey k : keys) {
      if (!seen.add(k)) throw new IllegalArgumentException("duplicate key: " + k);
    }
  }

  // ---- equality, iterative ----

  @Override
  public boolean equals(Object o) {
    if (this == o) return true;
    if (!(o instanceof Node)) return false;
    ArrayDeque<Node[]> work = new ArrayDeque<>();
    work.push(new Node[] {this, (Node) o});
    while (!work.isEmpty()) {
      Node[] pair = work.pop();
      Node a = pair[0], b = pair[1];
      if (a == b) continue;
      if (a.kind != b.kind
          || !Objects.equals(a.tag, b.tag)
          || !Objects.equals(a.text, b.text)
          || a.children.length != b.children.length
          || !Arrays.equals(a.keys, b.keys)) {
        return false;
      }
      for (int i = 0; i < a.children.length; i++) work.push(new Node[] {a.children[i], b.children[i]});
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h != 0) return h;
    // Post-order so that each node's hash is cached before its parent's is combined.
    ArrayDeque<Node> stack = new ArrayDeque<>();
    ArrayList<Node> order = new ArrayList<>();
    stack.push(this);
    while (!stack.isEmpty()) {
      Node n = stack.pop();
      if (n.hash != 0) continue;
      order.add(n);
      for (Node c : n.children) if (c.hash == 0) stack.push(c);
    }
    for (int i = order.size() - 1; i >= 0; i--) {
      Node n = order.get(i);
      int x = n.kind.hashCode() * 31 + Objects.hashCode(n.tag);
      x = x * 31 + Objects.hashCode(n.text);
      x = x * 31 + Arrays.hashCode(n.keys);
      for (Node c : n.children) x = x * 31 + c.hash;
      n.hash = x == 0 ? 1 : x;
    }
    return hash;
  }

  /** Canonical Tony wire form. */
  @Override
  public String toString() {
    return io.logdex.format.encode.Encoder.toWireString(this);
  }

  /** Builds an object field by field, rejecting duplicate keys. */
  public static final class ObjectBuilder {
    private final ArrayList<NodeKey> keys = new ArrayList<>();
    private final ArrayList<Node> values = new ArrayList<>();

    public ObjectBuilder put(NodeKey key, Node value) {
      keys.add(key);
      values.add(Objects.requireNonNull(value, "value"));
      return this;
    }

    public ObjectBuilder put(String field, Node value) {
      return put(NodeKey.field(field), value);
    }

    public Node build() {
      return object(keys, values);
    }
  }
}
