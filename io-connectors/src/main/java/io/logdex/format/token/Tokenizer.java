package io.logdex.format.token;

import io.logdex.format.FormatException;
import io.logdex.format.TruncatedInputException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.Objects;

/**
 * Streaming pull tokenizer for JSON (RFC 8259) and Tony wire form, with exact byte offsets and
 * kinded paths; the TokenSource of ARCHITECTURE.md.
 *
 * <p>It scans a reused byte buffer in place and allocates nothing per token: text is decoded only
 * when {@link #text()} is called, and only keys are copied (into a small arena, because paths need
 * them after the buffer moves on). Nothing recurses, so depth is limited only by memory.
 *
 * <p><b>Offsets</b> are absolute: {@link #fromStream} and {@link #fromBytes} count from 0 at the
 * first byte they read unless given a base offset, {@link #fromChannel} counts channel positions.
 * Lines and columns are 1-based and counted in bytes; a reader that starts inside a file does not
 * know its line, so {@link #line()} is -1 there and {@link #column()} is -1 until the first
 * newline. Only LF starts a line (CRLF works; a lone CR is whitespace).
 *
 * <p><b>Syntax</b> is chosen by {@link TokenizerOptions#syntax()}: {@link Syntax#JSON} is strict
 * RFC 8259 (no bare words but true, false and null, double-quoted strings, commas and colons where
 * JSON has them and nowhere else, string keys, no comments or tags; an empty SINGLE input is an
 * error "no value"); {@link Syntax#TONY}, the default, is the lenient wire form. Both check UTF-8
 * where text is scanned (strings, keys, literals, tags, comments): an invalid sequence is an error
 * at its first byte, never replaced.
 *
 * <p>Tony wire beyond JSON: unquoted literals, {@code '…'} strings, optional and
 * trailing commas, {@code #} comments where a token may start, one tag per value ({@code !name},
 * {@code !a.b}, {@code !key(sku)}; never before a key), and {@code {a b}} for {@code {a: null, b:
 * null}}. An unquoted literal is a run of bytes other than whitespace, control characters and
 * {@code , [ ] { } " '}; a {@code :} inside it ends it only when followed by whitespace, {@code , ]
 * } [ { " '} or the end of input, so {@code s3://bucket} is one literal (and, as in YAML flow style,
 * {@code {a:1}} is the key {@code "a:1"} holding an implicit null). A {@code #} inside a literal is
 * part of it. JSON's escapes are accepted in both quote styles, plus {@code \'} in
 * single-quoted strings. A tag followed by the end of input at the top level tags an implicit
 * null. Block (indented) Tony is refused with an error naming the block construct. A UTF-8
 * byte-order mark at offset 0 is skipped (TokenScanner).
 *
 * <p><b>Paths</b>: a quoted key, an unquoted literal key and any number key other than an integer
 * in 0..2^32-1 are fields (a number key is named by its lexeme); an unquoted integer key in that
 * range is a sparse index {@code {n}}. Array elements are {@code [i]}, also inside {@code
 * !key(field)} keyed arrays: an element's key field may come after the element starts, so the
 * tokenizer cannot name it; callers that want {@code (key)} segments must resolve them.
 *
 * <p>Not thread-safe. After any exception the tokenizer is finished: {@link #next()} rethrows it.
 */
public final class Tokenizer extends TokenScanner implements Closeable {
  // What the grammar expects at the next call to next().
  static final int X_DOCUMENT = 0;
  static final int X_AFTER_VALUE = 1;
  static final int X_AFTER_BEGIN = 2;
  static final int X_AFTER_KEY = 3;
  static final int X_AFTER_TAG = 4;
  static final int X_END = 5;
  private static final int X_FAILED = 6;

  private final String source;
  private final TokenizerOptions options;
  private final boolean stream;
  private boolean linesKnown;

  // ---- the current token ----
  private TokenKind kind;
  private long tokOffset;
  private long tokLength;
  private long tokNodeOffset;
  private int tokDepth;
  private int rawStart;
  private int rawEnd;
  private boolean materialized;
  private boolean implicit;
  private boolean escapes;
  /** Line of an implicit null: that of the key or tag before it, not where the skip stopped. */
  private long implicitLine;
  private long implicitLineStart;
  /**
   * Line of the last KEY or TAG. Tokens hold no newline, so the live line counter is the current
   * token's line until the next call to next(); only an implicit null, which follows a KEY or TAG
   * after the whitespace skip has moved on, needs the earlier one.
   */
  private long keyLine;
  private long keyLineStart;

  // ---- grammar state ----
  private int expect;
  private int documentCount;
  private long tagOffset;
  private long tagEnd;
  private long keyEnd;
  private final TokenFrames frames;
  private FormatException failure;

  private Tokenizer(
      String source,
      TokenizerOptions options,
      InputStream in,
      SeekableByteChannel channel,
      byte[] bytes,
      int off,
      int len,
      long baseOffset,
      boolean linesKnown) {
    super(options, in, channel, bytes, off, len, baseOffset, linesKnown);
    this.source = source;
    this.options = options;
    this.stream = options.documents() == DocumentMode.STREAM;
    this.linesKnown = linesKnown;
    this.frames = new TokenFrames(stream);
    startState();
  }

