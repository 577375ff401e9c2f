package io.logdex.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ElideTest {
  private static final Pattern ELIDED = Pattern.compile("(?s)(.*)\u2026\\((\\d+) bytes\\)\u2026(.*)");

  private static int utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void shortStringsAreThemselves() {
    String s = "a".repeat(240);
    assertSame(s, Elide.middle(s, 240));
    assertEquals("", Elide.middle("", 240));
    assertEquals(null, Elide.middle(null, 240));
  }

  /** Model: head + cut bytes + tail is the original, both ends fit half the budget, no split character. */
  @Test
  void elidedKeepsBothEndsAndCountsTheCutBytes() {
    Random rnd = new Random(7);
    String[] alphabet = {"a", "[0]", "\u00e9", "\u20ac", "\ud83d\ude00", "."};
    for (int round = 0; round < 500; round++) {
      StringBuilder sb = new StringBuilder();
      int n = rnd.nextInt(400);
      for (int i = 0; i < n; i++) sb.append(alphabet[rnd.nextInt(alphabet.length)]);
      String s = sb.toString();
      int max = 8 + rnd.nextInt(240);
      String e = Elide.middle(s, max);
      Matcher m = ELIDED.matcher(e);
      if (!m.matches()) {
        assertEquals(s, e);
        continue;
      }
      String head = m.group(1);
      String tail = m.group(3);
      assertTrue(utf8(head) <= max / 2 && utf8(tail) <= max / 2, e);
      assertTrue(s.startsWith(head) && s.endsWith(tail), e);
      assertEquals(utf8(s), utf8(head) + Long.parseLong(m.group(2)) + utf8(tail), e);
      assertFalse(Character.isLowSurrogate(tail.isEmpty() ? 'x' : tail.charAt(0)), e);
    }
  }

  @Test
  void aMillionStepPathBecomesTwoHundredAndFortyBytes() {
    String path = "[0]".repeat(1_000_000);
    String e = Elide.middle(path);
    assertEquals("[0]".repeat(40) + "\u2026(2999760 bytes)\u2026" + "[0]".repeat(40), e);
  }

  @Test
  void oneLineEscapesLineBreaksAndControls() {
    assertEquals("a\\nb\\r\\tc\\u0001", Elide.oneLine("a\nb\r\tc\u0001"));
    String plain = "no breaks here";
    assertSame(plain, Elide.oneLine(plain));
  }

  @Test
  void formatExceptionMessageIsOneShortLineButKeepsTheWholePath() {
    String path = "a.".repeat(500_000) + "b";
    FormatException e = new FormatException("bad\nvalue " + "x".repeat(5000), "in\nput.json", 7, 2, 3, path);
    String m = e.getMessage();
    assertFalse(m.contains("\n"), m);
    assertTrue(m.startsWith("in\\nput.json: offset 7, line 2, column 3, path \"a.a."), m);
    assertTrue(utf8(m) < 2000, "message of " + utf8(m) + " bytes");
    assertTrue(m.contains("bytes)\u2026"), m);
    assertEquals(path, e.path());
    assertTrue(e.reason().startsWith("bad\nvalue"));
  }
}
