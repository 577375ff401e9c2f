package io.logdex.format.encode;

import java.util.ArrayDeque;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test oracle: a strict RFC 8259 recognizer, independent of the Tony tokenizer (which accepts far
 * more), so that a bare key or literal leaking into JSON output fails. Iterative, for deep input.
 */
final class StrictJson {
  private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

  private StrictJson() {}

  /** Throws AssertionError unless s is exactly one JSON value with optional surrounding whitespace. */
  static void check(String s) {
    new StrictJson.Scan(s).document();
  }

  private static final class Scan {
    private final String s;
    private int i;
    private final ArrayDeque<Character> open = new ArrayDeque<>();

    Scan(String s) {
      this.s = s;
    }

    private boolean needValue;

    void document() {
      needValue = true;
      for (;;) {
        ws();
        if (needValue) {
          needValue = false;
          startValue();
          continue;
        }
        if (open.isEmpty()) break;
        char c = next();
        if (c == ',') {
          ws();
          if (open.peek() == '{') key();
          needValue = true;
        } else if (c == '}' && open.peek() == '{' || c == ']' && open.peek() == '[') {
          open.pop();
        } else {
          fail("expected , or close");
        }
      }
      if (i != s.length()) fail("content after the value");
    }

    /** A scalar, an empty container, or the opening of one (with the first key, for objects). */
    private void startValue() {
      char c = peek();
      if (c == '{' || c == '[') {
        i++;
        ws();
        if (peek() == (c == '{' ? '}' : ']')) {
          i++;
          return;
        }
        open.push(c);
        if (c == '{') key();
        needValue = true;
      } else if (c == '"') {
        string();
      } else if (s.startsWith("true", i)) {
        i += 4;
      } else if (s.startsWith("false", i)) {
        i += 5;
      } else if (s.startsWith("null", i)) {
        i += 4;
      } else {
        Matcher m = NUMBER.matcher(s).region(i, s.length());
        if (!m.lookingAt()) fail("not a JSON value");
        i = m.end();
      }
    }

    private void key() {
      if (peek() != '"') fail("a key must be a string");
      string();
      ws();
      if (next() != ':') fail("expected :");
    }

    private void string() {
      i++;
      for (;;) {
        char c = next();
        if (c == '"') return;
        if (c < 0x20) fail("raw control char in a string");
        if (c == '\\') {
          char e = next();
          if (e == 'u') {
            for (int k = 0; k < 4; k++) {
              if (Character.digit(next(), 16) < 0) fail("bad \\u escape");
            }
          } else if ("\"\\/bfnrt".indexOf(e) < 0) {
            fail("bad escape");
          }
        }
      }
    }

    private void ws() {
      while (i < s.length() && " \t\n\r".indexOf(s.charAt(i)) >= 0) i++;
    }

    private char peek() {
      if (i >= s.length()) fail("unexpected end");
      return s.charAt(i);
    }

    private char next() {
      char c = peek();
      i++;
      return c;
    }

    private void fail(String why) {
      int from = Math.max(0, i - 20);
      throw new AssertionError("not strict JSON at char " + i + ": " + why + " near '"
          + s.substring(from, Math.min(s.length(), i + 20)) + "'");
    }
  }
}
