package io.logdex.format.encode;

import io.logdex.format.path.PathSyntax;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The token sink: writes a stream of events ({@code beginObject}, {@code key}, values, …) or whole
 * {@link Node}s as canonical Tony wire, compact JSON or pretty JSON, counting every byte so that a
 * {@link NodeListener} learns the absolute {@code [start, end)} of each node it writes.
 *
 * <h2>Canonical wire form</h2>
 *
 * Encoding is canonical: the same tree always gives the same bytes, and {@code
 * encode(parse(encode(x)))} equals {@code encode(x)}.
 *
 * <ul>
 *   <li>A document is one line with no newline inside it; each document is followed by {@code \n}.
 *   <li>Objects are {@code {k: v, k2: v2}}: no space inside the braces, {@code ": "} after a key,
 *       {@code ", "} between fields. Arrays are {@code [a, b]}. Empty ones are {@code {}} and
 *       {@code []}.
 *   <li>A tag is written as {@code !tag} and one space before its value: {@code !insert {a: 1}}.
 *   <li>A field key is bare when {@link WireSyntax#isBareKey} says it re-reads as that same field,
 *       otherwise double-quoted like a string. A sparse key is a bare decimal: {@code {0: a, 13: b}}.
 *   <li>A string is always double-quoted. {@code "} and {@code \} are escaped, as are {@code \n \r
 *       \t \b \f}; other chars below U+0020 are {@code \}{@code u00xx} (lowercase hex); an unpaired
 *       surrogate is {@code \}{@code udxxx}; everything else, non-ASCII included, is plain UTF-8.
 *   <li>Integers and floats are their lexeme as parsed (JSON number grammar); literals are their
 *       text (which must satisfy {@link WireSyntax#isBareLiteral}); then {@code true}, {@code
 *       false}, {@code null}.
 * </ul>
 *
 * docs/FORMAT.md ("Tony wire (canonical)") is the same specification in prose.
 *
 * <p>JSON output quotes every key (sparse keys as their decimal), writes literals as strings and
 * drops tags, counting them in {@link #droppedTags()} so the caller can warn. An object with both
 * sparse keys and all-digit field names is refused, since JSON would name two keys alike. Compact
 * JSON has no spaces at all; pretty JSON indents by two spaces, writes {@code ": "} after keys and
 * ends each document with a newline.
 *
 * <p>Listener paths describe the bytes written, as a reader of them would report: in JSON a
 * sparse key {@code 13} is the field {@code "13"}. The one span that cannot be re-read on its own
 * is a literal such as {@code |} or {@code >-}, fine inside brackets but block Tony as a document.
 *
 * <p>Not thread-safe. Misuse (a value where a key is expected, an unbalanced end, a tag before a
 * key) throws {@link IllegalStateException}; a value that cannot be written as itself (a literal that
 * would not re-read, a malformed number lexeme or tag) throws {@link IllegalArgumentException}, in
 * both cases before anything is written for it.
 */
public final class Encoder implements Closeable, Flushable {
  private static final byte ROOT = 0, OBJECT = 1, ARRAY = 2;
  private static final byte SPARSE_KEY = 1, DIGIT_FIELD = 2;
  private static final int DEFAULT_BUFFER = 8192;

  private static final byte[] TRUE = ascii("true");
  private static final byte[] FALSE = ascii("false");
  private static final byte[] NULL = ascii("null");
  private static final byte[] WIRE_SEP = ascii(", ");
  private static final byte[] WIRE_COLON = ascii(": ");
  private static final byte[] LONG_MIN_DIGITS = ascii("9223372036854775808");

  private final Utf8Output out;
  private final OutputFormat format;
  private final boolean wire;
  private final boolean pretty;

  private long base;
  private NodeListener listener;
  private boolean streamPaths;
  private final StringBuilder path = new StringBuilder();

  // The open containers, frame 0 being the stream itself.
  private byte[] kinds = new byte[16];
  /** Per object, for JSON: which of SPARSE_KEY and DIGIT_FIELD it has had. */
  private byte[] keyFlags = new byte[16];
  private long[] counts = new long[16];
  private int[] pathLengths = new int[16];
  private int depth;
  /** The top frame is an object whose key has been written and whose value has not. */
  private boolean awaitingValue;
  /** A tag has been written: the next value's node has already started. */
  private boolean tagged;

  private long documents;
  private long droppedTags;
  private boolean closed;

  // node(Node)'s explicit stack, kept to avoid reallocating per call.
  private Node[] walkNodes = new Node[16];
  private int[] walkNext = new int[16];

  public Encoder(OutputStream out, OutputFormat format) {
    this(out, format, DEFAULT_BUFFER);
  }

  /** @param bufferSize bytes buffered before writing to out (small for short-lived encoders) */
  public Encoder(OutputStream out, OutputFormat format, int bufferSize) {
    this.out = new Utf8Output(out, bufferSize);
    this.format = format;
    this.wire = format == OutputFormat.WIRE;
    this.pretty = format == OutputFormat.JSON_PRETTY;
    kinds[0] = ROOT;
  }

  // ---- configuration ----

  public OutputFormat format() {
    return format;
  }

  /** Sets the absolute offset of the next byte written; offsets reported from then on follow it. */
  public void setBaseOffset(long offset) {
    base = offset - out.count();
  }

  /** The absolute offset of the next byte: base offset plus bytes written so far. */
  public long offset() {
    return base + out.count();
  }

  /** Listens to every node from the next document on; null stops. Only between documents. */
  public void setListener(NodeListener listener) {
    requireBetweenDocuments("setListener");
    this.listener = listener;
  }

  /**
   * Prefixes every listener path with the document's ordinal, {@code [n]}, as the tokenizer does in
   * STREAM mode; off by default, when each document's root is {@code ""}.
   */
  public void setStreamPaths(boolean on) {
    requireBetweenDocuments("setStreamPaths");
    this.streamPaths = on;
  }

  /** Top-level documents completed so far. */
  public long documentCount() {
    return documents;
  }

  /** Tags left out of JSON output so far; always 0 for WIRE. */
  public long droppedTags() {
    return droppedTags;
  }

  // ---- containers ----

  public void beginObject() throws IOException {
    startValue();
    out.write('{');
    push(OBJECT);
  }

  public void endObject() throws IOException {
    end(OBJECT, '}');
  }

  public void beginArray() throws IOException {
    startValue();
    out.write('[');
    push(ARRAY);
  }

  public void endArray() throws IOException {
    end(ARRAY, ']');
  }

  private void push(byte kind) {
    if (++depth == kinds.length) {
      int n = depth * 2;
      kinds = Arrays.copyOf(kinds, n);
      keyFlags = Arrays.copyOf(keyFlags, n);
      counts = Arrays.copyOf(counts, n);
      pathLengths = Arrays.copyOf(pathLengths, n);
    }
    kinds[depth] = kind;
    keyFlags[depth] = 0;
    counts[depth] = 0;
    pathLengths[depth] = path.length();
    awaitingValue = false;
  }

  private void end(byte kind, char close) throws IOException {
    if (kinds[depth] != kind) {
      throw new IllegalStateException(
          "end" + (kind == OBJECT ? "Object" : "Array") + " with " + describeTop() + " open");
    }
    if (awaitingValue) throw new IllegalStateException("endObject after a key with no value");
    if (tagged) throw new IllegalStateException("end of container after a tag with no value");
    if (pretty && counts[depth] > 0) newlineIndent(depth - 1);
    out.write(close);
    if (listener != null) path.setLength(pathLengths[depth]);
    depth--;
    endValue();
  }

  // ---- keys ----

  public void key(NodeKey key) throws IOException {
    if (key.isSparse()) sparseKey(key.index());
    else fieldKey(key.field());
  }

  public void fieldKey(String field) throws IOException {
    requireKeyPosition();
    if (!wire && isDigits(field)) checkJsonKeys(DIGIT_FIELD, field);
    separator();
    if (wire && WireSyntax.isBareKey(field)) out.writeRaw(field);
    else out.writeQuoted(field);
    afterKey();
    if (listener != null) {
      path.setLength(pathLengths[depth]);
      PathSyntax.appendField(path, field);
    }
  }

  /** A sparse-array key: bare in wire form, its decimal quoted in JSON. */
  public void sparseKey(long index) throws IOException {
    if (index < 0 || index > NodeKey.MAX_SPARSE_INDEX) {
      throw new IllegalArgumentException("sparse index out of range [0, 2^32): " + index);
    }
    requireKeyPosition();
    if (!wire) checkJsonKeys(SPARSE_KEY, index);
    separator();
    if (!wire) out.write('"');
    out.writeDecimal(index);
    if (!wire) out.write('"');
    afterKey();
    if (listener != null) {
      path.setLength(pathLengths[depth]);
      // Paths describe the bytes written: JSON re-reads a sparse key as the field "n".
      if (wire) PathSyntax.appendSparse(path, index);
      else PathSyntax.appendField(path, Long.toString(index));
    }
  }

  /**
   * JSON names a sparse key by its decimal, so an object holding both sparse keys and all-digit
   * fields could write one key twice, and a JSON reader would keep only one of the values. Refused
   * before anything is written; the check is per object and O(1), hence also for {0: a, "1": b}.
   */
  private void checkJsonKeys(byte kind, Object key) {
    keyFlags[depth] |= kind;
    if (keyFlags[depth] == (SPARSE_KEY | DIGIT_FIELD)) {
      throw new IllegalArgumentException("JSON cannot hold an object with both sparse keys and"
          + " all-digit field names (key " + key + "): both are written as \"n\"");
    }
  }

  private static boolean isDigits(String s) {
    int n = s.length();
    if (n == 0 || s.charAt(0) < '0' || s.charAt(0) > '9') return false;
    for (int i = 1; i < n; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') return false;
    }
    return true;
  }

  private void requireKeyPosition() {
    requireOpen();
    if (kinds[depth] != OBJECT) throw new IllegalStateException("a key inside " + describeTop());
    if (awaitingValue) throw new IllegalStateException("a key where a value is expected");
    if (tagged) throw new IllegalStateException("a key after a tag: tags stand before values");
  }

  private void afterKey() throws IOException {
    if (wire) out.write(WIRE_COLON);
    else if (pretty) {
      out.write(':');
      out.write(' ');
    } else out.write(':');
    awaitingValue = true;
  }

  // ---- values ----

  /** Tags the next value, e.g. {@code !insert} or {@code !key(sku)}; the '!' is part of the tag. */
  public void tag(String tag) throws IOException {
    if (!WireSyntax.isTag(tag)) throw new IllegalArgumentException("not a writable tag: " + tag);
    if (tagged) throw new IllegalStateException("two tags before one value: " + tag);
    startNode();
    tagged = true;
    if (wire) {
      out.writeRaw(tag);
      out.write(' ');
    } else {
      droppedTags++;
    }
  }

  public void string(String value) throws IOException {
    startValue();
    out.writeQuoted(value);
    endValue();
  }

  /** An integer by its lexeme, which must follow JSON's integer grammar. */
  public void integer(String lexeme) throws IOException {
    if (!WireSyntax.isJsonInteger(lexeme)) {
      throw new IllegalArgumentException("not an integer lexeme: " + lexeme);
    }
    startValue();
    out.writeRaw(lexeme);
    endValue();
  }

  /** An integer written straight from the long, with no lexeme to allocate. */
  public void integer(long value) throws IOException {
    startValue();
    if (value < 0) {
      out.write('-');
      if (value == Long.MIN_VALUE) {
        out.write(LONG_MIN_DIGITS);
        endValue();
        return;
      }
      value = -value;
    }
    out.writeDecimal(value);
    endValue();
  }

  /** A number with a fraction or exponent, by its lexeme in JSON's number grammar. */
  public void floating(String lexeme) throws IOException {
    if (!WireSyntax.isJsonFloat(lexeme)) {
      throw new IllegalArgumentException("not a floating-point lexeme: " + lexeme);
    }
    startValue();
    out.writeRaw(lexeme);
    endValue();
  }

  /** An unquoted Tony literal; in JSON, a string. */
  public void literal(String text) throws IOException {
    if (wire && !WireSyntax.isBareLiteral(text)) {
      throw new IllegalArgumentException("literal would not re-read as itself: " + text);
    }
    if (wire && depth == 0 && WireSyntax.isBlockScalarHeader(text)) {
      throw new IllegalArgumentException("a top-level literal " + text + " reads as block Tony");
    }
    startValue();
    if (wire) out.writeRaw(text);
    else out.writeQuoted(text);
    endValue();
  }

  public void bool(boolean value) throws IOException {
    startValue();
    out.write(value ? TRUE : FALSE);
    endValue();
  }

  public void nul() throws IOException {
    startValue();
    out.write(NULL);
    endValue();
  }

  /** Writes a whole tree, iteratively: depth is bounded by memory, not by the call stack. */
  public void node(Node root) throws IOException {
    int top = 0;
    if (head(root)) {
      walkNodes[0] = root;
      walkNext[0] = 0;
      top = 1;
    }
    try {
      while (top > 0) {
        Node n = walkNodes[top - 1];
        int i = walkNext[top - 1];
        if (i == n.size()) {
          if (n.isObject()) endObject();
          else endArray();
          walkNodes[--top] = null;
          continue;
        }
        walkNext[top - 1] = i + 1;
        if (n.isObject()) key(n.key(i));
        Node c = n.child(i);
        if (head(c)) {
          if (top == walkNodes.length) {
            walkNodes = Arrays.copyOf(walkNodes, top * 2);
            walkNext = Arrays.copyOf(walkNext, top * 2);
          }
          walkNodes[top] = c;
          walkNext[top] = 0;
          top++;
        }
      }
    } finally {
      Arrays.fill(walkNodes, 0, top, null);
    }
  }

  /** Writes n's tag and scalar value or opening bracket; true when n is a container left open. */
  private boolean head(Node n) throws IOException {
    if (n.tag() != null) tag(n.tag());
    switch (n.kind()) {
      case OBJECT:
        beginObject();
        return true;
      case ARRAY:
        beginArray();
        return true;
      case STRING:
        string(n.text());
        return false;
      case INTEGER:
        integer(n.text());
        return false;
      case FLOAT:
        floating(n.text());
        return false;
      case LITERAL:
        literal(n.text());
        return false;
      case TRUE:
        bool(true);
        return false;
      case FALSE:
        bool(false);
        return false;
      case NULL:
        nul();
        return false;
      default:
        throw new AssertionError(n.kind());
    }
  }

  // ---- the state machine shared by every value ----

  private void startValue() throws IOException {
    if (tagged) {
      tagged = false; // tag() already started this node
      return;
    }
    startNode();
  }

  /** Separator, path and listener for a node about to be written at the current position. */
  private void startNode() throws IOException {
    requireOpen();
    switch (kinds[depth]) {
      case OBJECT:
        if (!awaitingValue) throw new IllegalStateException("a value where a key is expected");
        break; // key() wrote the separator and set the path
      case ARRAY:
        separator();
        if (listener != null) {
          path.setLength(pathLengths[depth]);
          PathSyntax.appendIndex(path, counts[depth]);
        }
        break;
      default:
        if (listener != null) {
          path.setLength(0);
          if (streamPaths) PathSyntax.appendIndex(path, documents);
        }
    }
    if (listener != null) listener.nodeStart(offset(), path);
  }

  private void endValue() throws IOException {
    if (listener != null) listener.nodeEnd(offset(), path);
    counts[depth]++;
    if (kinds[depth] == OBJECT) {
      awaitingValue = false;
    } else if (depth == 0) {
      out.write('\n');
      documents++;
    }
  }

  /** Before the next field or element of the top container. */
  private void separator() throws IOException {
    if (counts[depth] > 0) {
      if (wire) out.write(WIRE_SEP);
      else out.write(',');
    }
    if (pretty) newlineIndent(depth);
  }

  private void newlineIndent(int level) throws IOException {
    out.write('\n');
    out.writeSpaces(2 * level);
  }

  private void requireOpen() {
    if (closed) throw new IllegalStateException("encoder is closed");
  }

  private void requireBetweenDocuments(String what) {
    if (depth != 0 || tagged) throw new IllegalStateException(what + " inside a document");
  }

  private String describeTop() {
    switch (kinds[depth]) {
      case OBJECT:
        return "an object";
      case ARRAY:
        return "an array";
      default:
        return "no container";
    }
  }

  // ---- lifecycle ----

  /** Writes buffered bytes to the stream and flushes it. */
  @Override
  public void flush() throws IOException {
    out.flush();
  }

  /**
   * Flushes and closes the stream; throws {@link IllegalStateException} afterwards if a document was
   * left unfinished, since its bytes cannot be read back.
   */
  @Override
  public void close() throws IOException {
    if (closed) return;
    closed = true;
    out.close();
    if (depth != 0 || tagged) {
      throw new IllegalStateException("closed inside a document, " + depth + " containers open");
    }
  }

  // ---- one-shot helpers ----

  /**
   * The node as one document in the given format, with its trailing newline.
   *
   * @throws IllegalArgumentException if the tree holds a value that cannot be written as itself
   */
  public static byte[] encode(Node node, OutputFormat format) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    Encoder e = new Encoder(bytes, format, 1024);
    try {
      e.node(node);
      e.flush();
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return bytes.toByteArray();
  }

  /** Canonical wire form without the trailing newline. */
  public static String toWireString(Node node) {
    return withoutNewline(encode(node, OutputFormat.WIRE));
  }

  /** Compact JSON without the trailing newline; tags are dropped. */
  public static String toJsonString(Node node) {
    return withoutNewline(encode(node, OutputFormat.JSON));
  }

  private static String withoutNewline(byte[] b) {
    return new String(b, 0, b.length - 1, StandardCharsets.UTF_8);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