  // ---- factories ----

  /** Reads a stream from its current position, which is offset 0. */
  public static Tokenizer fromStream(InputStream in, String source, TokenizerOptions options) {
    return fromStream(in, 0, source, options);
  }

  /**
   * Reads a stream whose first byte is at absolute offset {@code baseOffset} of a larger file, so
   * that reported offsets are file offsets. Lines are known only when baseOffset is 0.
   */
  public static Tokenizer fromStream(
      InputStream in, long baseOffset, String source, TokenizerOptions options) {
    Objects.requireNonNull(in, "in");
    Objects.requireNonNull(options, "options");
    return new Tokenizer(source, options, in, null, null, 0, 0, baseOffset, baseOffset == 0);
  }

  /** Reads a channel from startOffset on; offsets reported are channel positions. */
  public static Tokenizer fromChannel(
      SeekableByteChannel channel, long startOffset, String source, TokenizerOptions options)
      throws IOException {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(options, "options");
    channel.position(startOffset);
    return new Tokenizer(
        source, options, null, channel, null, 0, 0, startOffset, startOffset == 0);
  }

  /**
   * Tokenizes {@code b[off, off+len)} in place, without copying; offset 0 is {@code b[off]}. The
   * array must not change while the tokenizer is in use.
   */
  public static Tokenizer fromBytes(
      byte[] b, int off, int len, String source, TokenizerOptions options) {
    return fromBytes(b, off, len, 0, source, options);
  }

  /** As {@link #fromBytes(byte[], int, int, String, TokenizerOptions)}, with b[off] at baseOffset. */
  public static Tokenizer fromBytes(
      byte[] b, int off, int len, long baseOffset, String source, TokenizerOptions options) {
    Objects.requireNonNull(b, "b");
    Objects.requireNonNull(options, "options");
    return new Tokenizer(source, options, null, null, b, off, len, baseOffset, baseOffset == 0);
  }

  /**
   * Tokenizes {@code b[off, off+len)} with b[off] at baseOffset, as {@link #fromBytes(byte[], int,
   * int, long, String, TokenizerOptions)} with this tokenizer's source and options would, but in
   * this tokenizer, keeping its frames and arena: a reader of many short documents (a JSONL line
   * each) then allocates nothing per document. Only for a tokenizer made by fromBytes; whatever
   * this tokenizer was doing, or the error it ended with, is dropped.
   */
  public Tokenizer reuse(byte[] b, int off, int len, long baseOffset) {
    Objects.requireNonNull(b, "b");
    rebind(b, off, len, baseOffset, baseOffset == 0);
    linesKnown = baseOffset == 0;
    largeTokenConsumer = null;
    frames.reset();
    startState();
    return this;
  }

  /** A new tokenizer's token and grammar state, set once here for the constructor and reuse. */
  private void startState() {
    kind = null;
    tokOffset = 0;
    tokLength = 0;
    tokNodeOffset = 0;
    tokDepth = 0;
    rawStart = 0;
    rawEnd = 0;
    materialized = false;
    implicit = false;
    escapes = false;
    implicitLine = 0;
    implicitLineStart = 0;
    keyLine = 0;
    keyLineStart = 0;
    expect = X_DOCUMENT;
    documentCount = 0;
    tagOffset = -1;
    tagEnd = 0;
    keyEnd = 0;
    failure = null;
  }

  /** Continues from a recorded state, reading the channel from {@code state.offset()}. */
  public static Tokenizer resume(
      SeekableByteChannel channel, TokenizerState state, String source, TokenizerOptions options)
      throws IOException {
    Objects.requireNonNull(channel, "channel");
    channel.position(state.offset);
    Tokenizer t =
        new Tokenizer(source, options, null, channel, null, 0, 0, state.offset, state.linesKnown);
    t.restore(state);
    return t;
  }

  /** Continues from a recorded state; the stream's first byte is the one at {@code state.offset()}. */
  public static Tokenizer resume(
      InputStream positionedAtStateOffset,
      TokenizerState state,
      String source,
      TokenizerOptions options) {
    Objects.requireNonNull(positionedAtStateOffset, "in");
    Tokenizer t = new Tokenizer(source, options, positionedAtStateOffset, null, null, 0, 0,
        state.offset, state.linesKnown);
    t.restore(state);
    return t;
  }

  /** Continues from a recorded state over {@code b[off, off+len)}, b[off] being at state.offset(). */
  public static Tokenizer resume(
      byte[] b, int off, int len, TokenizerState state, String source, TokenizerOptions options) {
    Tokenizer t =
        new Tokenizer(source, options, null, null, b, off, len, state.offset, state.linesKnown);
    t.restore(state);
    return t;
  }

