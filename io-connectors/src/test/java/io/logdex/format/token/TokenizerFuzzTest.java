package io.logdex.format.token;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.logdex.format.FormatException;
import io.logdex.format.encode.Encoder;
import io.logdex.format.encode.OutputFormat;
import io.logdex.format.encode.Transcoder;
import io.logdex.testing.FuzzRules;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Arbitrary bytes through the tokenizer. Under plain {@code mvn test} this replays the seed corpus
 * in {@code TokenizerFuzzTestInputs/tokenize}; {@code dev/fuzz TokenizerFuzzTest} fuzzes it
 * (docs/TESTING.md).
 *
 * <p>Each input is read in every syntax of {@link #SYNTAXES}, once in place with the defaults
 * and once as a stream of documents through a 7-byte buffer with a 16-byte token cap (so buffer
 * edges fall inside tokens and long tokens take the unmaterialised path). Both reads must agree
 * token by token, fail only with a FormatException, and report offsets inside the input. An input
 * that reads cleanly must survive the canonical round trip: wire bytes re-read to the same wire
 * bytes.
 */
class TokenizerFuzzTest {
  /**
   * The syntaxes fuzzed. The strict-JSON option joins as one more entry when it lands, e.g.
   * {@code TokenizerOptions.defaults().withStrictJson(true)}; everything below takes it as it is.
   */
  static final List<TokenizerOptions> SYNTAXES =
      List.of(TokenizerOptions.defaults(), TokenizerOptions.defaults().withSyntax(Syntax.JSON));

  private static final String SOURCE = "fuzz.json";

  @FuzzTest(maxDuration = "5m")
  void tokenize(byte[] input) throws IOException {
    for (TokenizerOptions syntax : SYNTAXES) {
      List<String> whole = read(input, syntax);
      TokenizerOptions streamed = syntax.withDocuments(DocumentMode.STREAM);
      List<String> stream = read(input, streamed);
      List<String> small = read(input, streamed.withBufferSize(7));
      assertSameTokens(stream, small);
      read(input, streamed.withBufferSize(7).withMaxTokenBytes(16));
      if (isClean(whole)) roundTrip(input, syntax);
      if (isClean(stream)) roundTrip(input, streamed);
    }
  }

  /**
   * The buffer size may decide only whether a token comes out before an error that lookahead can
   * see early (a top-level scalar followed by a ':' of block Tony); tokens and errors are the same.
   */
  private static void assertSameTokens(List<String> a, List<String> b) {
    assertEquals(a.get(a.size() - 1), b.get(b.size() - 1), "a 7-byte buffer changes the ending");
    if (a.size() != b.size()) {
      assertTrue(!isClean(a), "a 7-byte buffer changes the tokens of a clean input");
      int n = Math.min(a.size(), b.size()) - 1;
      assertEquals(a.subList(0, n), b.subList(0, n), "a 7-byte buffer changes the tokens");
      assertTrue(Math.abs(a.size() - b.size()) == 1, "more than one token of lookahead");
    } else {
      assertEquals(a, b, "a 7-byte buffer changes the tokens");
    }
  }

  private static boolean isClean(List<String> tokens) {
    return tokens.get(tokens.size() - 1).startsWith("END_OF_INPUT");
  }

  /** Every token described, then END_OF_INPUT or the error's offset and reason. */
  private static List<String> read(byte[] input, TokenizerOptions o) {
    List<String> out = new ArrayList<>();
    Tokenizer t = Tokenizer.fromStream(
        new java.io.ByteArrayInputStream(input), SOURCE, o);
    long lastOffset = 0;
    // Every token but an implicit null consumes a byte, and each of those follows a key or tag.
    long budget = 2L * input.length + 2;
    try {
      for (;;) {
        TokenKind k = t.next();
        if (k == TokenKind.END_OF_INPUT) {
          out.add("END_OF_INPUT");
          return out;
        }
        assertTrue(--budget >= 0, "more tokens than the input can hold");
        long off = t.offset();
        assertTrue(off >= lastOffset && off + t.length() <= input.length,
            () -> k + " at [" + off + ", +" + t.length() + ") outside the input");
        lastOffset = off;
        out.add(Tokens.describe(t));
      }
    } catch (FormatException e) {
      FuzzRules.checkMessage(SOURCE, e);
      assertTrue(e.offset() >= 0 && e.offset() <= input.length, e.getMessage());
      out.add("error at " + e.offset() + ": " + e.reason());
      return out;
    } catch (IOException e) {
      throw new AssertionError("bad bytes must fail as a FormatException, not " + e, e);
    }
  }

  /** Canonical wire form is a fixed point: encode(read(encode(x))) == encode(x). */
  private static void roundTrip(byte[] input, TokenizerOptions o) throws IOException {
    byte[] once;
    try {
      once = wire(input, o);
    } catch (FormatException e) {
      FuzzRules.checkMessage(SOURCE, e); // a value the wire form cannot hold as it was read
      return;
    }
    // The wire form is Tony whatever the input's syntax was: it is re-read as Tony.
    byte[] twice = wire(once, o.withSyntax(Syntax.TONY).withDocuments(DocumentMode.STREAM));
    assertArrayEquals(once, twice, () -> "wire form is not canonical: " + new String(once,
        java.nio.charset.StandardCharsets.UTF_8));
  }

  private static byte[] wire(byte[] input, TokenizerOptions o) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Encoder e = new Encoder(out, OutputFormat.WIRE)) {
      Transcoder.copy(Tokenizer.fromBytes(input, 0, input.length, SOURCE, o), e);
    }
    return out.toByteArray();
  }
}
