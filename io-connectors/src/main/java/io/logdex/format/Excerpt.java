package io.logdex.format;

/**
 * Input text quoted inside a one-line error message. Paths and queries can be megabytes long, and
 * a query can hold a line break: shown as they are, either would break the "one line naming
 * where" rule that lets people read an error from stderr.
 */
public final class Excerpt {
  private Excerpt() {}

  /**
   * The text itself, or its first and last max / 2 chars with a count of the chars left out.
   * Never splits a surrogate pair.
   */
  public static String middle(String s, int max) {
    if (s.length() <= max) return s;
    int head = max / 2;
    int tail = s.length() - max / 2;
    if (Character.isHighSurrogate(s.charAt(head - 1))) head--;
    if (Character.isLowSurrogate(s.charAt(tail))) tail++;
    return s.substring(0, head) + "...(" + (tail - head) + " chars)..." + s.substring(tail);
  }

  /**
   * As {@link #middle}, with line breaks and other control characters escaped as in JSON; max
   * bounds the escaped text, so a run of control characters cannot grow it sixfold.
   */
  public static String oneLine(String s, int max) {
    StringBuilder head = new StringBuilder();
    int i = 0;
    while (i < s.length() && head.length() < max / 2) i = appendEscaped(head, s, i);
    if (i == s.length()) return head.toString();
    StringBuilder rest = new StringBuilder();
    int r = i;
    while (r < s.length() && rest.length() <= max - head.length()) r = appendEscaped(rest, s, r);
    if (r == s.length() && rest.length() <= max - head.length()) return head.append(rest).toString();
    // Too long: the tail is escaped from the end, one char (or surrogate pair) at a time.
    StringBuilder tail = new StringBuilder();
    int j = s.length();
    while (j > i && tail.length() < max / 2) {
      int from = j - 1;
      if (from > i && Character.isLowSurrogate(s.charAt(from))
          && Character.isHighSurrogate(s.charAt(from - 1))) {
        from--;
      }
      StringBuilder piece = new StringBuilder();
      for (int k = from; k < j; ) k = appendEscaped(piece, s, k);
      tail.insert(0, piece);
      j = from;
    }
    return head + "...(" + (j - i) + " chars)..." + tail;
  }

  /** Appends the char at i (a surrogate pair whole), escaped if a control char; the next index. */
  private static int appendEscaped(StringBuilder sb, String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
      sb.append(c).append(s.charAt(i + 1));
      return i + 2;
    }
    switch (c) {
      case '\n' -> sb.append("\\n");
      case '\r' -> sb.append("\\r");
      case '\t' -> sb.append("\\t");
      default -> {
        if (c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029') {
          sb.append(String.format("\\u%04x", (int) c));
        } else {
          sb.append(c);
        }
      }
    }
    return i + 1;
  }
}