  private void restore(TokenizerState s) {
    s.frames.validate();
    boolean started = s.frames.kinds.length > 0 || s.expect != X_DOCUMENT;
    if (s.expect < X_DOCUMENT || s.expect > X_END || (started && s.documentCount < 1)
        || (!stream && s.documentCount > 1)) {
      throw new IllegalArgumentException("tokenizer state does not fit these options: " + s);
    }
    expect = s.expect;
    documentCount = s.documentCount;
    tagOffset = s.tagOffset;
    tagEnd = s.tagEnd;
    keyEnd = s.keyEnd;
    line = keyLine = s.line;
    lineStart = keyLineStart = s.lineStart;
    frames.restore(s.frames, Math.max(0, documentCount - 1));
  }

  /** Receives the raw bytes of every token longer than maxTokenBytes; null to stop. */
  public void setLargeTokenConsumer(LargeTokenConsumer consumer) {
    this.largeTokenConsumer = consumer;
  }

  public String source() {
    return source;
  }

  public TokenizerOptions options() {
    return options;
  }

  // ---- the pull loop ----

  /**
   * Advances to the next token. A document cut off by the end of input is a {@link
   * TruncatedInputException}; other bad input is a {@link FormatException}. At the end it returns
   * END_OF_INPUT, again on every later call.
   */
  public TokenKind next() throws IOException {
    tokStart = -1;
    overflow = false;
    implicit = false;
    materialized = true;
    try {
      switch (expect) {
        case X_AFTER_VALUE:
          return afterValue();
        case X_AFTER_KEY:
          return afterKey();
        case X_AFTER_BEGIN:
          return afterBegin();
        case X_AFTER_TAG:
          return afterTag();
        case X_DOCUMENT:
          return startDocument();
        case X_END:
          return endOfInput();
        default:
          throw failure;
      }
    } catch (FormatException e) {
      if (failure == null) {
        failure = e;
        expect = X_FAILED;
        kind = null;
      }
      throw e;
    }
  }

  /** The token the last next() returned, or null before the first (and after a failure). */
  public TokenKind current() {
    return kind;
  }

  private TokenKind afterValue() throws IOException {
    int level = frames.level;
    if (level == 0) return endOfDocument();
    int c = skipWhitespace();
    if (json) return afterJsonValue(c, level);
    if (c == ',') {
      pos++;
      c = skipWhitespace();
      if (c == ',') throw errorAt(bufBase + pos, level, "two commas in a row");
    }
    if (c == '}' || c == ']') return endContainer(c);
    if (c < 0) throw truncatedInside();
    if (frames.kind(level - 1) == TokenFrames.OBJECT) return key(c);
    frames.nextIndex();
    return value(c, false);
  }

  /** JSON between values: exactly one comma, and none before the closing bracket. */
  private TokenKind afterJsonValue(int c, int level) throws IOException {
    boolean object = frames.kind(level - 1) == TokenFrames.OBJECT;
    if (c == '}' || c == ']') return endContainer(c);
    if (c != ',') {
      if (c < 0) throw truncatedInside();
      throw notJson(c, level, "expected ',' or '" + (object ? '}' : ']') + "' after a value");
    }
    pos++;
    c = skipWhitespace();
    if (c < 0) throw truncatedInside();
    if (c == '}' || c == ']') throw errorAt(bufBase + pos, level, "a trailing comma before '"
        + (char) c + "' (not JSON; Tony inputs allow it)");
    if (c == ',') throw errorAt(bufBase + pos, level, "two commas in a row");
    if (object) return key(c);
    frames.nextIndex();
    return value(c, false);
  }

  /** An error for byte c where JSON wants something else; names the Tony-only syntax it may be. */
  private FormatException notJson(int c, int depth, String expected) {
    String found;
    switch (c) {
      case '#':
      case '/':
        found = "a comment";
        break;
      case '\'':
        found = "a single-quoted string";
        break;
      case '!':
        found = "a tag";
        break;
      default:
        found = LITERAL_CHAR[c] ? "'" + printable(c) + "'" : String.format("byte 0x%02x", c);
    }
    String tony = c == '#' || c == '/' || c == '\'' || c == '!' ? " (not JSON; Tony inputs allow it)" : "";
    return errorAt(bufBase + pos, depth, expected + ", found " + found + tony);
  }

  private TokenKind afterBegin() throws IOException {
    int c = skipWhitespace();
    if (c == '}' || c == ']') return endContainer(c);
    int level = frames.level;
    if (c < 0) throw truncatedInside();
    boolean object = frames.kind(level - 1) == TokenFrames.OBJECT;
    if (c == ',') {
      throw errorAt(bufBase + pos, level - 1,
          "a comma cannot come before the first " + (object ? "key" : "element"));
    }
    if (object) return key(c);
    frames.nextIndex();
    return value(c, false);
  }

