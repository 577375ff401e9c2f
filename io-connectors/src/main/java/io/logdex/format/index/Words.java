package io.logdex.format.index;

import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The word rule, the one definition that indexing and query parsing share (see docs/FORMAT.md,
 * "Index files"): a word is a maximal run of code points that are Unicode letters (general
 * category L*), decimal digits (Nd) or {@code _}, as Java 17's {@link Character} classifies them.
 * A run is cut to its first {@value #MAX_WORD_CODE_POINTS} code points and then lowercased with
 * {@code String.toLowerCase(Locale.ROOT)}. Every run counts as one word, however long.
 */
public final class Words {
  private Words() {}

  public static final int MAX_WORD_CODE_POINTS = 128;

  private static final boolean[] ASCII_WORD = new boolean[128];

  static {
    for (int c = 0; c < 128; c++) {
      ASCII_WORD[c] = c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
  }

  /** Whether an ASCII char (below 0x80) is a word char: a letter, a digit or {@code _}. */
  static boolean isAsciiWordChar(char c) {
    return ASCII_WORD[c];
  }

  public static boolean isWordCodePoint(int cp) {
    if (cp < 128) return ASCII_WORD[cp];
    return Character.isLetter(cp) || Character.isDigit(cp);
  }

  /** Calls {@code sink} with each word of {@code text}, in order, duplicates included. */
  public static void forEach(CharSequence text, Consumer<String> sink) {
    int n = text.length();
    StringBuilder run = null;
    int i = 0;
    while (i < n) {
      int cp = codePointAt(text, i, n);
      int width = Character.charCount(cp);
      if (!isWordCodePoint(cp)) {
        i += width;
        continue;
      }
      if (run == null) run = new StringBuilder(32);
      else run.setLength(0);
      int kept = 0;
      while (true) {
        if (kept < MAX_WORD_CODE_POINTS) {
          run.appendCodePoint(cp);
          kept++;
        }
        i += width;
        if (i >= n) break;
        cp = codePointAt(text, i, n);
        width = Character.charCount(cp);
        if (!isWordCodePoint(cp)) break;
      }
      sink.accept(run.toString().toLowerCase(Locale.ROOT));
    }
  }

  /** Whether run occurs in words as consecutive elements (a phrase in a value's words). */
  public static boolean containsRun(List<String> words, List<String> run) {
    int n = words.size();
    int m = run.size();
    // Naive: the lists are one value's words and one query's phrase; repeated words stay right.
    for (int i = 0; i + m <= n; i++) {
      int j = 0;
      while (j < m && words.get(i + j).equals(run.get(j))) j++;
      if (j == m) return true;
    }
    return false;
  }

  /** The number of words {@link #forEach} would produce, without producing them. */
  public static int count(CharSequence text) {
    int n = text.length();
    int words = 0;
    boolean inWord = false;
    int i = 0;
    while (i < n) {
      int cp = codePointAt(text, i, n);
      boolean w = isWordCodePoint(cp);
      if (w && !inWord) words++;
      inWord = w;
      i += Character.charCount(cp);
    }
    return words;
  }

  /** An unpaired surrogate is its own (non-word) code point, as in Character.codePointAt. */
  private static int codePointAt(CharSequence s, int i, int n) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c) && i + 1 < n) {
      char d = s.charAt(i + 1);
      if (Character.isLowSurrogate(d)) return Character.toCodePoint(c, d);
    }
    return c;
  }
}
