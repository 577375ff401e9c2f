package io.logdex.format.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Syntax.JSON against Syntax.TONY on the same bytes: JSON refuses what only Tony allows. */
class StrictJsonTest {
  static final TokenizerOptions JSON = TokenizerOptions.defaults().withSyntax(Syntax.JSON);
  static final TokenizerOptions TONY = TokenizerOptions.defaults();

  static List<String> tokens(String s, TokenizerOptions o) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return Tokens.all(Tokenizer.fromBytes(b, 0, b.length, "t", o));
  }

  static FormatException jsonError(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return assertThrows(FormatException.class, () -> {
      Tokenizer t = Tokenizer.fromBytes(b, 0, b.length, "t", JSON);
      while (t.next() != TokenKind.END_OF_INPUT) {}
    }, s);
  }

  /** Each of these is Tony, read without complaint, and not JSON; offset is where JSON stops. */
  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "{\"a\": active}                | 6  | 'active'",
    "[abc]                          | 1  | 'abc'",
    "{\"a\": 'b'}                   | 6  | single-quoted",
    "['b']                          | 1  | single-quoted",
    "[1, 2,]                        | 6  | trailing comma",
    "{\"a\": 1,}                    | 8  | trailing comma",
    "[1 2]                          | 3  | expected ','",
    "{\"a\": 1 \"b\": 2}            | 8  | expected ','",
    "[1, # note\\n 2]               | 4  | a comment",
    "# note\\n[1]                   | 0  | a comment",
    "{\"a\": 1} # note              | 9  | more than one",
    "{\"a\":/*comment*/\"b\"}       | 5  | a comment",
    "[1, /* c */ 2]                 | 4  | a comment",
    "{\"a\" \"b\"}                  | 5  | expected ':'",
    "{\"a\", \"b\"}                 | 4  | expected ':'",
    "{a: 1}                         | 1  | double-quoted key",
    "{'a': 1}                       | 1  | double-quoted key",
    "{1: 2}                         | 1  | double-quoted key",
    "[!insert 1]                    | 1  | a tag",
    "!tag {}                        | 0  | a tag",
    "[+1]                           | 1  | a number must start",
    "[.5]                           | 1  | a number must start",
    "[NaN]                          | 1  | 'NaN'",
    "[Infinity]                     | 1  | 'Infinity'",
    "[truex]                        | 1  | 'truex'",
    "[True]                         | 1  | 'True'",
    "[nul]                          | 1  | 'nul'",
  })
  void tonyOnlySyntaxIsNotJson(String line, long offset, String why) {
    String doc = line.replace("\\n", "\n");
    List<String> tony = tokens(doc, TONY);
    assertTrue(tony.get(tony.size() - 1).startsWith("END_OF_INPUT"), "Tony reads " + doc + ": " + tony);
    FormatException e = jsonError(doc);
    assertEquals(offset, e.offset(), e.getMessage());
    assertTrue(e.reason().contains(why), e.getMessage());
  }

  /** Refused by both grammars; JSON must not become more lenient than Tony anywhere. */
  @ParameterizedTest
  @ValueSource(strings = {
    "[01]", "[-01]", "[1.]", "[1e]", "[1e+]", "[0x10]", "[1.5.3]", "[--1]", "[,]", "[1,,2]",
    "{\"a\":}", "[\"a\u0001\"]", "[\"\\x41\"]", "[\"\\'\"]", "{\"a\":1]", "[1}", "[\"abc", "[-Infinity]",
  })
  void errorsInBoth(String doc) {
    jsonError(doc);
    byte[] b = doc.getBytes(StandardCharsets.UTF_8);
    if (!doc.equals("[\"\\'\"]")) { // \' is an escape only Tony's '...' strings have
      assertThrows(FormatException.class, () -> {
        Tokenizer t = Tokenizer.fromBytes(b, 0, b.length, "t", TONY);
        while (t.next() != TokenKind.END_OF_INPUT) {}
      }, doc);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "{}", "[]", "0", "-0", "1.0", "-1.5e+10", "1E-3", "10873903663032719337",
    "123456789012345678901234567890", "\"\"", "\"a\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00\"",
    "true", "false", "null", " \t\r\n[ 1 , 2 ] \r\n", "{\"a\":{\"b\":[1,{\"c\":null}]}}",
    "{\"a\":1,\"a\":2}", "[\"\u007f\"]", "\"caf\u00e9 \ud83d\ude00\"",
  })
  void validJsonReadsTheSameInBoth(String doc) {
    List<String> json = tokens(doc, JSON);
    assertTrue(json.get(json.size() - 1).startsWith("END_OF_INPUT"), doc + ": " + json);
    assertEquals(tokens(doc, TONY), json, doc);
  }

  @Test
  void numbersKeepTheirLexeme() throws IOException {
    for (String n : List.of("10873903663032719337", "-0", "1.0", "1e400", "-1.50E+07")) {
      byte[] b = ("[" + n + "]").getBytes(StandardCharsets.UTF_8);
      Tokenizer t = Tokenizer.fromBytes(b, 0, b.length, "t", JSON);
      t.next();
      t.next();
      assertEquals(n, t.text());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n\t \r\n", "\ufeff"})
  void anEmptyJsonInputHasNoValue(String doc) throws IOException {
    FormatException e = jsonError(doc);
    assertTrue(e.reason().startsWith("no value"), e.getMessage());
    byte[] b = doc.getBytes(StandardCharsets.UTF_8);
    assertEquals(TokenKind.END_OF_INPUT, Tokenizer.fromBytes(b, 0, b.length, "t", TONY).next());
    // A stream of documents (JSONL) may hold none.
    assertEquals(TokenKind.END_OF_INPUT, Tokenizer.fromBytes(b, 0, b.length, "t",
        JSON.withDocuments(DocumentMode.STREAM)).next());
  }

  @Test
  void duplicateKeysAreValidJsonSyntax() throws IOException {
    assertEquals(tokens("{\"a\":1,\"a\":2}", TONY), tokens("{\"a\":1,\"a\":2}", JSON));
  }

  @Test
  void jsonStreamsAreValuesSeparatedByWhitespace() throws IOException {
    byte[] b = "{\"a\":1}\n{\"a\":2}\n[3]\n".getBytes(StandardCharsets.UTF_8);
    Tokenizer t = Tokenizer.fromStream(new ByteArrayInputStream(b), "t",
        JSON.withDocuments(DocumentMode.STREAM));
    int values = 0;
    for (TokenKind k; (k = t.next()) != TokenKind.END_OF_INPUT; ) if (t.depth() == 0 && k.startsValue()) values++;
    assertEquals(3, values);
  }

  @Test
  void errorsNameLineColumnAndPath() {
    FormatException e = jsonError("{\"a\": {\n  \"b\": [1, 2,]\n}}");
    assertEquals(2, e.line());
    assertEquals(14, e.column()); // the ']' after the trailing comma
    assertEquals("a.b[1]", e.path()); // after the last element
  }
}
