package io.logdex.format.token;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A reused tokenizer ({@link Tokenizer#reuse}) reports every token, offset, line, path and error
 * exactly as a new one over the same bytes, whatever the previous document left behind: an error,
 * a deep stack, a half-read document, a byte order mark.
 */
class TokenizerReuseTest {
  private static final String[] LINES = {
    "{\"op\":\"GET\",\"bytes\":12,\"file\":\"a/b\"}",
    "[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]",
    "{\"a\":{\"b\":{\"c\":[1,2,{\"d\":\"e\\u00e9\\n\"}]}}}",
    "{\"unterminated\":\"abc",
    "{\"a\":1,}",
    "\ufeff{\"bom\":true}",
    "{\"k\\\"ey\":null, \"x\": [true, false, -1.5e3]}",
    "",
    "   ",
    "{\"a\":1} {\"b\":2}",
    "{\"deep\":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "\"just a string\"",
    "{\"bad utf8\":\"\u00ff\"}",
    "{a: 1, b: [x y], !tag c: 'q'}",
    "{{1}: sparse, 2: x}",
  };

  @Test
  void reusedMatchesFreshOnAdversarialLines() {
    for (TokenizerOptions options : new TokenizerOptions[] {StrictJsonTest.JSON, StrictJsonTest.TONY}) {
      List<byte[]> docs = new ArrayList<>();
      for (String l : LINES) docs.add(l.getBytes(StandardCharsets.UTF_8));
      docs.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xc3, '"', '}'}); // truncated UTF-8
      compare(docs, options, 7);
    }
  }

  @Test
  void reusedMatchesFreshOnRandomDocuments() {
    for (long seed = 1; seed <= 40; seed++) {
      List<byte[]> docs = new ArrayList<>();
      RandomDocuments gen = new RandomDocuments(seed, seed % 3 != 0);
      Random cut = new Random(seed);
      for (int i = 0; i < 12; i++) {
        byte[] b = gen.document(4).bytes();
        // Every third document cut short, so the next one follows a failed or unfinished one.
        if (i % 3 == 2 && b.length > 1) b = java.util.Arrays.copyOf(b, 1 + cut.nextInt(b.length - 1));
        docs.add(b);
      }
      compare(docs, StrictJsonTest.TONY, seed);
    }
  }

  /** Each document at offsets 0 and later, in a larger array at an offset, fresh against reused. */
  private static void compare(List<byte[]> docs, TokenizerOptions options, long seed) {
    Random r = new Random(seed);
    Tokenizer reused = null;
    long base = 0;
    for (byte[] doc : docs) {
      int pad = r.nextInt(4);
      byte[] in = new byte[pad + doc.length + r.nextInt(4)];
      System.arraycopy(doc, 0, in, pad, doc.length);
      List<String> fresh = Tokens.all(Tokenizer.fromBytes(in, pad, doc.length, base, "t", options));
      if (reused == null) {
        reused = Tokenizer.fromBytes(in, pad, doc.length, base, "t", options);
      } else {
        reused.reuse(in, pad, doc.length, base);
      }
      assertEquals(fresh, Tokens.all(reused), "document at " + base + ": " + new String(doc, StandardCharsets.UTF_8));
      // Half of the time the next document starts before this one ended (JSONL lines are offsets).
      base = r.nextBoolean() ? 0 : base + doc.length + 1;
    }
  }
}
