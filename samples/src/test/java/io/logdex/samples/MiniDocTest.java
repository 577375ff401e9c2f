package io.logdex.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The validator the other tests rely on must reject what is not JSON or not the wire subset. */
class MiniDocTest {

  @Test
  void rejectsInvalidJson() {
    String[] bad = {
      "", "{", "{\"a\":1,}", "[1,]", "[,]", "{\"a\" 1}", "{a:1}", "'x'", "01", "1.", ".5", "-", "1e", "NaN",
      "[1 2]", "\"\u0001\"", "\"\\x\"", "\"abc", "{\"a\":1,\"a\":2}", "truth", "[1]]", "{} {}", "nul"
    };
    for (String s : bad) {
      assertThrows(MiniDoc.ParseError.class, () -> MiniDoc.parse(s, MiniDoc.Mode.JSON), s);
    }
    byte[] invalidUtf8 = {'"', (byte) 0xC3, '"'};
    assertThrows(MiniDoc.ParseError.class, () -> MiniDoc.parse(invalidUtf8, MiniDoc.Mode.JSON));
  }

  @Test
  void acceptsJsonAndDecodesEscapes() {
    Object v = MiniDoc.parse("{\"a\": [1, -2.50, 1e3, true, false, null], \"b\\n\": \"\\u00fc\\\"\\/\"}",
        MiniDoc.Mode.JSON);
    Map<?, ?> m = (Map<?, ?>) v;
    List<?> a = (List<?>) m.get("a");
    assertEquals(1L, a.get(0));
    assertEquals(new java.math.BigDecimal("-2.50"), a.get(1));
    assertEquals(MiniDoc.NULL, a.get(5));
    assertEquals("ü\"/", m.get("b\n"));
  }

  @Test
  void wireSubset() {
    Object v = MiniDoc.parse("{a: !key(name) [{name: \"x\"}], 13: 1, \"q r\": {0: null}}\n", MiniDoc.Mode.TONY);
    Map<?, ?> m = (Map<?, ?>) v;
    assertEquals(new MiniDoc.Tagged("!key(name)", List.of(Map.of("name", "x"))), m.get("a"));
    assertEquals(1L, m.get("13"));
    String[] bad = {"{a: 1}\n{b: 2}", "{null: 1}", "{-a: 1}", "{a: !x}", "{a: !insert1}", "{01: 1}", "{a 1}",
      "{a: 1 b: 2}", "{4294967296: 1}"};
    for (String s : bad) {
      assertThrows(MiniDoc.ParseError.class, () -> MiniDoc.parse(s, MiniDoc.Mode.TONY), s);
    }
    assertThrows(MiniDoc.ParseError.class,
        () -> MiniDoc.parseLines("{\"a\": 1}".getBytes(StandardCharsets.UTF_8), MiniDoc.Mode.JSON));
  }
}