  private TokenKind afterKey() throws IOException {
    int c = skipWhitespace();
    if (json && c != ':') {
      if (c < 0) throw truncatedInside();
      throw notJson(c, frames.level, "expected ':' after the key");
    }
    if (c == ':') {
      pos++;
      c = skipWhitespace();
      if (c == ',' || c == '}' || c == ']' || c == ':' || c < 0) throw missingValue(c);
      return value(c, false);
    }
    if (c < 0) throw truncatedInside();
    // {a b} and {a, b}: a key without ':' holds an implicit null, zero bytes at the key's end.
    return implicitNull(keyEnd, keyEnd);
  }

  private FormatException missingValue(int c) {
    if (c < 0) return truncatedInside();
    return errorAt(bufBase + pos, frames.level,
        "expected a value after ':', found '" + (char) c + "'");
  }

  private TokenKind afterTag() throws IOException {
    int c = skipWhitespace();
    int level = frames.level;
    if (c < 0) {
      if (level == 0) return implicitNull(tagEnd, tagOffset);
      throw truncatedInside();
    }
    if (c == ',' || c == ']' || c == '}') return implicitNull(tagEnd, tagOffset);
    if (c == '!') throw secondTag(bufBase + pos);
    if (c == ':') throw errorAt(bufBase + pos, level, "unexpected ':' after a tag");
    return value(c, true);
  }

  private TokenKind implicitNull(long offset, long nodeOffset) {
    // It sits at the end of the KEY or TAG just returned, so it is on that token's line, not on
    // the line the whitespace skip has reached.
    implicitLine = keyLine;
    implicitLineStart = keyLineStart;
    implicit = true;
    rawStart = rawEnd = pos;
    tagOffset = -1;
    expect = X_AFTER_VALUE;
    return emit(TokenKind.NULL, offset, 0, frames.level, nodeOffset);
  }

  private TokenKind startDocument() throws IOException {
    int c = skipWhitespace();
    if (c < 0) {
      if (json && !stream && documentCount == 0) {
        throw errorAt(bufBase + pos, 0, "no value: a JSON input holds exactly one, and this one"
            + " has only whitespace or nothing");
      }
      return endOfInput();
    }
    return beginDocument(c);
  }

  private TokenKind endOfDocument() throws IOException {
    int c = skipWhitespace();
    if (c < 0) return endOfInput();
    if (c == ':' && !json) {
      throw blockError(bufBase + pos, TOP_LEVEL_MAPPING);
    }
    if (!stream && c != '}' && c != ']' && c != ',') {
      throw errorAt(bufBase + pos, 0, "more than one document in the input (content after the end"
          + " of the first); a stream of documents (JSONL, Tony wire) is read in stream mode");
    }
    return beginDocument(c);
  }

  private TokenKind beginDocument(int c) throws IOException {
    if (c == '}' || c == ']' || c == ',' || c == ':') {
      throw errorAt(bufBase + pos, 0, "unexpected '" + (char) c + "' outside any container");
    }
    documentCount++;
    frames.startDocument(documentCount - 1);
    return value(c, false);
  }

  private TokenKind endOfInput() {
    long off = bufBase + pos;
    rawStart = rawEnd = pos;
    expect = X_END;
    return emit(TokenKind.END_OF_INPUT, off, 0, 0, off);
  }

  private TokenKind endContainer(int c) throws FormatException {
    int level = frames.level;
    long off = bufBase + pos;
    boolean object = frames.kind(level - 1) == TokenFrames.OBJECT;
    if ((c == '}') != object) throw mismatched(c, off, object);
    long nodeOffset = frames.nodeOffset(level - 1);
    frames.pop();
    rawStart = pos;
    rawEnd = ++pos;
    expect = X_AFTER_VALUE;
    return emit(object ? TokenKind.END_OBJECT : TokenKind.END_ARRAY, off, 1, level - 1, nodeOffset);
  }

  private FormatException mismatched(int c, long off, boolean object) {
    int level = frames.level;
    return errorAt(off, level - 1, "'" + (char) c + "' does not close the "
        + (object ? "object" : "array") + " opened at offset " + frames.nodeOffset(level - 1));
  }

  // ---- values ----

  /** A value starting with byte c at pos; tagged when a TAG token precedes it. */
  private TokenKind value(int c, boolean tagged) throws IOException {
    int p = pos;
    long off = bufBase + p;
    tokStart = p;
    scanOffset = off;
    scanKind = SCAN_VALUE;
    if (c == '"' || (c == '\'' && !json)) {
      escapes = scanString(c);
      return scalar(TokenKind.STRING, off, tagged);
    }
    if (c >= '0' && c <= '9') {
      return scalar(scanNumber() ? TokenKind.FLOAT : TokenKind.INTEGER, off, tagged);
    }
    if (c == '{' || c == '[') return begin(c == '{', off, tagged);
    return otherValue(c, off, tagged);
  }

  private TokenKind begin(boolean object, long off, boolean tagged) {
    long nodeOffset = off;
    if (tagged) {
      nodeOffset = tagOffset;
      tagOffset = -1;
    }
    int depth = frames.level;
    frames.push(object ? TokenFrames.OBJECT : TokenFrames.ARRAY, nodeOffset);
    rawStart = pos;
    rawEnd = ++pos;
    expect = X_AFTER_BEGIN;
    return emit(object ? TokenKind.BEGIN_OBJECT : TokenKind.BEGIN_ARRAY, off, 1, depth, nodeOffset);
  }

