package io.logdex.format.token;

import static io.logdex.format.token.TokenKind.BEGIN_ARRAY;
import static io.logdex.format.token.TokenKind.BEGIN_OBJECT;
import static io.logdex.format.token.TokenKind.END_ARRAY;
import static io.logdex.format.token.TokenKind.END_OBJECT;
import static io.logdex.format.token.TokenKind.END_OF_INPUT;
import static io.logdex.format.token.TokenKind.INTEGER;
import static io.logdex.format.token.TokenKind.KEY;
import static io.logdex.format.token.TokenKind.STRING;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import io.logdex.format.TruncatedInputException;
import io.logdex.format.tree.TreeParser;
import io.logdex.testing.ByteArrayChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Huge and deep input, truncation, error locations, modes and offsets. */
class TokenizerLimitsTest {
  private static final TokenizerOptions STREAM =
      TokenizerOptions.defaults().withDocuments(DocumentMode.STREAM);

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Collects what the large-token consumer receives. */
  private static final class Collector implements LargeTokenConsumer {
    final MessageDigest digest;
    long begin = -1;
    long received;
    long endLength = -1;
    TokenKind endKind;
    int calls;

    Collector() throws Exception {
      digest = MessageDigest.getInstance("SHA-256");
    }

    @Override
    public void begin(long offset) {
      assertEquals(-1, begin, "one token at a time");
      begin = offset;
    }

    @Override
    public void bytes(byte[] b, int off, int len) {
      digest.update(b, off, len);
      received += len;
      calls++;
    }

    @Override
    public void end(TokenKind kind, long length) {
      endKind = kind;
      endLength = length;
    }
  }

