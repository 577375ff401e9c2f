package io.logdex.format.encode;

/**
 * What the canonical writer may leave unquoted, and which tags, literals and number lexemes it can
 * write as themselves. The canonical form must re-read as the same tree: keys err towards quotes
 * (always correct), while literals and tags, which have no quoted form, follow the tokenizer's
 * rules exactly so that anything it reads can be written back.
 */
public final class WireSyntax {
  private WireSyntax() {}

  /**
   * Whether a field key can be written unquoted and re-read as that same field: not empty; not
   * {@code true}/{@code false}/{@code null}; first char not a digit, sign, dot or any of {@code ! "
   * ' [ ] { } : , # & * | > % @ ` ? ~}; no whitespace (ASCII or Unicode), control char, DEL,
   * unpaired surrogate or any of {@code : , # " ' [ ] { } \} anywhere. Stricter than the reader
   * needs: a quoted key is always right, so doubt means quotes.
   */
  public static boolean isBareKey(CharSequence s) {
    int n = s.length();
    if (n == 0 || isKeyword(s)) return false;
    char c0 = s.charAt(0);
    if (c0 >= '0' && c0 <= '9') return false;
    switch (c0) {
      case '-': case '+': case '.': case '!': case '&': case '*': case '|': case '>':
      case '%': case '@': case '`': case '?': case '~':
        return false;
      default:
    }
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c <= ' ' || c == 0x7f) return false;
      switch (c) {
        case ':': case ',': case '#': case '"': case '\'': case '[': case ']': case '{': case '}':
        case '\\':
          return false;
        default:
      }
      if (c >= 0x80) {
        if (Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)) {
          return false;
        }
        int next = pairedSurrogateEnd(s, i);
        if (next < 0) return false;
        i = next;
      }
    }
    return true;
  }

  /**
   * Whether a literal value can be written as itself and re-read as a literal with the same text.
   * This is exactly the tokenizer's literal rule, so that every literal it reads can be written
   * back: not empty; not {@code true}/{@code false}/{@code null}; not starting with a digit or any
   * of {@code - ! # :}; no whitespace, control char, DEL, unpaired surrogate or any of {@code , [ ]
   * { } " '}; a {@code :} only when a char other than those follows it ({@code s3://bucket}).
   * A document that is only a literal must also not look like a block scalar header; see {@link
   * #isBlockScalarHeader}.
   */
  public static boolean isBareLiteral(CharSequence s) {
    int n = s.length();
    if (n == 0 || isKeyword(s)) return false;
    char c0 = s.charAt(0);
    if ((c0 >= '0' && c0 <= '9') || c0 == '-' || c0 == '!' || c0 == '#' || c0 == ':') return false;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (endsLiteral(c)) return false;
      if (c == ':' && (i + 1 == n || endsLiteral(s.charAt(i + 1)))) return false;
      if (c >= 0x80) {
        int next = pairedSurrogateEnd(s, i);
        if (next < 0) return false;
        i = next;
      }
    }
    return true;
  }

  /** {@code |} or {@code >} with up to two chomping/indent chars: read as block Tony at top level. */
  public static boolean isBlockScalarHeader(CharSequence s) {
    int n = s.length();
    if (n == 0 || n > 3 || (s.charAt(0) != '|' && s.charAt(0) != '>')) return false;
    for (int i = 1; i < n; i++) {
      char c = s.charAt(i);
      if (c != '-' && c != '+' && (c < '1' || c > '9')) return false;
    }
    return true;
  }

  private static boolean endsLiteral(char c) {
    if (c <= ' ' || c == 0x7f) return true;
    switch (c) {
      case ',': case '[': case ']': case '{': case '}': case '"': case '\'':
        return true;
      default:
        return false;
    }
  }

  private static boolean isKeyword(CharSequence s) {
    int n = s.length();
    return (n == 4 && ("true".contentEquals(s) || "null".contentEquals(s)))
        || (n == 5 && "false".contentEquals(s));
  }

  /** For a non-ASCII char at i: the index of its last UTF-16 unit, or -1 if it is a lone surrogate. */
  private static int pairedSurrogateEnd(CharSequence s, int i) {
    char c = s.charAt(i);
    if (!Character.isSurrogate(c)) return i;
    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
      return i + 1;
    }
    return -1;
  }

  /**
   * A tag as the tokenizer reads it back unchanged: {@code !}, a name of at least one char other
   * than whitespace, control chars and {@code , [ ] { } " ' ( ) : ! #}, then optionally one
   * balanced {@code (…)} argument list without control chars, and nothing after it.
   */
  public static boolean isTag(CharSequence t) {
    int n = t.length();
    if (n < 2 || t.charAt(0) != '!') return false;
    int i = 1;
    for (; i < n; i++) {
      char c = t.charAt(i);
      if (c == '(') break;
      if (c <= ' ' || c == 0x7f) return false;
      switch (c) {
        case ',': case '[': case ']': case '{': case '}': case '"': case '\'': case ')': case ':':
        case '!': case '#':
          return false;
        default:
      }
      if (c >= 0x80) {
        int next = pairedSurrogateEnd(t, i);
        if (next < 0) return false;
        i = next;
      }
    }
    if (i == 1) return false;
    if (i == n) return true;
    int open = 0;
    for (; i < n; i++) {
      char c = t.charAt(i);
      if (c < ' ' || c == 0x7f) return false;
      if (c == '(') open++;
      else if (c == ')' && --open == 0) return i == n - 1;
      else if (c >= 0x80) {
        int next = pairedSurrogateEnd(t, i);
        if (next < 0) return false;
        i = next;
      }
    }
    return false;
  }

  /** JSON's integer grammar: {@code -?(0|[1-9][0-9]*)}. */
  public static boolean isJsonInteger(CharSequence s) {
    int n = s.length();
    int i = s.length() > 0 && s.charAt(0) == '-' ? 1 : 0;
    int end = digitsEnd(s, i);
    return end == n && validIntPart(s, i, end);
  }

  /** JSON's number grammar with a fraction or an exponent (or both). */
  public static boolean isJsonFloat(CharSequence s) {
    int n = s.length();
    int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
    int end = digitsEnd(s, i);
    if (!validIntPart(s, i, end)) return false;
    i = end;
    boolean more = false;
    if (i < n && s.charAt(i) == '.') {
      end = digitsEnd(s, i + 1);
      if (end == i + 1) return false;
      i = end;
      more = true;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
      end = digitsEnd(s, i);
      if (end == i) return false;
      i = end;
      more = true;
    }
    return more && i == n;
  }

  private static int digitsEnd(CharSequence s, int i) {
    int n = s.length();
    while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
    return i;
  }

  private static boolean validIntPart(CharSequence s, int start, int end) {
    return end > start && (s.charAt(start) != '0' || end == start + 1);
  }
}