  private TokenKind scalar(TokenKind k, long off, boolean tagged) throws IOException {
    if (overflow || pos - tokStart > maxTokenBytes) {
      finishLarge(k, off);
      materialized = false;
    }
    rawStart = tokStart;
    rawEnd = pos;
    long nodeOffset = off;
    if (tagged) {
      nodeOffset = tagOffset;
      tagOffset = -1;
    }
    int depth = frames.level;
    if (depth == 0 && !json) checkBlockMapping();
    expect = X_AFTER_VALUE;
    return emit(k, off, bufBase + pos - off, depth, nodeOffset);
  }

  /** The rarer value starts: '-', tags, literals, and the bytes that cannot start a value. */
  private TokenKind otherValue(int c, long off, boolean tagged) throws IOException {
    int depth = frames.level;
    if (json && c != '-') return jsonWord(c, off, depth);
    switch (c) {
      case '-':
        {
          int n = ensure(pos, 2) ? buf[pos + 1] & 0xff : -1;
          if (n < '0' || n > '9') {
            if (json && n >= 0) throw errorAt(off, depth, "invalid number: a digit must follow '-'");
            throw badDash(n, depth);
          }
          return scalar(scanNumber() ? TokenKind.FLOAT : TokenKind.INTEGER, off, tagged);
        }
      case '!':
        {
          if (tagged) throw secondTag(off);
          scanKind = SCAN_TAG;
          scanTag();
          tagOffset = off;
          tagEnd = bufBase + pos;
          if (tagEnd - off > maxTokenBytes) throw tooLong(off, tagEnd - off);
          keyLine = line;
          keyLineStart = lineStart;
          rawStart = tokStart;
          rawEnd = pos;
          expect = X_AFTER_TAG;
          return emit(TokenKind.TAG, off, tagEnd - off, depth, off);
        }
      case '}':
      case ']':
      case ',':
      case ':':
        throw errorAt(off, depth, "expected a value, found '" + (char) c + "'");
      default:
        {
          if (!LITERAL_CHAR[c]) throw errorAt(off, depth, String.format("unexpected byte 0x%02x", c));
          scanLiteral();
          if (c == 0xef && startsWithByteOrderMark()) {
            // Only a file's first bytes may be a byte order mark; a bare word starting with one
            // would read back as a mark and lose it when written first (found by TokenizerFuzzTest).
            throw errorAt(off, depth, "a byte order mark (U+FEFF) is allowed only at the start of the file");
          }
          TokenKind k = overflow ? TokenKind.LITERAL : literalKind();
          if (depth == 0 && !overflow) checkBlockScalar();
          return scalar(k, off, tagged);
        }
    }
  }

  /** JSON's three words; anything else that is not a string, number or bracket is refused. */
  private TokenKind jsonWord(int c, long off, int depth) throws IOException {
    if (c == '}' || c == ']' || c == ',' || c == ':') {
      throw errorAt(off, depth, "expected a value, found '" + (char) c + "'");
    }
    if (!LITERAL_CHAR[c] || c == '#' || c == '/' || c == '!') {
      throw notJson(c, depth, "expected a value");
    }
    scanLiteral();
    TokenKind k = overflow ? TokenKind.LITERAL : literalKind();
    if (k == TokenKind.LITERAL) {
      String word = overflow ? "a word longer than maxTokenBytes" : "'" + abbreviate(tokStart, pos) + "'";
      String why = c == '+' || c == '.' || (c >= '0' && c <= '9') ? "a number must start with a"
          + " digit or '-'" : "strings must be double-quoted; the only bare words are true, false"
          + " and null";
      throw errorAt(off, depth, "not JSON: " + word + " (" + why + ")");
    }
    return scalar(k, off, false);
  }

  private FormatException secondTag(long off) {
    return errorAt(off, frames.level, "a value may carry only one tag, and this one is tagged"
        + " already (tag at offset " + tagOffset + ")");
  }

  /** Whether the literal just scanned begins with U+FEFF's UTF-8 bytes (known when not overflowed). */
  private boolean startsWithByteOrderMark() {
    return !overflow && pos - tokStart >= 3 && buf[tokStart] == (byte) 0xef
        && buf[tokStart + 1] == (byte) 0xbb && buf[tokStart + 2] == (byte) 0xbf;
  }

  private TokenKind literalKind() {
    int len = pos - tokStart;
    byte[] b = buf;
    int s = tokStart;
    if (len == 4) {
      if (b[s] == 't' && b[s + 1] == 'r' && b[s + 2] == 'u' && b[s + 3] == 'e') return TokenKind.TRUE;
      if (b[s] == 'n' && b[s + 1] == 'u' && b[s + 2] == 'l' && b[s + 3] == 'l') return TokenKind.NULL;
    } else if (len == 5) {
      if (b[s] == 'f' && b[s + 1] == 'a' && b[s + 2] == 'l' && b[s + 3] == 's' && b[s + 4] == 'e') {
        return TokenKind.FALSE;
      }
    }
    return TokenKind.LITERAL;
  }