  @Test
  void aFiveMegabyteStringIsScannedInBoundedMemory() throws Exception {
    // Escapes every few hundred bytes, so that some straddle the points where bytes are handed on.
    StringBuilder big = new StringBuilder("\"");
    while (big.length() < 5_000_000) big.append("abcdefghij".repeat(37)).append("\\u00e9\\\"é");
    big.append('"');
    String prefix = "{\"big\": ";
    byte[] doc = utf8(prefix + big + ", \"after\": 1}");
    byte[] raw = utf8(big.toString());
    TokenizerOptions o = TokenizerOptions.defaults().withBufferSize(4096).withMaxTokenBytes(1 << 20);

    Tokenizer t = Tokenizer.fromStream(new ShortReadInputStream(doc, 1), "big.json", o);
    Collector c = new Collector();
    t.setLargeTokenConsumer(c);
    assertEquals(BEGIN_OBJECT, t.next());
    assertEquals(KEY, t.next());
    assertEquals(STRING, t.next());
    assertFalse(t.isMaterialized());
    assertEquals(prefix.length(), t.offset());
    assertEquals(raw.length, t.length());
    assertEquals("big", t.path());
    FormatException e = assertThrows(FormatException.class, t::text);
    assertEquals(prefix.length(), e.offset());
    assertTrue(e.getMessage().contains(Long.toString(raw.length)), e.getMessage());
    assertTrue(e.getMessage().contains("maxTokenBytes (1048576)"), e.getMessage());
    assertTrue(e.getMessage().contains("big.json"), e.getMessage());
    assertFalse(t.textEquals("x"));
    // The consumer saw exactly the raw token, in many chunks.
    assertEquals(prefix.length(), c.begin);
    assertEquals(raw.length, c.received);
    assertEquals(raw.length, c.endLength);
    assertEquals(STRING, c.endKind);
    assertTrue(c.calls > 10);
    assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(raw), c.digest.digest());
    // The buffer never held the token.
    assertTrue(t.bufferCapacity() <= (1 << 20) + 4096, "buffer " + t.bufferCapacity());
    assertEquals(KEY, t.next());
    assertEquals("after", t.text());
    assertEquals(INTEGER, t.next());
    assertEquals(END_OBJECT, t.next());
    assertEquals(END_OF_INPUT, t.next());
  }

  @Test
  void overTheCapMeansTheSameWhereverTheBytesLie() throws Exception {
    byte[] doc = utf8("[\"" + "x".repeat(3000) + "\", " + "9".repeat(3000) + ", "
        + "w".repeat(3000) + ", \"" + "y".repeat(999) + "\", 1.5]");
    TokenizerOptions o = TokenizerOptions.defaults().withMaxTokenBytes(1001);
    List<String> inPlace = Tokens.all(Tokenizer.fromBytes(doc, 0, doc.length, "d", o));
    assertTrue(inPlace.get(1).contains("<not materialized>"));
    assertTrue(inPlace.get(2).startsWith("INTEGER") && inPlace.get(2).contains("<not materialized>"));
    assertTrue(inPlace.get(3).startsWith("LITERAL") && inPlace.get(3).contains("<not materialized>"));
    assertTrue(inPlace.get(4).endsWith("y".repeat(999)), "1001 bytes with quotes: kept");
    for (int size : new int[] {1, 7, 512, 4096}) {
      assertEquals(inPlace, Tokens.all(Tokenizer.fromStream(
          new ByteArrayInputStream(doc), "d", o.withBufferSize(size))), "buffer " + size);
    }
    // Whether or not the buffer happened to hold it, the consumer gets the token.
    for (boolean stream : new boolean[] {false, true}) {
      Tokenizer t = stream
          ? Tokenizer.fromStream(new ByteArrayInputStream(doc), "d", o.withBufferSize(64))
          : Tokenizer.fromBytes(doc, 0, doc.length, "d", o);
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      t.setLargeTokenConsumer(new LargeTokenConsumer() {
        @Override
        public void begin(long offset) {
          got.write('<');
        }

        @Override
        public void bytes(byte[] b, int off, int len) {
          got.write(b, off, len);
        }

        @Override
        public void end(TokenKind kind, long length) {
          got.write('>');
        }
      });
      while (t.next() != END_OF_INPUT) {}
      assertEquals("<\"" + "x".repeat(3000) + "\"><" + "9".repeat(3000) + "><" + "w".repeat(3000)
          + ">", got.toString(StandardCharsets.UTF_8));
    }
  }

  @Test
  void keysAndTagsOverTheCapAreErrors() {
    TokenizerOptions o = TokenizerOptions.defaults().withMaxTokenBytes(100);
    for (String doc : new String[] {"{\"" + "k".repeat(200) + "\": 1}", "{" + "k".repeat(200) + ": 1}",
        "[!" + "t".repeat(200) + " 1]"}) {
      for (int size : new int[] {8, 1 << 16}) {
        byte[] b = utf8(doc);
        FormatException e = assertThrows(FormatException.class, () -> Tokens.describeAll(
            Tokenizer.fromStream(new ByteArrayInputStream(b), "d", o.withBufferSize(size))));
        assertTrue(e.reason().contains("longer than maxTokenBytes"), e.reason());
        assertEquals(1, e.offset());
      }
    }
  }

  @Test
  void tenThousandLevelsDeep() throws IOException {
    int n = 10_000;
    String doc = "{\"a\": ".repeat(n) + "[" .repeat(n) + "1" + "]".repeat(n) + "}".repeat(n);
    byte[] b = utf8(doc);
    Tokenizer t = Tokenizer.fromStream(new ByteArrayInputStream(b), "deep", 
        TokenizerOptions.defaults().withBufferSize(100));
    int maxDepth = 0;
    TokenizerState deepest = null;
    long tokens = 0;
    for (TokenKind k; (k = t.next()) != END_OF_INPUT; tokens++) {
      maxDepth = Math.max(maxDepth, t.depth());
      if (k == INTEGER) {
        assertEquals(2 * n, t.depth());
        assertEquals("a.".repeat(n - 1) + "a" + "[0]".repeat(n), t.path());
        deepest = t.state();
      }
    }
    assertEquals(2 * n, maxDepth);
    assertEquals(5L * n + 1, tokens);
    assertEquals(2 * n, deepest.depth());
    Tokenizer r = Tokenizer.resume(b, (int) deepest.offset(), b.length - (int) deepest.offset(),
        deepest, "deep", TokenizerOptions.defaults());
    assertEquals(END_ARRAY, r.next());
    assertEquals("a.".repeat(n - 1) + "a" + "[0]".repeat(n - 1), r.path());
    assertEquals(2 * n - 1, r.depth());
  }

  @Test
  void everyPrefixOfADocumentIsTruncated() throws IOException {
    for (String doc : new String[] {
        "{\"a\": [1, -2.5e3, \"x\\u00e9y\", {\"b\": null}], \"c\": true}",
        "{a: [1 -2.5e3 'x\\'é' {b: !key(k) null, c d}], 'e': s3://x, f: !t, g: 12}  # end\n"}) {
      byte[] b = utf8(doc);
      int complete = utf8(doc.substring(0, doc.lastIndexOf('}') + 1)).length; // in bytes
      for (int cut = 1; cut < complete; cut++) {
        int len = cut;
        List<String> tokens = Tokens.all(Tokenizer.fromBytes(b, 0, len, "cut",
            TokenizerOptions.defaults()));
        String last = tokens.get(tokens.size() - 1);
        assertTrue(last.startsWith("TruncatedInputException"), cut + ": " + last);
        assertThrows(TruncatedInputException.class, () -> TreeParser.parse(b, 0, len, "cut"));
      }
      assertTrue(Tokens.all(Tokenizer.fromBytes(b, 0, 0, "cut", TokenizerOptions.defaults()))
          .get(0).startsWith("END_OF_INPUT"));
      for (int len = complete; len <= b.length; len++) {
        List<String> all = Tokens.all(Tokenizer.fromBytes(b, 0, len, "cut",
            TokenizerOptions.defaults()));
        assertTrue(all.get(all.size() - 1).startsWith("END_OF_INPUT"), all.toString());
      }
    }
  }

  @Test
  void everyPrefixOfAStreamIsWholeDocumentsThenTruncatedOrClean() throws IOException {
    // (No top-level tag: cut right after it, a tag at the end of input tags an implicit null.)
    byte[] b = utf8("{\"a\":1}\n[2, 'x']\r\n\"s\" # c\n{b: !t c}\n");
    List<String> full = Tokens.all(Tokenizer.fromBytes(b, 0, b.length, "s", STREAM));
    for (int cut = 0; cut <= b.length; cut++) {
      List<String> got = Tokens.all(Tokenizer.fromBytes(b, 0, cut, "s", STREAM));
      String last = got.get(got.size() - 1);
      assertTrue(last.startsWith("END_OF_INPUT") || last.startsWith("TruncatedInputException"),
          cut + ": " + last);
      assertEquals(full.subList(0, got.size() - 1), got.subList(0, got.size() - 1), "cut " + cut);
    }
  }

  @Test
  void errorsNameSourceOffsetLineColumnAndPath() {
    byte[] b = utf8("{\"a\":\n  {\"b\": [1, \"x\\q\"]}}");
    FormatException e = assertThrows(FormatException.class,
        () -> Tokens.describeAll(Tokenizer.fromBytes(b, 0, b.length, "src.json",
            TokenizerOptions.defaults())));
    assertEquals("src.json", e.source());
    assertEquals(20, e.offset());
    assertEquals(2, e.line());
    assertEquals(15, e.column());
    assertEquals("a.b[1]", e.path());
    assertEquals("src.json: offset 20, line 2, column 15, path \"a.b[1]\": bad escape '\\q' in a"
        + " string", e.getMessage());

    Tokenizer t = Tokenizer.fromBytes(b, 0, b.length, "src.json", TokenizerOptions.defaults());
    assertThrows(FormatException.class, () -> Tokens.describeAll(t));
    FormatException again = assertThrows(FormatException.class, t::next);
    assertEquals(e.getMessage(), again.getMessage());
    assertSame(again, assertThrows(FormatException.class, t::next), "a failed tokenizer stays failed");
    assertThrows(IllegalStateException.class, t::state);

    FormatException unterminated = assertThrows(TruncatedInputException.class,
        () -> Tokens.describeAll(Tokenizer.fromBytes(utf8("[\"abc"), 0, 5, "u",
            TokenizerOptions.defaults())));
    assertTrue(unterminated.reason().contains("unterminated string"));
    assertEquals("[0]", unterminated.path());

    FormatException control = assertThrows(FormatException.class,
        () -> Tokens.describeAll(Tokenizer.fromBytes(utf8("{\"k\": \"a\u0001\"}"), 0, 9, "c",
            TokenizerOptions.defaults())));
    assertEquals("k", control.path());
    assertEquals(8, control.offset());

    FormatException user = Tokenizer.fromBytes(utf8("[1]"), 0, 3, "u", TokenizerOptions.defaults())
        .error("custom");
    assertEquals("u", user.source());
  }

  @Test
  void singleModeRefusesASecondDocument() {
    for (String s : new String[] {"{} {}", "{}{}", "1 2", "{\"a\":1}\n{\"a\":2}\n", "[] x"}) {
      FormatException e = assertThrows(FormatException.class,
          () -> TokenizerSyntaxTest.kinds(s), s);
      assertTrue(e.reason().contains("more than one document"), e.reason());
      assertTrue(e.reason().contains("stream mode"), e.reason());
    }
  }

  @Test
  void streamModePrefixesPathsWithTheDocumentOrdinal() throws IOException {
    assertEquals(List.of("BEGIN_OBJECT [0]", "KEY [0].a a", "INTEGER [0].a 1", "END_OBJECT [0]",
            "BEGIN_OBJECT [1]", "END_OBJECT [1]", "BEGIN_ARRAY [2]", "INTEGER [2][0] 3",
            "END_ARRAY [2]", "STRING [3] s", "LITERAL [4] lit", "TAG [5] !t", "NULL [5] null"),
        TokenizerSyntaxTest.summary("{\"a\":1}\n{}[3]\"s\" lit\n# only a comment\n\n!t", STREAM));
    Tokenizer t = TokenizerSyntaxTest.tok("{}\n{}", STREAM);
    t.next();
    assertEquals(0, t.documentIndex());
    t.next();
    t.next();
    assertEquals(1, t.documentIndex());
    t.next();
    assertEquals(END_OF_INPUT, t.next());
    assertEquals(2, t.documentIndex());
    assertEquals(END_OF_INPUT, t.next());
  }

  @Test
  void offsetsAreAbsoluteForEverySource() throws IOException {
    byte[] file = utf8("{\"x\": 0}\n{\"a\": [1,\n 22]}\n");
    int start = 9; // the second line
    List<String> viaChannel = Tokens.all(Tokenizer.fromChannel(new ByteArrayChannel(file), start,
        "f", STREAM));
    List<String> viaStream = Tokens.all(Tokenizer.fromStream(
        new ByteArrayInputStream(file, start, file.length - start), start, "f", STREAM));
    List<String> viaBytes = Tokens.all(Tokenizer.fromBytes(file, start, file.length - start, start,
        "f", STREAM));
    assertEquals(viaChannel, viaStream);
    assertEquals(viaChannel, viaBytes);
    // Mid-file the line is unknown; the column becomes known after the first newline.
    assertEquals("BEGIN_OBJECT off=9 len=1 depth=0 node=9 doc=0 line=-1 col=-1 path=[0] text=null",
        viaChannel.get(0));
    assertEquals("INTEGER off=20 len=2 depth=2 node=20 doc=0 line=-1 col=2 path=[0].a[1] text=22",
        viaChannel.get(4));
    // From the start, lines are known and offsets are the same as the file's.
    List<String> whole = Tokens.all(Tokenizer.fromChannel(new ByteArrayChannel(file), 0, "f",
        STREAM));
    assertEquals("INTEGER off=20 len=2 depth=2 node=20 doc=1 line=3 col=2 path=[1].a[1] text=22",
        whole.get(8));
  }

  @Test
  void closeClosesTheInput() throws IOException {
    ByteArrayChannel ch = new ByteArrayChannel(utf8("1"));
    Tokenizer.fromChannel(ch, 0, "c", TokenizerOptions.defaults()).close();
    assertFalse(ch.isOpen());
  }

  @Test
  void tonySampleFilesWireParsesAndBlockIsRefused() throws IOException {
    Map<String, String> wire = TonySamples.WIRE;
    Map<String, String> block = TonySamples.BLOCK;
    int documents = 0;
    for (Map.Entry<String, String> e : wire.entrySet()) {
      byte[] b = utf8(e.getValue());
      long lines = e.getValue().lines().filter(l -> l.startsWith("{")).count();
      var it = TreeParser.documents(Tokenizer.fromBytes(b, 0, b.length, e.getKey(), STREAM));
      int n = 0;
      while (it.hasNext()) {
        assertTrue(it.next().isObject());
        n++;
      }
      assertEquals(lines, n, e.getKey());
      documents += n;
    }
    assertTrue(documents >= 30, "documents " + documents);
    for (Map.Entry<String, String> e : block.entrySet()) {
      byte[] b = utf8(e.getValue());
      for (DocumentMode m : DocumentMode.values()) {
        Tokenizer t = Tokenizer.fromBytes(b, 0, b.length, e.getKey(),
            TokenizerOptions.defaults().withDocuments(m));
        FormatException x = assertThrows(FormatException.class, t::next, e.getKey());
        assertTrue(x.reason().contains("block (indented) Tony"), x.getMessage());
        assertTrue(x.line() > 1, "after the comment lines: " + x.getMessage());
      }
    }
  }
}
