package io.logdex.format.tree;

import io.logdex.format.FormatException;
import io.logdex.format.TruncatedInputException;
import io.logdex.format.token.DocumentMode;
import io.logdex.format.token.Syntax;
import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.token.TokenizerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;

/**
 * Builds {@link Node} trees from a {@link Tokenizer}, one token at a time: containers under
 * construction sit on an explicit stack and become nodes when their END token arrives, so no token
 * list is ever collected and depth costs heap, not Java stack.
 *
 * <p>Tags, number lexemes, literals and sparse keys survive as they are. A repeated key in one
 * object is a {@link FormatException} naming its path. Text comes from {@link Tokenizer#text()},
 * so a scalar over the tokenizer's maxTokenBytes fails there.
 */
public final class TreeParser {
  private TreeParser() {}

  /**
   * Reads exactly one value, starting with the tokenizer's <em>next</em> token (so call it at a
   * document boundary, after a KEY, or where an array element may start). Afterwards the current
   * token is the value's last (its END_x, or the scalar).
   *
   * @throws TruncatedInputException if the input ends before the value is complete
   * @throws FormatException if the next token does not start a value (a closing bracket)
   */
  public static Node parseValue(Tokenizer t) throws IOException {
    TokenKind k = t.next();
    if (k == TokenKind.END_OF_INPUT) {
      throw new TruncatedInputException("input ended where a value was expected", t.source(),
          t.offset(), t.line(), t.column(), null);
    }
    if (k != TokenKind.TAG && !k.startsValue()) {
      throw t.error("expected a value, found " + k.inWords());
    }
    return parseCurrent(t);
  }

  /** Same as {@link #parseValue(Tokenizer)}; the name ARCHITECTURE.md uses. */
  public static Node parse(Tokenizer t) throws IOException {
    return parseValue(t);
  }

  /**
   * Reads the value whose first token (TAG, BEGIN_x or a scalar) is the tokenizer's
   * <em>current</em> token: for callers that looked at that token before deciding to build a tree.
   *
   * @throws IllegalStateException if the current token does not start a value
   */
  public static Node parseCurrent(Tokenizer t) throws IOException {
    TokenKind k = t.current();
    if (k == null || (k != TokenKind.TAG && !k.startsValue())) {
      throw new IllegalStateException("the current token does not start a value: " + k);
    }
    ArrayList<Builder> stack = new ArrayList<>();
    int depth = 0; // builders in use; entries past it are kept for reuse
    String tag = null;
    for (;; k = t.next()) {
      Node done;
      switch (k) {
        case TAG:
          // The tokenizer already refuses a second tag, so this is the value's only one.
          tag = t.text();
          continue;
        case BEGIN_OBJECT:
        case BEGIN_ARRAY:
          {
            if (depth == stack.size()) stack.add(new Builder());
            stack.get(depth++).reset(k == TokenKind.BEGIN_OBJECT, tag);
            tag = null;
            continue;
          }
        case KEY:
          stack.get(depth - 1).key(t);
          continue;
        case END_OBJECT:
        case END_ARRAY:
          done = stack.get(--depth).build();
          break;
        case END_OF_INPUT:
          throw new TruncatedInputException("input ended inside a value", t.source(), t.offset(),
              t.line(), t.column(), null);
        default:
          done = scalar(t, k).withTag(tag);
          tag = null;
          break;
      }
      if (depth == 0) return done;
      stack.get(depth - 1).add(done);
    }
  }

  private static Node scalar(Tokenizer t, TokenKind k) throws FormatException {
    switch (k) {
      case STRING:
        return Node.string(t.text());
      case INTEGER:
        return Node.integer(t.text());
      case FLOAT:
        return Node.floating(t.text());
      case LITERAL:
        return Node.literal(t.text());
      case TRUE:
        return Node.TRUE;
      case FALSE:
        return Node.FALSE;
      case NULL:
        return Node.NULL;
      default:
        throw t.error("unexpected " + k.inWords());
    }
  }

