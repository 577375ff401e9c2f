package io.logdex.format.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exact bytes of each output format, and misuse of the event API. */
class EncoderFormsTest {
  private static final Node SAMPLE =
      Node.objectBuilder()
          .put("name", Node.string("a\"b\\c\n\t\u0001é€😀"))
          .put("two words", Node.integer(-12))
          .put("items", Node.array(Node.floating("1.5e-3"), Node.TRUE, Node.NULL, Node.literal("active")))
          .put("diff", Node.object(
              List.of(NodeKey.sparse(0), NodeKey.sparse(13)),
              List.of(Node.integer(1).withTag("!delete"), Node.emptyObject())))
          .put("e", Node.array())
          .build()
          .withTag("!key(sku)");

  @Test
  void wireForm() {
    assertEquals(
        "!key(sku) {name: \"a\\\"b\\\\c\\n\\t\\u0001é€😀\", \"two words\": -12,"
            + " items: [1.5e-3, true, null, active], diff: {0: !delete 1, 13: {}}, e: []}",
        Encoder.toWireString(SAMPLE));
  }

  @Test
  void compactJson() {
    assertEquals(
        "{\"name\":\"a\\\"b\\\\c\\n\\t\\u0001é€😀\",\"two words\":-12,"
            + "\"items\":[1.5e-3,true,null,\"active\"],\"diff\":{\"0\":1,\"13\":{}},\"e\":[]}",
        Encoder.toJsonString(SAMPLE));
  }

  @Test
  void prettyJson() {
    String expected =
        "{\n"
            + "  \"name\": \"a\\\"b\\\\c\\n\\t\\u0001é€😀\",\n"
            + "  \"two words\": -12,\n"
            + "  \"items\": [\n"
            + "    1.5e-3,\n"
            + "    true,\n"
            + "    null,\n"
            + "    \"active\"\n"
            + "  ],\n"
            + "  \"diff\": {\n"
            + "    \"0\": 1,\n"
            + "    \"13\": {}\n"
            + "  },\n"
            + "  \"e\": []\n"
            + "}\n";
    assertEquals(expected, new String(Encoder.encode(SAMPLE, OutputFormat.JSON_PRETTY), StandardCharsets.UTF_8));
  }

  @Test
  void droppedTagsAreCounted() throws IOException {
    Encoder e = new Encoder(new ByteArrayOutputStream(), OutputFormat.JSON);
    e.node(SAMPLE);
    assertEquals(2, e.droppedTags());
    Encoder w = new Encoder(new ByteArrayOutputStream(), OutputFormat.WIRE);
    w.node(SAMPLE);
    assertEquals(0, w.droppedTags());
  }

  @Test
  void keysQuotedOnlyWhenABareKeyWouldReadDifferently() {
    String[] bare = {"a", "camelCase", "snake_case", "a-b", "a.b", "a/b", "x1", "é", "key(sku)", "$x", "_"};
    String[] quoted = {
      "", "1", "1a", "-a", "!a", "true", "false", "null", "a b", "a:b", "a,b", "a#b", "[a", "a]",
      "{", "a}", "\"a", "'a", "a\\b", "a\tb", "\u00a0", "a\u2028", "\ud800", "+1", ".5", "~", "*", "&a"
    };
    for (String k : bare) {
      assertEquals("{" + k + ": 1}", Encoder.toWireString(obj(k)), k);
    }
    for (String k : quoted) {
      assertTrue(Encoder.toWireString(obj(k)).startsWith("{\""), k);
    }
    assertEquals("{\"\\ud800\": 1}", Encoder.toWireString(obj("\ud800")));
  }

  private static Node obj(String key) {
    return Node.objectBuilder().put(key, Node.integer(1)).build();
  }

  @Test
  void stringsEscapeExactlyTheJsonSet() {
    StringBuilder all = new StringBuilder();
    for (char c = 0; c < 0x80; c++) all.append(c);
    String w = Encoder.toWireString(Node.string(all.toString()));
    assertEquals(
        "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f"
            + "\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b"
            + "\\u001c\\u001d\\u001e\\u001f !\\\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
            + "[\\\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u007f\"",
        w);
    // Unpaired surrogates have no UTF-8 form; they are escaped so that they survive a round trip.
    assertEquals("\"\\udc00x\\ud83d\"", Encoder.toWireString(Node.string("\udc00x\ud83d")));
  }

  @Test
  void utf8IsWrittenByHand() {
    String s = "aé\u07ff\u0800€\uffff😀\udbff\udfff";
    byte[] b = Encoder.encode(Node.string(s), OutputFormat.WIRE);
    assertArrayEquals(("\"" + s + "\"\n").getBytes(StandardCharsets.UTF_8), b);
  }

