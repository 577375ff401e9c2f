package io.logdex.format.token;

import static io.logdex.format.token.TokenKind.BEGIN_ARRAY;
import static io.logdex.format.token.TokenKind.BEGIN_OBJECT;
import static io.logdex.format.token.TokenKind.END_ARRAY;
import static io.logdex.format.token.TokenKind.END_OBJECT;
import static io.logdex.format.token.TokenKind.END_OF_INPUT;
import static io.logdex.format.token.TokenKind.FALSE;
import static io.logdex.format.token.TokenKind.FLOAT;
import static io.logdex.format.token.TokenKind.INTEGER;
import static io.logdex.format.token.TokenKind.KEY;
import static io.logdex.format.token.TokenKind.LITERAL;
import static io.logdex.format.token.TokenKind.NULL;
import static io.logdex.format.token.TokenKind.STRING;
import static io.logdex.format.token.TokenKind.TAG;
import static io.logdex.format.token.TokenKind.TRUE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import io.logdex.format.TruncatedInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the tokenizer accepts and refuses, token by token. */
class TokenizerSyntaxTest {
  static Tokenizer tok(String s) {
    return tok(s, TokenizerOptions.defaults());
  }

  static Tokenizer tok(String s, TokenizerOptions o) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return Tokenizer.fromBytes(b, 0, b.length, "test", o);
  }

  static List<TokenKind> kinds(String s) throws IOException {
    List<TokenKind> out = new ArrayList<>();
    Tokenizer t = tok(s);
    for (TokenKind k; (k = t.next()) != END_OF_INPUT; ) out.add(k);
    return out;
  }

  /** "KIND path text" for each token. */
  static List<String> summary(String s, TokenizerOptions o) throws IOException {
    List<String> out = new ArrayList<>();
    Tokenizer t = tok(s, o);
    for (TokenKind k; (k = t.next()) != END_OF_INPUT; ) {
      out.add(k + " " + t.path() + (k.isScalar() || k == KEY || k == TAG ? " " + t.text() : ""));
    }
    return out;
  }

  static List<String> summary(String s) throws IOException {
    return summary(s, TokenizerOptions.defaults());
  }

  static FormatException error(String s) {
    return assertThrows(FormatException.class, () -> kinds(s), s);
  }

  /**
   * A UTF-8 byte order mark at the file's start is skipped on every kind of input, even when a
   * stream hands it over a byte at a time; anywhere else it is content.
   */
  @Test
  void aByteOrderMarkAtTheStartIsSkippedWithOffsetsKept() throws IOException {
    byte[] plain = "{\"a\": [1, \"x\"]}".getBytes(StandardCharsets.UTF_8);
    byte[] marked = new byte[plain.length + 3];
    marked[0] = (byte) 0xef;
    marked[1] = (byte) 0xbb;
    marked[2] = (byte) 0xbf;
    System.arraycopy(plain, 0, marked, 3, plain.length);
    List<String> expected = new ArrayList<>();
    for (String line : Tokens.describeAll(Tokenizer.fromBytes(plain, 0, plain.length, "t", TokenizerOptions.defaults()))) {
      expected.add(shiftOffsets(line, 3));
    }
    assertEquals(expected, Tokens.describeAll(Tokenizer.fromBytes(marked, 0, marked.length, "t", TokenizerOptions.defaults())));
    for (long seed = 0; seed < 20; seed++) {
      assertEquals(expected, Tokens.describeAll(Tokenizer.fromStream(new ShortReadInputStream(marked, seed), "t",
          TokenizerOptions.defaults())), "seed " + seed);
    }
    // Not at offset 0 (a later split, or a second document): not skipped, so it is an error.
    assertThrows(FormatException.class,
        () -> Tokens.describeAll(Tokenizer.fromBytes(marked, 0, marked.length, 100, "t", TokenizerOptions.defaults())));
    // A lone prefix of the mark is not a mark.
    assertEquals(List.of(LITERAL), kinds("\u00ef"));
  }

  /** Adds delta to every off= and node= figure of a Tokens.describe line (columns stay). */
  private static String shiftOffsets(String line, long delta) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("(off|node)=(-?\\d+)").matcher(line);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      long v = Long.parseLong(m.group(2));
      m.appendReplacement(sb, m.group(1) + "=" + (v < 0 ? v : v + delta));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  @Test
  void json() throws IOException {
    assertEquals(
        List.of("BEGIN_OBJECT ", "KEY a a", "BEGIN_ARRAY a", "INTEGER a[0] 1", "FLOAT a[1] -2.5e+3",
            "STRING a[2] x", "TRUE a[3] true", "FALSE a[4] false", "NULL a[5] null", "END_ARRAY a",
            "KEY b b", "BEGIN_OBJECT b", "END_OBJECT b", "END_OBJECT "),
        summary("{\"a\": [1, -2.5e+3, \"x\", true, false, null], \"b\": {}}"));
  }

  @Test
  void commasAreOptionalAndMayTrail() throws IOException {
    List<TokenKind> three = List.of(BEGIN_ARRAY, INTEGER, INTEGER, INTEGER, END_ARRAY);
    assertEquals(three, kinds("[1 2 3]"));
    assertEquals(three, kinds("[1, 2, 3,]"));
    assertEquals(three, kinds("[1,2 3 ,]"));
    assertEquals(List.of(BEGIN_OBJECT, KEY, INTEGER, KEY, INTEGER, END_OBJECT),
        kinds("{a: 1 b: 2,}"));
    for (String bad : new String[] {"[,]", "{,}", "[1,,2]", "[,1]", "{a: 1,, b: 2}", "[1,,]"}) {
      assertTrue(error(bad).reason().contains("comma"), bad);
    }
  }

  @Test
  void keysWithoutValuesHoldImplicitNulls() throws IOException {
    for (String s : new String[] {"{a b}", "{a, b}", "{a,b,}", "{'a' \"b\"}"}) {
      Tokenizer t = tok(s);
      List<String> got = new ArrayList<>();
      for (TokenKind k; (k = t.next()) != END_OF_INPUT; ) {
        if (k == NULL) {
          assertTrue(t.isImplicit(), s);
          assertEquals(0, t.length());
          got.add("null@" + t.offset() + " " + t.path());
        }
      }
      int aEnd = s.charAt(1) == '\'' ? 4 : 2;
      assertEquals("null@" + aEnd + " a", got.get(0), s);
      assertEquals(2, got.size(), s);
    }
  }

  @Test
  void tagsStandBeforeValuesAndTagImplicitNulls() throws IOException {
    assertEquals(List.of("BEGIN_OBJECT ", "KEY items items", "TAG items !key(sku)",
            "BEGIN_ARRAY items", "TAG items[0] !insert", "BEGIN_OBJECT items[0]",
            "KEY items[0].sku sku", "STRING items[0].sku W-1", "END_OBJECT items[0]",
            "TAG items[1] !a.b", "NULL items[1] null", "END_ARRAY items", "END_OBJECT "),
        summary("{items: !key(sku) [!insert {sku: \"W-1\"}, !a.b]}"));
    Tokenizer t = tok("[!t, !u]");
    t.next();
    assertEquals(TAG, t.next());
    assertEquals(1, t.nodeOffset());
    assertEquals(NULL, t.next());
    assertTrue(t.isImplicit());
    assertEquals(3, t.offset());
    assertEquals(1, t.nodeOffset());
    assertEquals(List.of(TAG, NULL), kinds("!delete"));
    assertEquals(List.of(TAG, STRING), kinds("!t\"x\""));
    assertTrue(error("[!a !b 1]").reason().contains("only one tag"));
    assertTrue(error("{!a k: 1}").reason().contains("cannot stand before a key"));
    assertTrue(error("[!]").reason().contains("name"));
    assertTrue(error("[!a!b]").reason().contains("after a tag"));
    assertThrows(TruncatedInputException.class, () -> kinds("[!key(sku"));
  }

  @Test
  void literals() throws IOException {
    assertEquals(List.of("BEGIN_ARRAY ", "LITERAL [0] s3://bucket", "LITERAL [1] a:b",
            "LITERAL [2] C#", "LITERAL [3] é日", "LITERAL [4] .5", "LITERAL [5] truex",
            "TRUE [6] true", "END_ARRAY "),
        summary("[s3://bucket a:b C# é日 .5 truex true]"));
    assertEquals(List.of("BEGIN_OBJECT ", "KEY a a", "LITERAL a b", "END_OBJECT "),
        summary("{a: b}"));
    // As in YAML flow style, a ':' glued to the next byte does not separate key and value.
    assertEquals(List.of("BEGIN_OBJECT ", "KEY \"a:1\" a:1", "NULL \"a:1\" null", "END_OBJECT "),
        summary("{a:1}"));
    assertEquals(List.of("BEGIN_OBJECT ", "KEY a a", "BEGIN_ARRAY a", "INTEGER a[0] 1",
        "END_ARRAY a", "END_OBJECT "), summary("{a:[1]}"));
    assertTrue(error("[-abc]").reason().contains("'-'"));
    assertTrue(error("[a: 1]").reason().contains("expected a value"));
  }

  @Test
  void keysAndTheirPaths() throws IOException {
    Tokenizer t = tok("{13: a, 0: b, 4294967295: c, 4294967296: d, -1: e, 1.5: f, \"13\": g,"
        + " true: h, 'x y': i, \"\": j, é: k}");
    List<String> got = new ArrayList<>();
    for (TokenKind k; (k = t.next()) != END_OF_INPUT; ) {
      if (k == KEY) got.add(t.path() + "|" + t.keyIsSparse() + "|" + t.keyIndex() + "|" + t.text());
    }
    assertEquals(List.of("{13}|true|13|13", "{0}|true|0|0", "{4294967295}|true|4294967295|4294967295",
        "\"4294967296\"|false|-1|4294967296", "\"-1\"|false|-1|-1", "\"1.5\"|false|-1|1.5",
        "\"13\"|false|-1|13", "\"true\"|false|-1|true", "\"x y\"|false|-1|x y", "\"\"|false|-1|",
        "é|false|-1|é"), got);
    assertTrue(error("{[1]: 2}").reason().contains("key"));
    assertTrue(error("{: 2}").reason().contains("missing key"));
    assertTrue(error("{-a: 2}").reason().contains("'-'"));
  }

  @Test
  void escapedKeysAreDecodedInPathsAndText() throws IOException {
    Tokenizer t = tok("{\"a\\\"b\": {'c\\'d\\u00e9\\ud83d\\ude00': 1}}");
    t.next();
    t.next();
    assertEquals("a\"b", t.text());
    assertTrue(t.hasEscapes());
    assertTrue(t.textEquals("a\"b"));
    assertEquals("'a\"b'", t.path());
    t.next();
    t.next();
    assertEquals("c'dé\ud83d\ude00", t.text());
    assertEquals("'a\"b'.\"c'dé\ud83d\ude00\"", t.path());
  }

  @Test
  void strings() throws IOException {
    Tokenizer t = tok("[\"[{]}\\\\\", 'say \"hi\"', \"\\\"\\/\\b\\f\\n\\r\\t\\u0041\\ud83d\\ude00\","
        + " \"\\udc00\", \"é日\", 'it\\'s', \"\"]");
    t.next();
    String[] expected = {"[{]}\\", "say \"hi\"", "\"/\b\f\n\r\tA\ud83d\ude00", "\udc00", "é日",
        "it's", ""};
    for (String e : expected) {
      assertEquals(STRING, t.next());
      assertEquals(e, t.text());
      assertTrue(t.textEquals(e));
      assertFalse(t.textEquals(e + "x"));
    }
    assertEquals(END_ARRAY, t.next());
    // Raw bytes are the token as written, quotes included.
    t = tok("[\"é\"]");
    t.next();
    t.next();
    assertEquals("\"é\"", new String(t.rawBuffer(), t.rawStart(), (int) t.length(),
        StandardCharsets.UTF_8));
    assertTrue(error("[\"a\\x\"]").reason().contains("bad escape"));
    assertTrue(error("[\"a\\'\"]").reason().contains("bad escape"));
    assertTrue(error("[\"\\u12g4\"]").reason().contains("hex"));
    assertTrue(error("[\"a\tb\"]").reason().contains("control character"));
    assertTrue(error("[\"a\nb\"]").reason().contains("control character"));
  }

  @Test
  void numbers() throws IOException {
    String huge = "-" + "9".repeat(1000) + ".5e-" + "1".repeat(50);
    assertEquals(List.of("BEGIN_ARRAY ", "INTEGER [0] 0", "INTEGER [1] -0", "FLOAT [2] 0.0",
            "FLOAT [3] 1E+2", "FLOAT [4] 1e-2", "INTEGER [5] 123456789012345678901234567890",
            "FLOAT [6] " + huge, "END_ARRAY "),
        summary("[0 -0 0.0 1E+2, 1e-2 123456789012345678901234567890 " + huge + "]"));
    for (String bad : new String[] {"[01]", "[1.]", "[1.e3]", "[1e]", "[1e+]", "[-]", "[1a]",
        "[2024-01-01]", "[1.5.5]", "[- 1]"}) {
      FormatException e = error(bad);
      assertFalse(e instanceof TruncatedInputException, bad);
    }
    assertEquals(List.of(INTEGER), kinds("12"));
    assertEquals(List.of(BEGIN_OBJECT, KEY, INTEGER, END_OBJECT), kinds("{1:2}"));
  }

  @Test
  void commentsRunToTheEndOfTheLine() throws IOException {
    assertEquals(List.of(BEGIN_OBJECT, KEY, INTEGER, KEY, BEGIN_ARRAY, END_ARRAY, END_OBJECT),
        kinds("# head [\n{ # after {\n a: # after :\n 1 # ] } \" '\n, b: [ # in\n ] # x\n}#\n"));
    assertEquals(List.of(LITERAL), kinds("a#b # c"));
    assertEquals(List.of("LITERAL  a#b"), summary("a#b # c")); // empty path, then the text
  }

  @Test
  void linesAndColumnsCountBytesAfterLf() throws IOException {
    Tokenizer t = tok("{\r\n  \"é\": \r\n [1,\n\t2]}");
    List<String> got = new ArrayList<>();
    for (TokenKind k; (k = t.next()) != END_OF_INPUT; ) got.add(k + "@" + t.line() + ":" + t.column());
    assertEquals(List.of("BEGIN_OBJECT@1:1", "KEY@2:3", "BEGIN_ARRAY@3:2", "INTEGER@3:3",
        "INTEGER@4:2", "END_ARRAY@4:3", "END_OBJECT@4:4"), got);
    // An implicit null is on its key's line, however far the next token is.
    t = tok("{a\n\n}");
    t.next();
    t.next();
    assertEquals(NULL, t.next());
    assertEquals(1, t.line());
    assertEquals(3, t.column());
  }

  @Test
  void indentationIsSkippedWithLinesCounted() throws IOException {
    String indent = " ".repeat(37);
    Tokenizer t = tok("[\n" + indent + "1,\n" + indent + "\t 2,\n" + " ".repeat(8) + "\n  3]");
    List<String> got = new ArrayList<>();
    for (TokenKind k; (k = t.next()) != END_OF_INPUT; ) got.add(k + "@" + t.line() + ":" + t.column());
    assertEquals(List.of("BEGIN_ARRAY@1:1", "INTEGER@2:38", "INTEGER@3:40", "INTEGER@5:3",
        "END_ARRAY@5:4"), got);
  }

  @Test
  void controlCharactersOutsideStringsAreErrors() {
    assertTrue(error("[1,\u0001 2]").reason().contains("control character"));
    assertTrue(error("[\u007f]").reason().contains("0x7f"));
  }

  @Test
  void blockTonyIsRefusedByName() {
    for (String s : new String[] {"key: value\n", "define:\n  users:\n    id: 1\n", "- item\n",
        "---\na: 1\n", "|\n  text\n", ">-\n  folded\n", "\"quoted key\": 1\n",
        "# comment\nschema: !tovalue.file auto-id-schema.tony\n"}) {
      FormatException e = assertThrows(FormatException.class, () -> tok(s).next(), s);
      assertTrue(e.reason().contains("block (indented) Tony"), s + " -> " + e.getMessage());
    }
    // A mapping found only after the first value is still refused, in either mode.
    for (DocumentMode m : DocumentMode.values()) {
      FormatException e = assertThrows(FormatException.class,
          () -> summary("{a: 1}: 2", TokenizerOptions.defaults().withDocuments(m)));
      assertTrue(e.reason().contains("block (indented) Tony"));
    }
  }

  @Test
  void mismatchedBrackets() {
    FormatException e = error("{\"a\": [1}");
    assertTrue(e.reason().contains("does not close the array opened at offset 6"), e.reason());
    assertEquals(8, e.offset());
    assertTrue(error("[1]]").reason().contains("outside any container"));
    assertTrue(error("}").reason().contains("outside any container"));
  }
}
