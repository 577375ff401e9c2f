package io.logdex.samples;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Test-only strict reader for what the generators write: RFC 8259 JSON (valid UTF-8, no duplicate
 * keys, no trailing commas, no leading zeros, no raw control characters) and the Tony wire subset
 * they emit (bare identifier keys, bare integer keys, {@code !tag} before values, commas between
 * members, one line). Values become LinkedHashMap, ArrayList, String, Long/BigInteger, BigDecimal,
 * Boolean, {@link #NULL} and {@link Tagged}. Independent of the generator code on purpose.
 */
final class MiniDoc {
  /** JSON null; a sentinel so that maps can hold it and equality still works. */
  static final Object NULL = new Object() {
    @Override
    public String toString() {
      return "null";
    }
  };

  enum Mode { JSON, TONY }

  static final class Tagged {
    final String tag;
    final Object value;

    Tagged(String tag, Object value) {
      this.tag = tag;
      this.value = value;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Tagged && ((Tagged) o).tag.equals(tag) && ((Tagged) o).value.equals(value);
    }

    @Override
    public int hashCode() {
      return Objects.hash(tag, value);
    }

    @Override
    public String toString() {
      return tag + " " + value;
    }
  }

  static final class ParseError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ParseError(String message) {
      super(message);
    }
  }

  private final String s;
  private final Mode mode;
  private int p;

  private MiniDoc(String s, Mode mode) {
    this.s = s;
    this.mode = mode;
  }

  /** Exactly one document, optionally followed by whitespace. */
  static Object parse(byte[] utf8, Mode mode) {
    return parse(decode(utf8), mode);
  }

  static Object parse(String text, Mode mode) {
    MiniDoc d = new MiniDoc(text, mode);
    d.ws();
    Object v = d.value();
    d.ws();
    if (d.p != text.length()) {
      throw d.error("trailing content");
    }
    if (mode == Mode.TONY) {
      int nl = text.indexOf('\n');
      if (nl >= 0 && nl != text.length() - 1) {
        throw new ParseError("wire document spans lines (newline at " + nl + ")");
      }
    }
    return v;
  }

  /** One document per line; every line, including the last, must end with a newline. */
  static List<Object> parseLines(byte[] utf8, Mode mode) {
    String text = decode(utf8);
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new ParseError("last line has no newline");
    }
    List<Object> docs = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = text.indexOf('\n', start);
      docs.add(parse(text.substring(start, end), mode));
      start = end + 1;
    }
    return docs;
  }

  static String decode(byte[] utf8) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(utf8)).toString();
    } catch (CharacterCodingException e) {
      throw new ParseError("invalid UTF-8: " + e);
    }
  }

  /** The value with every Tony tag removed, for comparing a wire document with its JSON twin. */
  static Object untag(Object v) {
    if (v instanceof Tagged) {
      return untag(((Tagged) v).value);
    }
    if (v instanceof Map) {
      Map<String, Object> m = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        m.put((String) e.getKey(), untag(e.getValue()));
      }
      return m;
    }
    if (v instanceof List) {
      List<Object> l = new ArrayList<>();
      for (Object x : (List<?>) v) {
        l.add(untag(x));
      }
      return l;
    }
    return v;
  }

  /** Compact JSON of a parsed value (tags dropped), to measure sub-document sizes. */
  static String toJson(Object v) {
    StringBuilder b = new StringBuilder();
    appendJson(b, v);
    return b.toString();
  }

  private static void appendJson(StringBuilder b, Object v) {
    if (v instanceof Tagged) {
      appendJson(b, ((Tagged) v).value);
    } else if (v instanceof Map) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        b.append(first ? "" : ",");
        first = false;
        appendString(b, (String) e.getKey());
        b.append(':');
        appendJson(b, e.getValue());
      }
      b.append('}');
    } else if (v instanceof List) {
      b.append('[');
      boolean first = true;
      for (Object x : (List<?>) v) {
        b.append(first ? "" : ",");
        first = false;
        appendJson(b, x);
      }
      b.append(']');
    } else if (v instanceof String) {
      appendString(b, (String) v);
    } else {
      b.append(v);
    }
  }

  private static void appendString(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    b.append('"');
  }

  /** Number of values in a tree, containers included. */
  static long count(Object v) {
    long n = 1;
    Object x = v instanceof Tagged ? ((Tagged) v).value : v;
    if (x instanceof Map) {
      for (Object c : ((Map<?, ?>) x).values()) {
        n += count(c);
      }
    } else if (x instanceof List) {
      for (Object c : (List<?>) x) {
        n += count(c);
      }
    }
    return n;
  }

  private Object value() {
    if (p >= s.length()) {
      throw error("unexpected end");
    }
    char c = s.charAt(p);
    if (c == '!' && mode == Mode.TONY) {
      String tag = tag();
      if (p >= s.length() || s.charAt(p) != ' ') {
        throw error("tag not followed by a space");
      }
      p++;
      return new Tagged(tag, value());
    }
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        return word("true", Boolean.TRUE);
      case 'f':
        return word("false", Boolean.FALSE);
      case 'n':
        return word("null", NULL);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected character '" + c + "'");
    }
  }

  private String tag() {
    int start = p++;
    while (p < s.length() && (Character.isLetterOrDigit(s.charAt(p)) || s.charAt(p) == '.' || s.charAt(p) == '_')) {
      p++;
    }
    if (p < s.length() && s.charAt(p) == '(') {
      int close = s.indexOf(')', p);
      if (close < 0) {
        throw error("unterminated tag argument");
      }
      p = close + 1;
    }
    if (p - start < 2) {
      throw error("empty tag");
    }
    return s.substring(start, p);
  }

  private Map<String, Object> object() {
    p++;
    Map<String, Object> m = new LinkedHashMap<>();
    ws();
    if (peek() == '}') {
      p++;
      return m;
    }
    while (true) {
      ws();
      String key = key();
      ws();
      expect(':');
      ws();
      Object v = value();
      if (m.containsKey(key)) {
        throw error("duplicate key '" + key + "'");
      }
      m.put(key, v);
      ws();
      char c = next();
      if (c == '}') {
        return m;
      }
      if (c != ',') {
        throw error("expected , or } after member");
      }
    }
  }

  private String key() {
    char c = peek();
    if (c == '"') {
      return string();
    }
    if (mode == Mode.JSON) {
      throw error("expected a quoted key");
    }
    int start = p;
    if (c >= '0' && c <= '9') {
      while (p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
        p++;
      }
      String digits = s.substring(start, p);
      if (digits.length() > 1 && digits.charAt(0) == '0' || Long.parseLong(digits) > 0xFFFFFFFFL) {
        throw error("bad sparse index " + digits);
      }
      return digits;
    }
    if (!(Character.isLetter(c) || c == '_')) {
      throw error("bad key start '" + c + "'");
    }
    while (p < s.length()) {
      char k = s.charAt(p);
      if (!(Character.isLetterOrDigit(k) || k == '_' || k == '-')) {
        break;
      }
      p++;
    }
    String key = s.substring(start, p);
    if (key.equals("true") || key.equals("false") || key.equals("null")) {
      throw error("keyword used as a bare key");
    }
    return key;
  }

  private List<Object> array() {
    p++;
    List<Object> l = new ArrayList<>();
    ws();
    if (peek() == ']') {
      p++;
      return l;
    }
    while (true) {
      ws();
      l.add(value());
      ws();
      char c = next();
      if (c == ']') {
        return l;
      }
      if (c != ',') {
        throw error("expected , or ] after element");
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (true) {
      if (p >= s.length()) {
        throw error("unterminated string");
      }
      char c = s.charAt(p++);
      if (c == '"') {
        return b.toString();
      }
      if (c < 0x20) {
        throw error("raw control character in string");
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"':
        case '\\':
        case '/':
          b.append(e);
          break;
        case 'b':
          b.append('\b');
          break;
        case 'f':
          b.append('\f');
          break;
        case 'n':
          b.append('\n');
          break;
        case 'r':
          b.append('\r');
          break;
        case 't':
          b.append('\t');
          break;
        case 'u':
          if (p + 4 > s.length()) {
            throw error("short \\u escape");
          }
          b.append((char) Integer.parseInt(s.substring(p, p + 4), 16));
          p += 4;
          break;
        default:
          throw error("bad escape \\" + e);
      }
    }
  }

  private Object number() {
    int start = p;
    if (peek() == '-') {
      p++;
    }
    if (peek() == '0') {
      p++;
    } else if (peek() >= '1' && peek() <= '9') {
      digits();
    } else {
      throw error("bad number");
    }
    boolean integer = true;
    if (p < s.length() && s.charAt(p) == '.') {
      p++;
      integer = false;
      if (!(peek() >= '0' && peek() <= '9')) {
        throw error("bad fraction");
      }
      digits();
    }
    if (p < s.length() && (s.charAt(p) == 'e' || s.charAt(p) == 'E')) {
      p++;
      integer = false;
      if (peek() == '+' || peek() == '-') {
        p++;
      }
      if (!(peek() >= '0' && peek() <= '9')) {
        throw error("bad exponent");
      }
      digits();
    }
    String text = s.substring(start, p);
    if (!integer) {
      return new BigDecimal(text);
    }
    BigInteger big = new BigInteger(text);
    return big.bitLength() < 64 ? (Object) big.longValue() : big;
  }

  private void digits() {
    while (p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
      p++;
    }
  }

  private Object word(String w, Object v) {
    if (!s.startsWith(w, p)) {
      throw error("bad literal");
    }
    p += w.length();
    return v;
  }

  private void ws() {
    while (p < s.length()) {
      char c = s.charAt(p);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      p++;
    }
  }

  private char peek() {
    return p < s.length() ? s.charAt(p) : '\0';
  }

  private char next() {
    if (p >= s.length()) {
      throw error("unexpected end");
    }
    return s.charAt(p++);
  }

  private void expect(char c) {
    if (next() != c) {
      p--;
      throw error("expected '" + c + "'");
    }
  }

  private ParseError error(String what) {
    int from = Math.max(0, p - 30);
    int to = Math.min(s.length(), p + 30);
    return new ParseError(what + " at char " + p + " near «" + s.substring(from, to) + "»");
  }
}
