package io.logdex.format.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.logdex.testing.FuzzRules;
import java.nio.charset.StandardCharsets;

/**
 * Arbitrary text (the input's bytes as UTF-8) as a kinded path (docs/TESTING.md). The only
 * documented failure is {@link MalformedPathException}, one line naming an offset inside the
 * text; a path that parses has one canonical spelling that parses back to it.
 */
class KindedPathFuzzTest {
  @FuzzTest(maxDuration = "5m")
  void parse(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    KindedPath p;
    try {
      p = KindedPath.parse(text);
    } catch (MalformedPathException e) {
      String m = e.getMessage();
      assertTrue(e.offset() >= 0 && e.offset() <= text.length(), m);
      FuzzRules.checkOneLine(m, e);
      return;
    }
    String canonical = p.toString();
    KindedPath again = KindedPath.parse(canonical);
    assertEquals(p, again, () -> "canonical spelling " + canonical + " parses to " + again);
    assertEquals(canonical, again.toString());
    assertEquals(0, p.compareTo(again));
    assertTrue(p.depth() <= text.length(), "more segments than characters");
    if (!p.isRoot()) {
      assertEquals(p, p.parent().child(p.lastSegment()));
      assertTrue(p.parent().compareTo(p) < 0, "a prefix sorts first");
    }
  }
}
