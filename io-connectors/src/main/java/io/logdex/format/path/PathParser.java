package io.logdex.format.path;

import io.logdex.format.Elide;

/**
 * Reads the text of a kinded path. Accepts the canonical spelling {@link PathSyntax} writes and a
 * little more: either quote style, fields quoted that need no quotes, leading zeros in indices and
 * bare keys that start with a digit ({@code users(42)}). A bare field must be one that PathSyntax
 * would leave bare, so {@code a.1} or {@code a.true} is an error rather than a silent guess.
 */
final class PathParser {
  private final String s;
  private int i;

  private PathParser(String s) {
    this.s = s;
  }

  static KindedPath parse(String s) {
    return new PathParser(s).path();
  }

  private KindedPath path() {
    KindedPath p = KindedPath.ROOT;
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (c == '[') {
        p = p.child(bracketed(']', false));
      } else if (c == '{') {
        p = p.child(bracketed('}', true));
      } else if (c == '(') {
        p = p.child(keyed());
      } else {
        if (!p.isRoot()) {
          if (c != '.') throw fail(i, "expected '.', '[', '{' or '(' after a segment");
          i++;
          if (i == n) throw fail(i, "a field must follow '.'");
        }
        p = p.child(field());
      }
    }
    return p;
  }

  private PathSegment field() {
    char c = s.charAt(i);
    if (c == '"' || c == '\'') return PathSegment.field(quoted());
    int start = i;
    while (i < s.length() && !isSegmentStart(s.charAt(i))) i++;
    String text = s.substring(start, i);
    if (text.isEmpty()) throw fail(start, "empty field name; write \"\" to name the empty field");
    if (text.equals("*")) return PathSegment.ANY_FIELD;
    if (PathSyntax.fieldNeedsQuotes(text)) {
      throw fail(start, "field " + quote(text) + " must be quoted");
    }
    return PathSegment.field(text);
  }

  private PathSegment bracketed(char close, boolean sparse) {
    int open = i++;
    if (i < s.length() && s.charAt(i) == '*') {
      i++;
      expect(close);
      return sparse ? PathSegment.ANY_SPARSE : PathSegment.ANY_INDEX;
    }
    int start = i;
    long v = 0;
    long max = sparse ? PathSegment.MAX_SPARSE_INDEX : Long.MAX_VALUE;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      int d = s.charAt(i) - '0';
      if (v > (max - d) / 10) {
        throw fail(start, (sparse ? "sparse index" : "index") + " out of range (max " + max + ")");
      }
      v = v * 10 + d;
      i++;
    }
    if (i == start) {
      throw fail(i, "expected a non-negative integer or '*' after '" + s.charAt(open) + "'");
    }
    expect(close);
    return sparse ? PathSegment.sparse(v) : PathSegment.index(v);
  }

  private PathSegment keyed() {
    i++;
    if (i == s.length()) throw fail(i, "unterminated '('");
    char c = s.charAt(i);
    String key;
    if (c == '"' || c == '\'') {
      key = quoted();
    } else {
      int start = i;
      while (i < s.length() && isBareKeyChar(s.charAt(i))) i++;
      key = s.substring(start, i);
      if (key.isEmpty()) throw fail(start, "empty key; write (\"\") for the empty key");
      if (key.equals("*")) {
        expect(')');
        return PathSegment.ANY_KEYED;
      }
    }
    expect(')');
    return PathSegment.keyed(key);
  }

  private String quoted() {
    int open = i;
    char q = s.charAt(i++);
    StringBuilder sb = new StringBuilder();
    while (true) {
      if (i >= s.length()) throw fail(open, "unterminated quoted name");
      char c = s.charAt(i++);
      if (c == q) return sb.toString();
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      if (i >= s.length()) throw fail(i - 1, "unterminated escape");
      char e = s.charAt(i++);
      switch (e) {
        case '"': case '\'': case '\\': case '/': sb.append(e); break;
        case 'n': sb.append('\n'); break;
        case 'r': sb.append('\r'); break;
        case 't': sb.append('\t'); break;
        case 'b': sb.append('\b'); break;
        case 'f': sb.append('\f'); break;
        case 'u':
          if (i + 4 > s.length()) throw fail(i - 2, "truncated \\u escape");
          int cp = 0;
          for (int k = 0; k < 4; k++) {
            int h = Character.digit(s.charAt(i + k), 16);
            if (h < 0) throw fail(i + k, "bad hex digit in \\u escape");
            cp = cp * 16 + h;
          }
          i += 4;
          sb.append((char) cp);
          break;
        default:
          // Quoted: the char after the backslash may be a line break or any other control char.
          throw fail(i - 2, "unknown escape " + quote("\\" + e));
      }
    }
  }

  private void expect(char c) {
    if (i >= s.length()) throw fail(i, "expected '" + c + "' but the path ended");
    if (s.charAt(i) != c) throw fail(i, "expected '" + c + "'");
    i++;
  }

  private static boolean isSegmentStart(char c) {
    return c == '.' || c == '[' || c == '{' || c == '(';
  }

  private static boolean isBareKeyChar(char c) {
    if (c <= ' ' || c == 0x7f || Character.isWhitespace(c) || Character.isSpaceChar(c)) return false;
    switch (c) {
      case '(': case ')': case '[': case ']': case '{': case '}': case '"': case '\'': case '\\':
        return false;
      default:
        return true;
    }
  }

  /** The text as a path would spell it, elided in the middle past 100 chars (errors quote it). */
  private static String quote(String text) {
    StringBuilder sb = new StringBuilder();
    PathSyntax.appendQuoted(sb, text.length() <= 100 ? text : text.substring(0, 100));
    return Elide.middle(sb.toString(), 100) + (text.length() > 100 ? "..." : "");
  }

  private MalformedPathException fail(int at, String reason) {
    return new MalformedPathException(s, at, reason);
  }
}
