package io.logdex.transforms;

import io.logdex.format.index.Terms;
import io.logdex.format.index.Words;
import io.logdex.format.token.Tokenizer;
import io.logdex.io.snapshot.SnapshotRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Word terms and path bytes straight from a tokenizer's current token, shared by the walk over a
 * sub-document's own bytes ({@link SnapshotTerms.TokenWalk}) and the terms taken from the reader's
 * one pass ({@link SnapshotTokenTerms}), so both make the same bytes.
 */
final class SnapshotWords {
  private SnapshotWords() {}

  /** Receives word terms (the namespace byte first); term is reused after the call. */
  interface Sink {
    void word(byte[] term, int len) throws IOException;
  }

  private static final boolean[] WORD_CHAR = new boolean[128];
  private static final byte[] KEY_TAG = "!key(".getBytes(StandardCharsets.US_ASCII);

  static {
    // The word rule stays in Words; this only tabulates it for ASCII.
    for (int c = 0; c < 128; c++) WORD_CHAR[c] = Words.isWordCodePoint(c);
  }

  /**
   * Gives the words of the current ASCII string or literal straight from its bytes, built in word
   * (at least 1 + {@link Words#MAX_WORD_CODE_POINTS} long), and returns how many; -1 (having given
   * nothing) for text with escapes or other bytes, which takes {@link #text}.
   */
  static int ascii(Tokenizer t, boolean quoted, byte[] word, Sink out) throws IOException {
    if (quoted && t.hasEscapes()) return -1;
    byte[] b = t.rawBuffer();
    int s = t.rawStart();
    int e = s + (int) t.length();
    if (quoted) {
      s++;
      e--;
    }
    for (int i = s; i < e; i++) if (b[i] < 0) return -1;
    byte[] w = word;
    w[0] = Terms.WORD;
    int n = 0;
    int i = s;
    while (i < e) {
      int c = b[i];
      if (!WORD_CHAR[c]) {
        i++;
        continue;
      }
      int len = 1;
      do {
        if (len <= Words.MAX_WORD_CODE_POINTS) {
          w[len++] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        }
        i++;
      } while (i < e && WORD_CHAR[c = b[i]]);
      out.word(w, len);
      n++;
    }
    return n;
  }

  /** Gives the words of any text (see {@link Words}) and returns how many. */
  static int text(String text, Sink out) throws IOException {
    int[] n = new int[1];
    try {
      Words.forEach(text, w -> {
        n[0]++;
        try {
          byte[] term = Terms.word(w);
          out.word(term, term.length);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return n[0];
  }

  /**
   * Whether the current TAG is {@code !key(...)}: the elements of the array it tags are named by a
   * field that may come after each element starts, which one pass cannot do.
   */
  /**
   * Whether the record may hold a {@code !key(} tag: its bytes hold the tag's text anywhere (in a
   * string too, which only sends the record to the tree needlessly).
   */
  static boolean mayHoldKeyTag(SnapshotRecord r) {
    return r.holds(KEY_TAG);
  }

  static boolean isKeyTag(Tokenizer t) {
    if (!t.isMaterialized() || t.length() < KEY_TAG.length) return false;
    byte[] b = t.rawBuffer();
    int s = t.rawStart();
    return Arrays.equals(b, s, s + KEY_TAG.length, KEY_TAG, 0, KEY_TAG.length);
  }

  /**
   * Writes s[from, to) into b at p as UTF-8, exactly as String.getBytes does (an unpaired
   * surrogate becomes '?'); b must have 3 bytes a char of room. Returns the end.
   */
  static int encodeUtf8(CharSequence s, int from, int to, byte[] b, int p) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        b[p++] = (byte) c;
      } else if (c < 0x800) {
        b[p++] = (byte) (0xC0 | c >> 6);
        b[p++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isSurrogate(c)) {
        char d;
        if (Character.isHighSurrogate(c) && i + 1 < to
            && Character.isLowSurrogate(d = s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, d);
          b[p++] = (byte) (0xF0 | cp >> 18);
          b[p++] = (byte) (0x80 | (cp >> 12 & 0x3F));
          b[p++] = (byte) (0x80 | (cp >> 6 & 0x3F));
          b[p++] = (byte) (0x80 | (cp & 0x3F));
          i++;
        } else {
          b[p++] = '?';
        }
      } else {
        b[p++] = (byte) (0xE0 | c >> 12);
        b[p++] = (byte) (0x80 | (c >> 6 & 0x3F));
        b[p++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return p;
  }

  /**
   * A path term being built one segment at a time: the term bytes so far, and of the last segment
   * a hash and length for the repeated-key check (bytes when encoded, chars when only hashed).
   */
  static final class PathBytes {
    byte[] term = new byte[256];
    int curBytes;
    int segmentHash;
    int segmentLength;

    /** Appends s[from, to) at curBytes as UTF-8 and keeps the segment's hash. */
    void encode(CharSequence s, int from, int to) {
      int need = curBytes + 3 * (to - from);
      if (need > term.length) term = Arrays.copyOf(term, Math.max(need, term.length * 2));
      int p = encodeUtf8(s, from, to, term, curBytes);
      hash(s, from, to);
      segmentLength = p - curBytes;
      curBytes = p;
    }

    /** The hash encode keeps, of s[from, to), for a segment not encoded; its length in chars. */
    void hash(CharSequence s, int from, int to) {
      int h = 0;
      for (int i = from; i < to; i++) h = h * 31 + s.charAt(i);
      segmentHash = h;
      segmentLength = to - from;
    }
  }
}
