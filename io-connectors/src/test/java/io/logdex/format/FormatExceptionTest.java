package io.logdex.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FormatExceptionTest {
  @Test
  void aDeepPathIsElidedInTheMiddleOfTheMessageButKeptWhole() {
    String path = "[0]".repeat(100_000) + "[7]";
    FormatException e = new FormatException("bad byte", "f.json", 5, 1, 6, path);
    String m = e.getMessage();
    assertTrue(m.length() < 400, m);
    assertTrue(m.startsWith("f.json: offset 5, line 1, column 6, path \"[0][0]"), m);
    assertTrue(m.endsWith("[0][7]\": bad byte"), m);
    assertTrue(m.contains("...(" + (path.length() - 200) + " chars)..."), m);
    assertEquals(path, e.path());
  }

  @Test
  void shortPathsStayWholeAndNoSurrogatePairIsCut() {
    assertEquals("a.b", Excerpt.middle("a.b", 200));
    for (int at = 95; at < 305; at++) {
      String p = "x".repeat(at) + "\uD83D\uDE00" + "y".repeat(400 - at);
      String e = Excerpt.middle(p, 200);
      for (int i = 0; i < e.length(); i++) {
        char c = e.charAt(i);
        if (Character.isHighSurrogate(c)) assertTrue(Character.isLowSurrogate(e.charAt(++i)), e);
        else assertTrue(!Character.isLowSurrogate(c), e);
      }
    }
  }

  @Test
  void oneLineEscapesLineBreaksAndControlCharacters() {
    assertEquals("a\\nb\\tc\\u0001\\u2028d", Excerpt.oneLine("a\nb\tc\u0001\u2028d", 200));
    assertEquals("plain", Excerpt.oneLine("plain", 200));
    for (String long_ : new String[] {"x\n".repeat(1000), "\u0000".repeat(500), "\uD83D\uDE00\n".repeat(300)}) {
      String e = Excerpt.oneLine(long_, 200);
      assertTrue(e.length() < 200 + 30 && e.indexOf('\n') < 0 && e.contains(" chars)..."), e);
    }
    assertEquals("\\u0000".repeat(33), Excerpt.oneLine("\u0000".repeat(33), 200)); // 198 fits
  }
}