  @Test
  void longStringsCrossTheBuffer() throws IOException {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 5000; i++) sb.append(i % 7 == 0 ? "é\n" : "ab😀");
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    Encoder e = new Encoder(bos, OutputFormat.WIRE, 64);
    e.string(sb.toString());
    e.flush();
    assertEquals(Encoder.toWireString(Node.string(sb.toString())) + "\n", bos.toString(StandardCharsets.UTF_8));
    assertEquals(bos.size(), e.offset());
  }

  @Test
  void documentsAreLines() throws IOException {
    for (OutputFormat f : OutputFormat.values()) {
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      Encoder e = new Encoder(bos, f);
      e.node(Node.integer(1));
      e.beginObject();
      e.fieldKey("a");
      e.nul();
      e.endObject();
      e.string("x");
      e.close();
      String expected =
          f == OutputFormat.WIRE ? "1\n{a: null}\n\"x\"\n"
              : f == OutputFormat.JSON ? "1\n{\"a\":null}\n\"x\"\n"
              : "1\n{\n  \"a\": null\n}\n\"x\"\n";
      assertEquals(expected, bos.toString(StandardCharsets.UTF_8), f.name());
      assertEquals(3, e.documentCount());
    }
  }

  @Test
  void numbersAndLiteralsAreChecked() throws IOException {
    Encoder e = new Encoder(new ByteArrayOutputStream(), OutputFormat.WIRE);
    for (String bad : new String[] {"", "-", "01", "1.0", "1 ", "+1", "1,2"}) {
      assertThrows(IllegalArgumentException.class, () -> e.integer(bad), bad);
    }
    for (String bad : new String[] {"", "1", "1.", ".5", "1e", "1.5x", "01.5", "-.5"}) {
      assertThrows(IllegalArgumentException.class, () -> e.floating(bad), bad);
    }
    for (String bad : new String[] {"true", "1x", "a b", "-a", "", "a,b", "#a", "a:", "a: b", "a:,", "!a", "a\ud800", "\u007f"}) {
      assertThrows(IllegalArgumentException.class, () -> e.literal(bad), bad);
    }
    for (String bad : new String[] {"insert", "!", "!a b", "!a(b", "!a(b\u0001)", "!a(x)y", "!a:b", "!(x)", "!a\ud800"}) {
      assertThrows(IllegalArgumentException.class, () -> e.tag(bad), bad);
    }
    // Nothing was written for the refused values, and the encoder is still usable.
    assertEquals(0, e.offset());
    e.integer("-0");
    e.floating("-0.0E+10");
    assertEquals(2, e.documentCount());
  }

  @Test
  void integersFromLongs() throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    Encoder e = new Encoder(bos, OutputFormat.WIRE, 64);
    long[] values = {0, -1, 1, 9, 10, -10, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, 1L << 40};
    StringBuilder expected = new StringBuilder();
    for (long v : values) {
      e.integer(v);
      expected.append(v).append('\n');
    }
    e.flush();
    assertEquals(expected.toString(), bos.toString(StandardCharsets.UTF_8));
  }

  @Test
  void jsonRefusesSparseKeysBesideDigitFields() throws IOException {
    Node mixed = Node.object(List.of(NodeKey.sparse(1), NodeKey.field("1")), List.of(Node.TRUE, Node.FALSE));
    assertEquals("{1: true, \"1\": false}", Encoder.toWireString(mixed));
    assertThrows(IllegalArgumentException.class, () -> Encoder.toJsonString(mixed));
    // Digit fields alone, sparse keys alone, and the two in different objects are fine.
    Node apart = Node.array(
        Node.object(List.of(NodeKey.sparse(1)), List.of(Node.TRUE)),
        Node.object(List.of(NodeKey.field("1")), List.of(Node.TRUE)));
    assertEquals("[{\"1\":true},{\"1\":true}]", Encoder.toJsonString(apart));
    // A misplaced key is a misuse and does not count towards the check.
    Encoder e = new Encoder(new ByteArrayOutputStream(), OutputFormat.JSON);
    e.beginObject();
    e.sparseKey(2);
    assertThrows(IllegalStateException.class, () -> e.fieldKey("3"));
    e.nul();
    e.sparseKey(4);
  }

  @Test
  void misuseIsAnIllegalState() throws IOException {
    Encoder e = new Encoder(new ByteArrayOutputStream(), OutputFormat.WIRE);
    assertThrows(IllegalStateException.class, e::endObject);
    assertThrows(IllegalStateException.class, () -> e.fieldKey("a"));
    e.beginObject();
    assertThrows(IllegalStateException.class, () -> e.string("v"));
    assertThrows(IllegalStateException.class, () -> e.tag("!t"));
    assertThrows(IllegalStateException.class, e::endArray);
    e.fieldKey("a");
    assertThrows(IllegalStateException.class, () -> e.fieldKey("b"));
    assertThrows(IllegalStateException.class, e::endObject);
    e.tag("!t");
    assertThrows(IllegalStateException.class, () -> e.tag("!u"));
    assertThrows(IllegalStateException.class, e::endObject);
    e.beginArray();
    assertThrows(IllegalStateException.class, () -> e.sparseKey(1));
    assertThrows(IllegalStateException.class, e::endObject);
    e.endArray();
    assertThrows(IllegalArgumentException.class, () -> e.sparseKey(-1));
    assertThrows(IllegalArgumentException.class, () -> e.sparseKey(1L << 32));
    assertThrows(IllegalStateException.class, () -> e.setListener(null));
    assertThrows(IllegalStateException.class, e::close);
    assertThrows(IllegalStateException.class, e::nul);
  }

  @Test
  void deepNodesDoNotOverflow() {
    Node n = Node.integer(7);
    for (int i = 0; i < 10_000; i++) {
      n = i % 2 == 0 ? Node.array(n) : Node.objectBuilder().put("k", n).build();
    }
    String w = Encoder.toWireString(n);
    assertEquals(5000 * 2 + 5000 * 5 + 1, w.length());
    assertTrue(w.startsWith("{k: [{k: ["));
    assertTrue(w.endsWith("]}]}"));
    assertTrue(w.contains("[{k: [7]}]}"));
    String json = Encoder.toJsonString(n);
    assertEquals(5000 * 2 + 5000 * 6 + 1, json.length()); // {"k": and } per object
  }
}
