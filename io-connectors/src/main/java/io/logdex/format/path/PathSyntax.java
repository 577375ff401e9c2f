package io.logdex.format.path;

/**
 * The one place that decides how a kinded path is spelled. The tokenizer, the encoder's node
 * listener and {@link KindedPath} all format through here, so a path printed by {@code paths}, one
 * recorded in an index and one typed by a user compare equal as strings.
 *
 * <p>A field is written bare when it is a single literal, and quoted otherwise: when it is empty,
 * starts with a digit, '-' or '!', is {@code true}/{@code false}/{@code null} or the wildcard
 * {@code *}, or holds whitespace, a control character or any of {@code . [ ] { } ( ) : , # " ' \}.
 * Quotes are double unless the text holds more {@code "} than {@code '}.
 */
public final class PathSyntax {
  private PathSyntax() {}

  public static boolean fieldNeedsQuotes(CharSequence f) {
    int n = f.length();
    if (n == 0) return true;
    char c0 = f.charAt(0);
    if ((c0 >= '0' && c0 <= '9') || c0 == '-' || c0 == '!') return true;
    if (n == 1 && c0 == '*') return true;
    if (n == 4 && ("true".contentEquals(f) || "null".contentEquals(f))) return true;
    if (n == 5 && "false".contentEquals(f)) return true;
    for (int i = 0; i < n; i++) {
      char c = f.charAt(i);
      if (c <= ' ' || c == 0x7f) return true;
      switch (c) {
        case '.': case '[': case ']': case '{': case '}': case '(': case ')':
        case ':': case ',': case '#': case '"': case '\'': case '\\':
          return true;
        default:
          if (Character.isWhitespace(c) || Character.isSpaceChar(c)) return true;
      }
    }
    return false;
  }

  /** Appends {@code .field} (or just {@code field} at the start of a path), quoted if needed. */
  public static void appendField(StringBuilder sb, CharSequence field) {
    if (sb.length() > 0) sb.append('.');
    appendFieldText(sb, field);
  }

  /**
   * UTF-8 bytes of s[from, to) as String.getBytes counts them (an unpaired surrogate is one '?'):
   * the length of a path term, counted while spelling it.
   */
  public static int utf8Length(CharSequence s, int from, int to) {
    int n = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < to
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += Character.isSurrogate(c) ? 1 : 3;
      }
    }
    return n;
  }

  /** Appends the field's text, quoted if needed, with no separator. */
  public static void appendFieldText(StringBuilder sb, CharSequence field) {
    if (fieldNeedsQuotes(field)) appendQuoted(sb, field);
    else sb.append(field);
  }

  /** Appends {@code [i]}. */
  public static void appendIndex(StringBuilder sb, long i) {
    sb.append('[').append(i).append(']');
  }

  /** Appends {@code {i}}. */
  public static void appendSparse(StringBuilder sb, long i) {
    sb.append('{').append(i).append('}');
  }

  /** Appends {@code (key)} for an element of a keyed array, quoting the key like a field. */
  public static void appendKeyed(StringBuilder sb, CharSequence key) {
    sb.append('(');
    appendFieldText(sb, key);
    sb.append(')');
  }

  /** Appends s in quotes: double unless s holds more '"' than '\''. Escapes as JSON does. */
  public static void appendQuoted(StringBuilder sb, CharSequence s) {
    int dq = 0, sq = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"') dq++;
      else if (c == '\'') sq++;
    }
    char q = dq > sq ? '\'' : '"';
    sb.append(q);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == q || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        switch (c) {
          case '\n': sb.append("\\n"); break;
          case '\r': sb.append("\\r"); break;
          case '\t': sb.append("\\t"); break;
          case '\b': sb.append("\\b"); break;
          case '\f': sb.append("\\f"); break;
          default: sb.append(String.format("\\u%04x", (int) c));
        }
      } else {
        sb.append(c);
      }
    }
    sb.append(q);
  }
}
