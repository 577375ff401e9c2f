package io.logdex.format;

/**
 * Keeps error messages to one readable line. A kinded path inside a 1M-deep document is megabytes
 * long, and a raw record can hold newlines; printed whole, either turns "one line on stderr" into
 * a wall of text. Both ends of a path are what locate it (where it starts, and the step that
 * broke), so the middle is what goes.
 */
public final class Elide {
  /** Bytes kept of a path, source or excerpt in a message: 120 from each end. */
  public static final int DEFAULT_MAX_BYTES = 240;

  private static final String MARK = "\u2026";

  private Elide() {}

  /** {@link #middle(String, int)} with {@link #DEFAULT_MAX_BYTES}. */
  public static String middle(String s) {
    return middle(s, DEFAULT_MAX_BYTES);
  }

  /**
   * s itself when its UTF-8 form is at most maxBytes; otherwise its first and last maxBytes/2
   * bytes (never splitting a character) with {@code …(N bytes)…} in place of the N bytes between.
   */
  public static String middle(String s, int maxBytes) {
    if (s == null) return null;
    if (s.length() <= maxBytes / 3) return s; // at most 3 UTF-8 bytes per char: short for sure
    int half = maxBytes / 2;
    int head = 0; // chars kept at the front
    int headBytes = 0;
    while (head < s.length()) {
      int cp = s.codePointAt(head);
      int b = utf8Length(cp);
      if (headBytes + b > half) break;
      headBytes += b;
      head += Character.charCount(cp);
    }
    int tail = s.length(); // first char kept at the back
    int tailBytes = 0;
    while (tail > head) {
      int cp = s.codePointBefore(tail);
      int b = utf8Length(cp);
      if (tailBytes + b > half) break;
      tailBytes += b;
      tail -= Character.charCount(cp);
    }
    if (tail == head) return s; // the whole string fits in the two ends
    long cut = 0;
    for (int i = head; i < tail; ) {
      int cp = s.codePointAt(i);
      cut += utf8Length(cp);
      i += Character.charCount(cp);
    }
    return s.substring(0, head) + MARK + "(" + cut + " bytes)" + MARK + s.substring(tail);
  }

  /**
   * s on one line: line breaks and other control characters become escapes ({@code \n},
   * {@code \r}, {@code \t}, {@code \u0000}), so a raw record quoted in a message cannot start a
   * line of its own on stderr.
   */
  public static String oneLine(String s) {
    if (s == null) return null;
    int i = 0;
    while (i < s.length() && !isControl(s.charAt(i))) i++;
    if (i == s.length()) return s;
    StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (isControl(c)) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    return sb.toString();
  }

  /** Both: one line, then elided in the middle. */
  public static String forMessage(String s, int maxBytes) {
    return middle(oneLine(s), maxBytes);
  }

  private static boolean isControl(char c) {
    return c < 0x20 || c == 0x7f || c == '\u2028' || c == '\u2029';
  }

  private static int utf8Length(int cp) {
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
}