  // ---- keys ----

  /** A key starting with byte c at pos, in the innermost frame (an object). */
  private TokenKind key(int c) throws IOException {
    int p = pos;
    long off = bufBase + p;
    if (json && c != '"') throw notJson(c, frames.level - 1, "expected a double-quoted key");
    tokStart = p;
    scanOffset = off;
    scanKind = SCAN_KEY;
    if (c == '"' || c == '\'') {
      boolean esc = scanString(c);
      escapes = esc;
      int len = pos - tokStart;
      if (len > maxTokenBytes) throw tooLong(off, len);
      frames.setFieldKey(buf, tokStart + 1, len - 2, esc);
    } else {
      escapes = false;
      unquotedKey(c, off);
    }
    rawStart = tokStart;
    rawEnd = pos;
    keyEnd = bufBase + pos;
    keyLine = line;
    keyLineStart = lineStart;
    expect = X_AFTER_KEY;
    return emit(TokenKind.KEY, off, keyEnd - off, frames.level, off);
  }

  private void unquotedKey(int c, long off) throws IOException {
    int container = frames.level - 1;
    if (c == '-' || (c >= '0' && c <= '9')) {
      if (c == '-') {
        int n = ensure(pos, 2) ? buf[pos + 1] & 0xff : -1;
        if (n < 0) throw truncatedAt(off + 1, "'-' cut off by the end of input");
        if (n < '0' || n > '9') throw errorAt(off, container, "a key cannot start with '-'");
      }
      boolean isFloat = scanNumber();
      int len = pos - tokStart;
      if (len > maxTokenBytes) throw tooLong(off, len);
      long sparse = isFloat ? -1 : sparseIndex(buf, tokStart, len);
      if (sparse >= 0) frames.setSparseKey(sparse);
      else frames.setFieldKey(buf, tokStart, len, false);
      return;
    }
    switch (c) {
      case '!':
        throw errorAt(off, container, "a tag cannot stand before a key");
      case '{':
      case '[':
        throw errorAt(off, container,
            "a key must be a string, literal or number, not an object or array");
      case ':':
        throw errorAt(off, container, "missing key before ':'");
      case ',':
        throw errorAt(off, container, "two commas in a row");
      default:
        if (!LITERAL_CHAR[c]) {
          throw errorAt(off, container, String.format("unexpected byte 0x%02x", c));
        }
        scanLiteral();
        int len = pos - tokStart;
        if (len > maxTokenBytes) throw tooLong(off, len);
        frames.setFieldKey(buf, tokStart, len, false);
    }
  }

  /** The sparse index an unquoted integer key spells, or -1 if it is a field. */
  private static long sparseIndex(byte[] b, int off, int len) {
    if (len > 10 || b[off] == '-') return -1;
    long v = 0;
    for (int i = off; i < off + len; i++) v = v * 10 + (b[i] - '0');
    return v <= 0xFFFF_FFFFL ? v : -1;
  }

  private TokenKind emit(TokenKind k, long off, long len, int depth, long nodeOffset) {
    kind = k;
    tokOffset = off;
    tokLength = len;
    tokDepth = depth;
    tokNodeOffset = nodeOffset;
    return k;
  }

  // ---- block form ----

  private static final String TOP_LEVEL_MAPPING =
      "a top-level mapping 'key: value' (a ':' after the first value)";

  /**
   * After a top-level scalar, a ':' on the same line means block Tony ({@code key: value}). Looks
   * only at bytes already buffered, so it never moves the buffer; when the ':' lies beyond, the next
   * call to next() reports the same error, in the same words, so the message does not depend on
   * the buffer size (only whether the scalar came out as a token first does).
   */
  private void checkBlockMapping() throws FormatException {
    byte[] b = buf;
    int p = pos;
    int lim = limit;
    while (p < lim && (b[p] == ' ' || b[p] == '\t')) p++;
    if (p < lim && b[p] == ':') {
      throw blockError(bufBase + p, TOP_LEVEL_MAPPING);
    }
  }

  /** {@code |} and {@code >} (with chomping) at the top level start block multiline strings. */
  private void checkBlockScalar() throws FormatException {
    int len = pos - tokStart;
    byte first = buf[tokStart];
    if ((first == '|' || first == '>') && len <= 3) {
      boolean block = true;
      for (int i = tokStart + 1; i < pos; i++) {
        byte c = buf[i];
        if (c != '-' && c != '+' && (c < '1' || c > '9')) block = false;
      }
      if (block) {
        throw blockError(scanOffset, "a multiline string '" + abbreviate(tokStart, pos) + "'");
      }
    }
  }

