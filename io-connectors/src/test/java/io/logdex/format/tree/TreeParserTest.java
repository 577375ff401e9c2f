package io.logdex.format.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import io.logdex.format.TruncatedInputException;
import io.logdex.format.token.DocumentMode;
import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.token.TokenizerOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class TreeParserTest {
  private static Tokenizer tok(String s, DocumentMode mode) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return Tokenizer.fromBytes(b, 0, b.length, "t",
        TokenizerOptions.defaults().withDocuments(mode));
  }

  @Test
  void keepsLexemesTagsLiteralsAndSparseKeys() throws IOException {
    Node expected = Node.objectBuilder()
        .put("n", Node.array(Node.integer("-0"), Node.floating("1.50"), Node.floating("1e400"),
            Node.integer("123456789012345678901234567890")))
        .put(NodeKey.sparse(13), Node.literal("s3://bucket").withTag("!insert"))
        .put("13", Node.string("field, not index"))
        .put("items", Node.array(Node.objectBuilder().put("sku", Node.string("W-1")).build())
            .withTag("!key(sku)"))
        .put("gone", Node.NULL.withTag("!delete"))
        .put("a", Node.NULL)
        .put("b", Node.bool(true))
        .build();
    String tony = "{n: [-0 1.50 1e400 123456789012345678901234567890], 13: !insert s3://bucket,"
        + " '13': \"field, not index\", items: !key(sku) [{sku: 'W-1'}], gone: !delete, a, b: true}";
    assertEquals(expected, TreeParser.parse(tony));
    assertEquals(expected, TreeParser.parse(new ByteArrayInputStream(
        tony.getBytes(StandardCharsets.UTF_8)), "stream"));
  }

  @Test
  void duplicateKeysNameTheirPath() {
    FormatException e = assertThrows(FormatException.class,
        () -> TreeParser.parse("{\"a\": {\"b\": 1, \"b\": 2}}"));
    assertEquals("a.b", e.path());
    assertEquals(15, e.offset());
    assertTrue(e.reason().contains("duplicate key"));
    StringBuilder many = new StringBuilder("{");
    for (int i = 0; i < 20; i++) many.append("k").append(i).append(": ").append(i).append(", ");
    many.append("k7: 0}");
    assertEquals("k7", assertThrows(FormatException.class,
        () -> TreeParser.parse(many.toString())).path());
    assertEquals("{1}", assertThrows(FormatException.class,
        () -> TreeParser.parse("{1: a, 1: b}")).path());
    // A field "1" and the sparse index 1 are different keys.
    assertEquals(2, assertDoesNotThrow("{'1': a, 1: b}").size());
  }

  private static Node assertDoesNotThrow(String s) {
    try {
      return TreeParser.parse(s);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void tenThousandLevels() throws IOException {
    int n = 10_000;
    Node tree = TreeParser.parse("[".repeat(n) + "{\"a\": !t 1}" + "]".repeat(n));
    Node x = tree;
    for (int i = 0; i < n; i++) {
      assertEquals(1, x.size());
      x = x.child(0);
    }
    assertEquals(Node.integer("1").withTag("!t"), x.get("a"));
    Node objects = TreeParser.parse("{\"k\": ".repeat(n) + "null" + "}".repeat(n));
    assertEquals(objects, TreeParser.parse("{k: ".repeat(n) + "null" + "}".repeat(n)));
  }

  @Test
  void parseValueReadsOneValueFromTheNextToken() throws IOException {
    Tokenizer t = tok("{\"a\": {\"x\": [1, 2]}, \"b\": !t 3, \"c\": 4}", DocumentMode.SINGLE);
    assertEquals(TokenKind.BEGIN_OBJECT, t.next());
    assertEquals(TokenKind.KEY, t.next());
    Node a = TreeParser.parseValue(t);
    assertEquals(TreeParser.parse("{x: [1 2]}"), a);
    assertEquals(TokenKind.END_OBJECT, t.current(), "left on the value's last token");
    assertEquals(TokenKind.KEY, t.next());
    assertEquals(Node.integer("3").withTag("!t"), TreeParser.parse(t));
    assertEquals(TokenKind.KEY, t.next());
    assertEquals("c", t.text());
    assertEquals(TokenKind.INTEGER, t.next());
    assertEquals(Node.integer("4"), TreeParser.parseCurrent(t));
    assertEquals(TokenKind.END_OBJECT, t.next());
    assertThrows(IllegalStateException.class, () -> TreeParser.parseCurrent(t));
    assertEquals(Node.array(), TreeParser.parseValue(tok("[]", DocumentMode.SINGLE)));
    assertThrows(FormatException.class, () -> TreeParser.parseValue(endAfterBegin()));
  }

  private static Tokenizer endAfterBegin() throws IOException {
    Tokenizer t = tok("[]", DocumentMode.SINGLE);
    t.next();
    return t; // the next token is END_ARRAY, which starts no value
  }

  @Test
  void documentsOfAStream() throws IOException {
    Tokenizer t = tok("{\"a\":1}\n[2]\n# c\n'x'\n!t\n", DocumentMode.STREAM);
    Iterator<Node> it = TreeParser.documents(t);
    assertEquals(List.of(TreeParser.parse("{a: 1}"), TreeParser.parse("[2]"), Node.string("x"),
        Node.NULL.withTag("!t")), List.of(it.next(), it.next(), it.next(), it.next()));
    assertFalse(it.hasNext());
    assertNull(TreeParser.nextDocument(tok("  # nothing\n", DocumentMode.STREAM)));

    Iterator<Node> bad = TreeParser.documents(tok("{\"a\":1}\n{\"a\": ]}\n", DocumentMode.STREAM));
    bad.next();
    UncheckedIOException e = assertThrows(UncheckedIOException.class, bad::hasNext);
    assertInstanceOf(FormatException.class, e.getCause());
  }

  @Test
  void singleDocumentRules() {
    assertInstanceOf(TruncatedInputException.class,
        assertThrows(FormatException.class, () -> TreeParser.parse("")));
    assertInstanceOf(TruncatedInputException.class,
        assertThrows(FormatException.class, () -> TreeParser.parse("  # just a comment\n")));
    assertInstanceOf(TruncatedInputException.class,
        assertThrows(FormatException.class, () -> TreeParser.parse("{\"a\": [1, 2")));
    FormatException two = assertThrows(FormatException.class, () -> TreeParser.parse("{} {}"));
    assertTrue(two.reason().contains("more than one document"));
  }

  @Test
  void aScalarOverTheCapFailsWithItsOffset() {
    byte[] b = ("[\"short\", \"" + "x".repeat(100) + "\"]").getBytes(StandardCharsets.UTF_8);
    Tokenizer t = Tokenizer.fromBytes(b, 0, b.length, "cap",
        TokenizerOptions.defaults().withMaxTokenBytes(50));
    FormatException e = assertThrows(FormatException.class, () -> TreeParser.parseValue(t));
    assertEquals(10, e.offset());
    assertEquals("[1]", e.path());
  }
}