  /**
   * Reads the next document of a stream, or returns null at the end of input. The tokenizer must be
   * between documents.
   */
  public static Node nextDocument(Tokenizer t) throws IOException {
    TokenKind k = t.next();
    if (k == TokenKind.END_OF_INPUT) return null;
    if (t.depth() != 0) throw t.error("not at a document boundary: " + k.inWords() + " at depth " + t.depth());
    return parseCurrent(t);
  }

  /**
   * The documents of a stream as an iterator. An IOException (including a FormatException) is
   * thrown as {@link java.io.UncheckedIOException} whose cause is the original.
   */
  public static Iterator<Node> documents(Tokenizer t) {
    return new TreeParserDocuments(t);
  }

  /**
   * Parses one document in Tony wire syntax (which reads JSON too, leniently); anything after it is
   * an error. For input that must be JSON use {@link #parseJson(byte[], int, int, String)}.
   */
  public static Node parse(byte[] b) throws IOException {
    return parse(b, 0, b.length, null);
  }

  public static Node parse(byte[] b, int off, int len, String source) throws IOException {
    return single(Tokenizer.fromBytes(b, off, len, source, singleOptions()));
  }

  public static Node parse(String s) throws IOException {
    return parse(s.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses the one document in the stream; does not close it. */
  public static Node parse(InputStream in, String source) throws IOException {
    return single(Tokenizer.fromStream(in, source, singleOptions()));
  }

  /**
   * Parses one strict RFC 8259 JSON document, for small files that must be JSON (manifests, say):
   * Tony syntax, invalid UTF-8, an empty input and content after the value are errors naming the
   * source, offset, line, column and path. A key repeated in one object is an error too, since a
   * Node object holds each key once. Numbers keep their lexeme.
   */
  public static Node parseJson(byte[] b, int off, int len, String source) throws IOException {
    return single(Tokenizer.fromBytes(b, off, len, source, jsonOptions()));
  }

  /** As {@link #parseJson(byte[], int, int, String)}, reading the stream to its end; does not close it. */
  public static Node parseJson(InputStream in, String source) throws IOException {
    return single(Tokenizer.fromStream(in, source, jsonOptions()));
  }

  private static TokenizerOptions jsonOptions() {
    return singleOptions().withSyntax(Syntax.JSON);
  }

  private static TokenizerOptions singleOptions() {
    return TokenizerOptions.defaults().withDocuments(DocumentMode.SINGLE);
  }

  private static Node single(Tokenizer t) throws IOException {
    TokenKind k = t.next();
    if (k == TokenKind.END_OF_INPUT) {
      throw new TruncatedInputException("no document in the input", t.source(), t.offset(),
          t.line(), t.column(), null);
    }
    Node n = parseCurrent(t);
    if (t.next() != TokenKind.END_OF_INPUT) throw t.error("content after the document");
    return n;
  }

  /** One container under construction; reused across containers at the same depth. */
  private static final class Builder {
    private static final int HASHED_FROM = 8;

    private boolean object;
    private String tag;
    private final ArrayList<Node> values = new ArrayList<>();
    private final ArrayList<NodeKey> keys = new ArrayList<>();
    private final HashSet<NodeKey> seen = new HashSet<>();

    void reset(boolean object, String tag) {
      this.object = object;
      this.tag = tag;
      values.clear();
      keys.clear();
      seen.clear();
    }

    void key(Tokenizer t) throws FormatException {
      NodeKey key = t.keyIsSparse() ? NodeKey.sparse(t.keyIndex()) : NodeKey.field(t.text());
      if (isDuplicate(key)) throw t.error("duplicate key " + key + " in one object");
      keys.add(key);
    }

    private boolean isDuplicate(NodeKey key) {
      int n = keys.size();
      if (n < HASHED_FROM) return keys.contains(key);
      if (seen.isEmpty()) seen.addAll(keys);
      return !seen.add(key);
    }

    void add(Node n) {
      values.add(n);
    }

    Node build() {
      Node n = object ? Node.object(keys, values) : Node.array(values);
      return n.withTag(tag);
    }
  }
}
