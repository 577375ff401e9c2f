package io.logdex.format.log;

import io.logdex.format.FormatException;
import io.logdex.format.TruncatedInputException;
import io.logdex.format.encode.Encoder;
import io.logdex.format.encode.OutputFormat;
import io.logdex.format.token.DocumentMode;
import io.logdex.format.token.Syntax;
import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.token.TokenizerOptions;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;

/**
 * {@link LogEntry} to and from bytes. The wire form is the canonical Tony wire document
 * {@code {commit: 1, seq: 0, timestamp: "2025-10-09T10:00:00Z", diff: {…}}} (fields in that order,
 * no trailing newline), which is what a log record holds; the JSON form is the same object as
 * compact JSON. Encoding is canonical, so decode then encode reproduces the bytes exactly.
 *
 * <p>Reading streams tokens: the four fields are checked as they arrive and only the diff becomes
 * a tree. Fields may come in any order; each must appear once and nothing else may. {@code commit}
 * and {@code seq} must be untagged integers that fit in int64, {@code timestamp} an untagged string
 * holding an RFC 3339 date-time; {@code diff} is any value. Every violation is a {@link
 * FormatException} whose message names the field and whose location is the offending token's.
 *
 * <p>JSON has no tags, literals or sparse keys, so the JSON form carries only diffs without them
 * (RFC 7386 merge patches): {@link #toJson} refuses others instead of losing them, and {@link
 * #fromJson} refuses them on input, so that a JSON entry always re-encodes to the same JSON.
 */
public final class LogEntryCodec {
  private static final TokenizerOptions SINGLE =
      TokenizerOptions.defaults().withDocuments(DocumentMode.SINGLE);
  /** The JSON form is read as strict RFC 8259 JSON: no Tony syntax, not even where it is harmless. */
  private static final TokenizerOptions SINGLE_JSON = SINGLE.withSyntax(Syntax.JSON);

  private LogEntryCodec() {}

  // ---- writing ----

  /** The canonical wire bytes of the entry, without a newline. */
  public static byte[] toWire(LogEntry e) {
    return encode(e, OutputFormat.WIRE);
  }

  /**
   * The entry as compact JSON, without a newline.
   *
   * @throws IllegalArgumentException if the diff holds a tag, literal or sparse key
   */
  public static byte[] toJson(LogEntry e) {
    String why = notJson(e.diff());
    if (why != null) throw new IllegalArgumentException("diff has no JSON form: " + why);
    return encode(e, OutputFormat.JSON);
  }

  /**
   * Writes the entry as one document of the encoder's stream (followed by its newline); with a
   * listener on the encoder, the diff's sub-nodes get their offsets too. JSON encoders drop tags
   * (see {@link Encoder#droppedTags()}); use {@link #toJson} to refuse them instead.
   */
  public static void write(LogEntry e, Encoder out) throws IOException {
    out.beginObject();
    out.fieldKey("commit");
    out.integer(e.commit());
    out.fieldKey("seq");
    out.integer(e.seq());
    out.fieldKey("timestamp");
    out.string(e.timestamp());
    out.fieldKey("diff");
    out.node(e.diff());
    out.endObject();
  }

