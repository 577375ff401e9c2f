package io.logdex.format.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** TreeParser.parseJson: the strict reader other code uses for files that must be JSON. */
class TreeParserJsonTest {
  private static Node json(String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return TreeParser.parseJson(b, 0, b.length, "m.json");
  }

  private static FormatException refused(String s) {
    return assertThrows(FormatException.class, () -> json(s), s);
  }

  @Test
  void readsJsonKeepingNumberLexemes() throws IOException {
    Node n = json("{\"v\": 2, \"n\": [10873903663032719337, -0, 1.0, 1e400], \"s\": \"caf\\u00e9\"}");
    assertEquals(Node.integer("10873903663032719337"), n.get("n").child(0));
    assertEquals(Node.integer("-0"), n.get("n").child(1));
    assertEquals(Node.floating("1.0"), n.get("n").child(2));
    assertEquals(Node.floating("1e400"), n.get("n").child(3));
    assertEquals("café", n.get("s").text());
    byte[] b = "[true]".getBytes(StandardCharsets.UTF_8);
    assertEquals(Node.array(Node.TRUE), TreeParser.parseJson(new ByteArrayInputStream(b), "s"));
  }

  @Test
  void refusesWhatIsNotOneJsonValue() {
    assertTrue(refused("").reason().startsWith("no value"));
    assertTrue(refused("{v: 2}").reason().contains("double-quoted key"));
    assertTrue(refused("{\"v\": 2,}").reason().contains("trailing comma"));
    assertTrue(refused("{\"v\": 2} # written by logdex").reason().contains("more than one"));
    assertTrue(refused("{\"v\": 2} {}").reason().contains("more than one"));
    assertTrue(refused("{\"v\": 1, \"v\": 2}").reason().contains("duplicate key v"));
    FormatException e = refused("{\n  \"v\": [1,]\n}");
    assertEquals("m.json", e.source());
    assertEquals(2, e.line());
    assertEquals("v[0]", e.path());
    byte[] bad = {'[', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', ']'};
    FormatException u = assertThrows(FormatException.class,
        () -> TreeParser.parseJson(bad, 0, bad.length, "m.json"));
    assertEquals(2, u.offset());
    assertTrue(u.reason().contains("surrogate"), u.getMessage());
  }
}