  private FormatException badDash(int next, int depth) {
    long off = scanOffset;
    if (next < 0) return truncatedAt(off + 1, "'-' cut off by the end of input");
    if (depth == 0) {
      if (next == ' ' || next == '\t' || next == '\n' || next == '\r') {
        return blockError(off, "a sequence item '- ...'");
      }
      if (next == '-') return blockError(off, "a document marker '---'");
    }
    return errorAt(off, depth, "'-' must start a number (a literal cannot start with '-')");
  }

  private FormatException blockError(long off, String what) {
    return errorAt(off, 0, "block (indented) Tony is not supported, only JSON and the Tony wire"
        + " form: found " + what + "; convert it to wire form, one bracketed document per line");
  }

  // ---- accessors for the current token ----

  /** Absolute byte offset of the current token. */
  public long offset() {
    return tokOffset;
  }

  /** Bytes of the token itself: strings with their quotes, 1 for brackets, 0 for implicit nulls. */
  public long length() {
    return tokLength;
  }

  /** Open containers around the token; END_x has the depth of its BEGIN_x. */
  public int depth() {
    return tokDepth;
  }

  /**
   * Where the node starts: for a value or BEGIN_x, its first byte or that of its tag; for END_x,
   * the nodeOffset of the matching BEGIN_x; for KEY and TAG, their own offset.
   */
  public long nodeOffset() {
    return tokNodeOffset;
  }

  /** 0-based ordinal of the document the token is in; for END_OF_INPUT, the number of documents. */
  public int documentIndex() {
    return kind == TokenKind.END_OF_INPUT ? documentCount : documentCount - 1;
  }

  /** 1-based line of the token, or -1 if not known. */
  public long line() {
    if (!linesKnown) return -1;
    return implicit ? implicitLine : line;
  }

  /** 1-based byte column of the token, or -1 if not known. */
  public long column() {
    long ls = implicit ? implicitLineStart : lineStart;
    return ls >= 0 && tokOffset >= ls ? tokOffset - ls + 1 : -1;
  }

  /** The zero-length NULL of {@code {a b}} or of a tag with no value. */
  public boolean isImplicit() {
    return implicit;
  }

  /** False for a token longer than maxTokenBytes, whose bytes were not kept. */
  public boolean isMaterialized() {
    return materialized;
  }

  /** The current KEY is a sparse index ({@code {13: x}}). */
  public boolean keyIsSparse() {
    return kind == TokenKind.KEY && frames.keyIsSparse();
  }

  /** The sparse index of the current KEY, or -1. */
  public long keyIndex() {
    return keyIsSparse() ? frames.keyIndex() : -1;
  }

  /**
   * The token's text: decoded content of STRING and KEY, the lexeme of INTEGER, FLOAT and LITERAL,
   * the full tag of TAG ({@code !key(sku)}), "true"/"false"/"null", and null for brackets and
   * END_OF_INPUT. Allocates a String on each call.
   *
   * @throws FormatException for a token over maxTokenBytes, naming its offset, length and the cap
   */
  public String text() throws FormatException {
    if (kind == null) return null;
    switch (kind) {
      case KEY:
        return frames.keyText();
      case STRING:
        requireMaterialized();
        return escapes
            ? Utf8Text.unescape(buf, rawStart + 1, rawEnd - 1)
            : Utf8Text.decode(buf, rawStart + 1, rawEnd - rawStart - 2);
      case INTEGER:
      case FLOAT:
      case LITERAL:
      case TAG:
        requireMaterialized();
        return Utf8Text.decode(buf, rawStart, rawEnd - rawStart);
      case TRUE:
        return "true";
      case FALSE:
        return "false";
      case NULL:
        return "null";
      default:
        return null;
    }
  }

  /** Whether the text of the current STRING, KEY or scalar equals s; avoids allocating if it can. */
  public boolean textEquals(String s) throws FormatException {
    if (kind == null) return false;
    switch (kind) {
      case KEY:
        return frames.keyEquals(s);
      case STRING:
        if (!materialized) return false;
        return escapes
            ? Utf8Text.unescape(buf, rawStart + 1, rawEnd - 1).equals(s)
            : Utf8Text.equalsString(buf, rawStart + 1, rawEnd - rawStart - 2, s);
      case INTEGER:
      case FLOAT:
      case LITERAL:
      case TAG:
        return materialized && Utf8Text.equalsString(buf, rawStart, rawEnd - rawStart, s);
      default:
        return s.equals(text());
    }
  }

  /** Whether the current STRING or quoted KEY holds escapes (its raw bytes differ from its text). */
  public boolean hasEscapes() {
    return (kind == TokenKind.STRING || kind == TokenKind.KEY) && escapes;
  }

  /**
   * The buffer holding the current token's raw bytes, from {@link #rawStart()} for {@link
   * #length()} bytes, when {@link #isMaterialized()}. Zero-copy: valid only until next().
   */
  public byte[] rawBuffer() {
    return buf;
  }

  public int rawStart() {
    return rawStart;
  }

  /** Where a materialized token's contents start in {@link #rawBuffer()}: past a quote. */
  public int rawContentStart() {
    return quotedRaw() ? rawStart + 1 : rawStart;
  }

