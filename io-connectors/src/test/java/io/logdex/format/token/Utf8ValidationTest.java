package io.logdex.format.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import io.logdex.format.TruncatedInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Invalid UTF-8 is an error in both syntaxes, at the first byte of the bad sequence, wherever the
 * buffer's edges fall: every case is read with every buffer size from 1 to past the document, so
 * each sequence straddles a refill at each of its bytes.
 */
class Utf8ValidationTest {
  /** Bad sequences (hex) and what the error says. */
  static final String[][] INVALID = {
    {"80", "continuation byte without a lead"},
    {"bf", "continuation byte without a lead"},
    {"c0af", "overlong"},
    {"c180", "overlong"},
    {"e08080", "overlong"},
    {"e09fbf", "overlong"},
    {"f08080af", "overlong"},
    {"f08fbfbf", "overlong"},
    {"eda080", "surrogate"},
    {"edbfbf", "surrogate"},
    {"f4908080", "above U+10FFFF"},
    {"f5808080", "never occurs"},
    {"ff", "never occurs"},
    {"fe", "never occurs"},
    {"c3", "without its continuation"},
    {"c328", "without its continuation"},
    {"e282", "without its continuation"},
    {"e28228", "without its continuation"},
    {"f09f98", "without its continuation"},
    {"f09f9828", "without its continuation"},
  };

  /** Valid sequences at the edges of each range. */
  static final String[] VALID = {
    "c280", "dfbf", "e0a080", "e0bfbf", "e18080", "ecbfbf", "ed8080", "ed9fbf", "ee8080", "efbfbf",
    "f0908080", "f0bfbfbf", "f1808080", "f3bfbfbf", "f4808080", "f48fbfbf",
  };

  static byte[] doc(String prefix, byte[] seq, String suffix) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.writeBytes(prefix.getBytes(StandardCharsets.UTF_8));
    o.writeBytes(seq);
    o.writeBytes(suffix.getBytes(StandardCharsets.UTF_8));
    return o.toByteArray();
  }

  static void readAll(byte[] b, TokenizerOptions o) throws IOException {
    Tokenizer t = Tokenizer.fromStream(new ByteArrayInputStream(b), "t", o);
    while (t.next() != TokenKind.END_OF_INPUT) {}
  }

  /** Where a bad sequence may stand: JSON string value and key; in Tony also literal, tag, comment. */
  static final String[][] PLACES = {
    {"JSON", "{\"key\": \"ab", "cd\"}"},
    {"JSON", "{\"ab", "\": 1}"},
    {"JSON", "[\"x\", \"", "\"]"},
    {"TONY", "{key: 'ab", "cd'}"},
    {"TONY", "[ab", "cd]"},
    {"TONY", "{k", "k: 1}"},
    {"TONY", "[!t", "g 1]"},
    {"TONY", "[1, # c", "\n 2]"},
  };

  @Test
  void invalidSequencesAreErrorsAtTheirOffsetAcrossEveryBufferEdge() throws IOException {
    for (String[] place : PLACES) {
      TokenizerOptions base = TokenizerOptions.defaults().withSyntax(Syntax.valueOf(place[0]));
      for (String[] bad : INVALID) {
        byte[] seq = HexFormat.of().parseHex(bad[0]);
        byte[] b = doc(place[1], seq, place[2]);
        int at = place[1].getBytes(StandardCharsets.UTF_8).length;
        for (int buffer = 1; buffer <= b.length + 1; buffer++) {
          String what = place[0] + " " + new String(b, StandardCharsets.ISO_8859_1) + " " + bad[0]
              + " buffer " + buffer;
          TokenizerOptions o = base.withBufferSize(buffer);
          FormatException e = assertThrows(FormatException.class, () -> readAll(b, o), what);
          assertEquals(at, e.offset(), what + ": " + e.getMessage());
          assertTrue(e.reason().startsWith("invalid UTF-8: "), what + ": " + e.getMessage());
          assertTrue(e.reason().contains(bad[1]), what + ": " + e.getMessage());
        }
      }
      for (String good : VALID) {
        byte[] b = doc(place[1], HexFormat.of().parseHex(good), place[2]);
        for (int buffer = 1; buffer <= b.length + 1; buffer++) readAll(b, base.withBufferSize(buffer));
      }
    }
  }

  @Test
  void aSequenceCutByTheEndOfInputIsTruncated() {
    String[][] cases = {{"JSON", "\"ab"}, {"TONY", "[ab"}, {"TONY", "'ab"}, {"TONY", "ab"}};
    for (String[] c : cases) {
      truncatedAfter(c[0], c[1]);
    }
  }

  private static void truncatedAfter(String syntax, String prefix) {
    for (String cut : new String[] {"c3", "e282", "f09f98"}) {
      byte[] b = doc(prefix, HexFormat.of().parseHex(cut), "");
      for (int buffer = 1; buffer <= b.length + 1; buffer++) {
        TokenizerOptions o = TokenizerOptions.defaults().withSyntax(Syntax.valueOf(syntax))
            .withBufferSize(buffer);
        FormatException e = assertThrows(TruncatedInputException.class, () -> readAll(b, o));
        assertTrue(e.reason().contains("invalid UTF-8"), e.getMessage());
      }
    }
  }

  @Test
  void textIsNeverReplaced() throws IOException {
    // A valid 4-byte character survives a refill inside it and decodes exactly.
    byte[] b = doc("[\"a", HexFormat.of().parseHex("f09f9880"), "b\"]");
    for (int buffer = 1; buffer < b.length; buffer++) {
      Tokenizer t = Tokenizer.fromStream(new ByteArrayInputStream(b), "t",
          TokenizerOptions.defaults().withSyntax(Syntax.JSON).withBufferSize(buffer));
      t.next();
      t.next();
      assertEquals("a\ud83d\ude00b", t.text());
    }
  }

  @Test
  void longStringsAreCheckedPastTheTokenCap() {
    // Over maxTokenBytes a string is scanned without being kept; its UTF-8 is still checked.
    byte[] b = doc("[\"" + "x".repeat(100), HexFormat.of().parseHex("eda080"), "\"]");
    TokenizerOptions o = TokenizerOptions.defaults().withSyntax(Syntax.JSON).withMaxTokenBytes(16)
        .withBufferSize(7);
    FormatException e = assertThrows(FormatException.class, () -> readAll(b, o));
    assertEquals(102, e.offset());
  }
}
