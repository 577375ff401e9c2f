package io.logdex.format;

/**
 * Long text shortened in the middle for one-line messages: a path a million levels deep or a query
 * of ten thousand parentheses keeps its start and its end, which are what a reader compares.
 */
public final class Excerpt {
  /** Longest text kept whole. */
  public static final int MAX_CHARS = 200;

  private Excerpt() {}

  /** s itself when short, else its first and last 90 chars around a note of what was left out. */
  public static String middle(String s) {
    if (s == null || s.length() <= MAX_CHARS) return s;
    int keep = 90;
    int head = keep;
    int tail = s.length() - keep;
    // Never cut a surrogate pair in half.
    if (Character.isHighSurrogate(s.charAt(head - 1))) head--;
    if (Character.isLowSurrogate(s.charAt(tail))) tail++;
    return s.substring(0, head) + "…(" + (tail - head) + " chars)…" + s.substring(tail);
  }
}