  private static byte[] encode(LogEntry e, OutputFormat format) {
    ExposedBytes bytes = new ExposedBytes();
    try {
      Encoder enc = new Encoder(bytes, format, 512);
      write(e, enc);
      enc.flush();
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible);
    }
    return bytes.withoutLastByte(); // the document's newline
  }

  /** Saves the copy that {@code toByteArray()} followed by trimming would make. */
  private static final class ExposedBytes extends ByteArrayOutputStream {
    ExposedBytes() {
      super(256);
    }

    byte[] withoutLastByte() {
      return java.util.Arrays.copyOf(buf, count - 1);
    }
  }

  // ---- reading ----

  /** Reads the entry that is exactly {@code b[off, off+len)}, wire or JSON syntax. */
  public static LogEntry fromWire(byte[] b, int off, int len) throws FormatException {
    return fromWire(b, off, len, null, 0);
  }

  /**
   * As {@link #fromWire(byte[], int, int)}, with errors naming source and absolute offsets counted
   * from {@code baseOffset} at {@code b[off]} (the record's position in its log).
   */
  public static LogEntry fromWire(byte[] b, int off, int len, String source, long baseOffset)
      throws FormatException {
    return inMemory(Tokenizer.fromBytes(b, off, len, baseOffset, source, SINGLE), false);
  }

  /**
   * Reads the one entry the stream holds, to its end; does not close it.
   *
   * @throws FormatException for a bad entry; other IOExceptions are the stream's own
   */
  public static LogEntry fromStream(InputStream in, String source) throws IOException {
    return whole(Tokenizer.fromStream(in, source, SINGLE), false);
  }

  /**
   * Reads the entry that is exactly {@code b[off, off+len)} in the given syntax: the JSON form
   * ({@link #fromJson}) or the wire form ({@link #fromWire}); for inputs whose syntax their name or
   * a declaration decides.
   */
  public static LogEntry read(byte[] b, int off, int len, String source, long baseOffset,
      Syntax syntax) throws FormatException {
    return syntax == Syntax.JSON
        ? fromJson(b, off, len, source, baseOffset)
        : fromWire(b, off, len, source, baseOffset);
  }

  /** Reads the JSON entry that is exactly {@code b[off, off+len)}; see the class comment. */
  public static LogEntry fromJson(byte[] b, int off, int len) throws FormatException {
    return fromJson(b, off, len, null, 0);
  }

  public static LogEntry fromJson(byte[] b, int off, int len, String source, long baseOffset)
      throws FormatException {
    return inMemory(Tokenizer.fromBytes(b, off, len, baseOffset, source, SINGLE_JSON), true);
  }

  /** Reads the one JSON entry the stream holds, to its end; does not close it. */
  public static LogEntry fromJsonStream(InputStream in, String source) throws IOException {
    return whole(Tokenizer.fromStream(in, source, SINGLE_JSON), true);
  }

  private static LogEntry inMemory(Tokenizer t, boolean json) throws FormatException {
    try {
      return whole(t, json);
    } catch (FormatException f) {
      throw f;
    } catch (IOException impossible) {
      throw new UncheckedIOException(impossible); // a byte array does no I/O
    }
  }

  private static LogEntry whole(Tokenizer t, boolean json) throws IOException {
    long start = t.state().offset();
    LogEntry e = read(t);
    if (t.next() != TokenKind.END_OF_INPUT) throw t.error("content after the log entry");
    String why = json ? notJson(e.diff()) : null;
    if (why != null) {
      throw new FormatException("diff is not JSON: " + why, t.source(), start, -1, -1, "diff");
    }
    return e;
  }

  /**
   * Reads the next value of the tokenizer as a log entry; for streams of entries (JSONL, wire
   * streams), call it once per document until {@code next()} would return END_OF_INPUT.
   */
  public static LogEntry read(Tokenizer t) throws IOException {
    TokenKind k = t.next();
    if (k == TokenKind.END_OF_INPUT) {
      throw new TruncatedInputException("no log entry: the input is empty", t.source(), t.offset(),
          t.line(), t.column(), null);
    }
    if (k != TokenKind.BEGIN_OBJECT) {
      throw t.error("a log entry is an untagged object {commit, seq, timestamp, diff}; found " + k.inWords());
    }
    long commit = 0, seq = 0;
    String timestamp = null;
    Node diff = null;
    boolean hasCommit = false, hasSeq = false;
    while ((k = t.next()) != TokenKind.END_OBJECT) {
      if (t.keyIsSparse()) throw t.error("unknown log entry field {" + t.keyIndex() + "}");
      String name = t.text();
      switch (name) {
        case "commit":
          if (hasCommit) throw duplicate(t, name);
          commit = int64(t, name);
          hasCommit = true;
          break;
        case "seq":
          if (hasSeq) throw duplicate(t, name);
          seq = int64(t, name);
          hasSeq = true;
          break;
        case "timestamp":
          if (timestamp != null) throw duplicate(t, name);
          timestamp = timestamp(t);
          break;
        case "diff":
          if (diff != null) throw duplicate(t, name);
          diff = TreeParser.parseValue(t);
          break;
        default:
          throw t.error("unknown log entry field \"" + name + "\" (expected commit, seq,"
              + " timestamp, diff)");
      }
    }
    String missing = !hasCommit ? "commit" : !hasSeq ? "seq" : timestamp == null ? "timestamp"
        : diff == null ? "diff" : null;
    if (missing != null) throw t.error("log entry has no " + missing + " field");
    return new LogEntry(commit, seq, timestamp, diff);
  }

  private static FormatException duplicate(Tokenizer t, String name) {
    return t.error("log entry field " + name + " appears twice");
  }

  private static long int64(Tokenizer t, String field) throws IOException {
    TokenKind k = t.next();
    if (k != TokenKind.INTEGER) {
      throw t.error(field + " must be an untagged integer, found " + describe(t, k));
    }
    String lexeme = t.text();
    try {
      return Long.parseLong(lexeme);
    } catch (NumberFormatException e) {
      throw t.error(field + " " + lexeme + " does not fit in a signed 64-bit integer");
    }
  }

  private static String timestamp(Tokenizer t) throws IOException {
    TokenKind k = t.next();
    if (k != TokenKind.STRING) {
      throw t.error("timestamp must be an untagged RFC 3339 string, found " + describe(t, k));
    }
    String text = t.text();
    String why = LogEntry.rfc3339Error(text);
    if (why != null) throw t.error("timestamp \"" + text + "\" " + why);
    return text;
  }

  private static String describe(Tokenizer t, TokenKind k) {
    if (k == TokenKind.NULL && t.isImplicit()) return "no value";
    return k.inWords();
  }

  /** What in the diff JSON cannot carry, or null. */
  private static String notJson(Node root) {
    ArrayDeque<Node> work = new ArrayDeque<>();
    work.push(root);
    while (!work.isEmpty()) {
      Node n = work.pop();
      if (n.tag() != null) return "tag " + n.tag();
      if (n.kind() == Node.Kind.LITERAL) return "literal " + n.text();
      for (int i = 0; i < n.size(); i++) {
        if (n.isObject() && n.key(i).isSparse()) return "sparse key {" + n.key(i).index() + "}";
        work.push(n.child(i));
      }
    }
    return null;
  }
}
