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

  /** {@link #middle}, with line breaks and other control characters escaped as in JSON. */
  public static String oneLine(String s, int max) {
    String m = middle(s, max);
    StringBuilder sb = null;
    for (int i = 0; i < m.length(); i++) {
      char c = m.charAt(i);
      boolean control = c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029';
      if (!control) {
        if (sb != null) sb.append(c);
        continue;
      }
      if (sb == null) sb = new StringBuilder(m.length() + 16).append(m, 0, i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(String.format("\\u%04x", (int) c));
      }
    }
    return sb == null ? m : sb.toString();
  }
}