  /** A materialized token's bytes without its quotes, as they stand in the input (escapes too). */
  public int rawContentLength() {
    return quotedRaw() ? (int) tokLength - 2 : (int) tokLength;
  }

  private boolean quotedRaw() {
    return tokLength >= 2 && (buf[rawStart] == '"' || buf[rawStart] == '\'');
  }

  private void requireMaterialized() throws FormatException {
    if (!materialized) {
      throw new FormatException("a token (" + kind.inWords() + ") of " + tokLength + " bytes exceeds"
          + " maxTokenBytes (" + maxTokenBytes + "), so it was scanned without being kept;"
          + " raise the cap or read it with setLargeTokenConsumer", source, tokOffset, line(),
          column(), frames.path(tokDepth));
    }
  }

  // ---- paths ----

  /**
   * Appends the current token's kinded path: for KEY the path of the value that follows, for
   * BEGIN/END the container's, for TAG that of the value it tags; nothing at END_OF_INPUT. Costs
   * O(depth) at most: the prefix shared with the previous token's path is cached.
   */
  public void appendPath(StringBuilder sb) {
    if (kind != TokenKind.END_OF_INPUT && kind != null) frames.appendPath(sb, tokDepth);
  }

  /**
   * The current token's path without copying it: a read-only view of the tokenizer's own path
   * cache, valid until the next call to next() or appendPath(). For callers that hash, compare or
   * write every node's path, this saves the copy that {@link #appendPath} makes (about half the
   * cost of a path on typical documents). Never modify it, even if it happens to be a
   * StringBuilder.
   */
  public CharSequence pathView() {
    if (kind == TokenKind.END_OF_INPUT || kind == null) return "";
    return frames.pathView(tokDepth);
  }

  /** The current token's path as a new String. */
  public String path() {
    StringBuilder sb = new StringBuilder();
    appendPath(sb);
    return sb.toString();
  }

  // ---- state ----

  /**
   * A snapshot for {@link #resume}: continuing from it yields the tokens this tokenizer would
   * return next. Valid after any token (and before the first); not after a failure.
   */
  public TokenizerState state() {
    if (failure != null) throw new IllegalStateException("tokenizer failed", failure);
    long offset = kind == null ? bufBase + pos : tokOffset + tokLength;
    long l = implicit ? implicitLine : line;
    long ls = implicit ? implicitLineStart : lineStart;
    return new TokenizerState(offset, expect, documentCount, tagOffset, tagEnd, keyEnd, l, ls,
        linesKnown, frames.snapshot());
  }

  // ---- errors ----

  /** An error at the current token, naming source, offset, line, column and path. */
  public FormatException error(String reason) {
    return new FormatException(reason, source, tokOffset, line(), column(),
        kind == null ? null : path());
  }

  @Override
  FormatException errorAt(long off, String reason) {
    return errorAt(off, scanPathDepth(), reason);
  }

  private FormatException errorAt(long off, int pathDepth, String reason) {
    return new FormatException(reason, source, off, linesKnown ? line : -1, columnAt(off),
        frames.path(Math.min(pathDepth, frames.level)));
  }

  @Override
  boolean insideContainer() {
    return frames.level > 0;
  }

  @Override
  FormatException truncatedAt(long off, String reason) {
    return new TruncatedInputException(reason + " (token started at offset " + scanOffset + ")",
        source, off, linesKnown ? line : -1, columnAt(off), frames.path(scanPathDepth()));
  }

  @Override
  FormatException tooLong(long off, long len) {
    String what = scanKind == SCAN_KEY ? "key" : "tag";
    return new FormatException("a " + what + " longer than maxTokenBytes (" + maxTokenBytes
        + " bytes; " + len + " so far) cannot be used", source, off,
        linesKnown ? line : -1, columnAt(off), frames.path(scanPathDepth()));
  }

  /** Path depth for an error inside a lexeme: a key's is its object's (the key is not known yet). */
  private int scanPathDepth() {
    int level = frames.level;
    return scanKind == SCAN_KEY && level > 0 ? level - 1 : level;
  }

  private FormatException truncatedInside() {
    long off = bufBase + pos;
    int level = frames.level;
    boolean object = frames.kind(level - 1) == TokenFrames.OBJECT;
    return new TruncatedInputException("input ended inside the " + (object ? "object" : "array")
        + " opened at offset " + frames.nodeOffset(level - 1) + " (" + level
        + " container(s) open)", source, off, linesKnown ? line : -1, columnAt(off),
        frames.path(level));
  }

  private long columnAt(long off) {
    return lineStart >= 0 && off >= lineStart ? off - lineStart + 1 : -1;
  }

  private String abbreviate(int from, int to) {
    int n = Math.min(to - from, 40);
    return Utf8Text.decode(buf, from, n) + (to - from > n ? "..." : "");
  }

  /** Closes the stream or channel read from (nothing for fromBytes). */
  @Override
  public void close() throws IOException {
    closeInput();
  }
}
