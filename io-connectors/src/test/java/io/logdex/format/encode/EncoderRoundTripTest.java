package io.logdex.format.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.token.DocumentMode;
import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.token.TokenizerOptions;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Encoder output read back by the real tokenizer and tree parser. */
class EncoderRoundTripTest {
  private static final TokenizerOptions STREAM =
      TokenizerOptions.defaults().withDocuments(DocumentMode.STREAM);

  @Test
  void wireIsCanonicalAndLossless() throws IOException {
    RandomTrees trees = new RandomTrees(1);
    for (int round = 0; round < 2000; round++) {
      Node x = trees.tree(6);
      byte[] w = Encoder.encode(x, OutputFormat.WIRE);
      assertEquals(1, count(w, (byte) '\n'), "one line");
      assertEquals('\n', w[w.length - 1]);
      Node y = TreeParser.parse(w);
      assertEquals(x, y, () -> new String(w, StandardCharsets.UTF_8));
      assertArrayEquals(w, Encoder.encode(y, OutputFormat.WIRE));
    }
  }

  @Test
  void jsonReadsBackAsTheTreeWithoutTags() throws IOException {
    RandomTrees trees = new RandomTrees(2);
    int refused = 0;
    for (int round = 0; round < 1500; round++) {
      Node x = trees.tree(6);
      if (mixesSparseAndDigitKeys(x)) {
        refused++;
        assertThrows(IllegalArgumentException.class, () -> Encoder.encode(x, OutputFormat.JSON));
        continue;
      }
      Node expected = JsonView.of(x);
      for (OutputFormat f : new OutputFormat[] {OutputFormat.JSON, OutputFormat.JSON_PRETTY}) {
        byte[] j = Encoder.encode(x, f);
        String text = new String(j, StandardCharsets.UTF_8);
        StrictJson.check(text);
        if (f == OutputFormat.JSON) assertEquals(1, count(j, (byte) '\n'));
        assertEquals(expected, TreeParser.parse(j), text);
        // The JSON of the JSON view is the same bytes: nothing but tags and kinds was lost.
        assertArrayEquals(j, Encoder.encode(expected, f));
      }
    }
    assertTrue(refused > 0 && refused < 300, "refused " + refused);
  }

  private static boolean mixesSparseAndDigitKeys(Node n) {
    List<Node> work = new ArrayList<>(List.of(n));
    while (!work.isEmpty()) {
      Node m = work.remove(work.size() - 1);
      boolean sparse = false, digits = false;
      for (int i = 0; m.isObject() && i < m.size(); i++) {
        if (m.key(i).isSparse()) sparse = true;
        else if (m.key(i).field().matches("[0-9]+")) digits = true;
      }
      if (sparse && digits) return true;
      work.addAll(m.children());
    }
    return false;
  }

  @Test
  void streamsAreOneDocumentPerLine() throws IOException {
    RandomTrees trees = new RandomTrees(3);
    for (int round = 0; round < 50; round++) {
      List<Node> docs = new ArrayList<>();
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      Encoder e = new Encoder(bos, OutputFormat.WIRE, 100);
      int n = trees.random().nextInt(20);
      for (int i = 0; i < n; i++) {
        Node d = trees.tree(4);
        docs.add(d);
        e.node(d);
      }
      e.close();
      byte[] out = bos.toByteArray();
      assertEquals(n, count(out, (byte) '\n'));
      List<Node> back = new ArrayList<>();
      TreeParser.documents(Tokenizer.fromBytes(out, 0, out.length, "t", STREAM)).forEachRemaining(back::add);
      assertEquals(docs, back);
    }
  }

  @Test
  void listenerAgreesWithTheTokenizer() throws IOException {
    RandomTrees trees = new RandomTrees(4);
    Random rnd = trees.random();
    for (int round = 0; round < 400; round++) {
      List<Node> docs = new ArrayList<>();
      for (int i = 1 + rnd.nextInt(3); i > 0; i--) docs.add(trees.tree(5));
      OutputFormat f = OutputFormat.values()[rnd.nextInt(3)];
      if (f != OutputFormat.WIRE && docs.stream().anyMatch(EncoderRoundTripTest::mixesSparseAndDigitKeys)) {
        f = OutputFormat.WIRE;
      }
      long base = rnd.nextInt(1000);
      ByteArrayOutputStream bos = new ByteArrayOutputStream();
      Encoder e = new Encoder(bos, f, 64 + rnd.nextInt(100));
      e.setBaseOffset(base);
      e.setStreamPaths(true);
      RecordingListener rec = new RecordingListener();
      e.setListener(rec);
      for (Node d : docs) e.node(d);
      e.flush();
      byte[] out = bos.toByteArray();

      // What the tokenizer reports as each node's start and path.
      List<RecordingListener.Span> seen = new ArrayList<>();
      Tokenizer t = Tokenizer.fromBytes(out, 0, out.length, base, "t", STREAM.withBufferSize(7));
      TokenKind prev = null;
      for (TokenKind k; (k = t.next()) != TokenKind.END_OF_INPUT; prev = k) {
        if (k == TokenKind.TAG || (k.startsValue() && prev != TokenKind.TAG)) {
          seen.add(new RecordingListener.Span(t.nodeOffset(), -1, t.path()));
        }
      }
      List<RecordingListener.Span> spans = rec.spans();
      assertEquals(seen.size(), spans.size());
      List<PreorderPaths.Entry> nodes = new ArrayList<>();
      for (int i = 0; i < docs.size(); i++) nodes.addAll(PreorderPaths.of(docs.get(i), "[" + i + "]", f != OutputFormat.WIRE));
      for (int i = 0; i < spans.size(); i++) {
        RecordingListener.Span s = spans.get(i);
        assertEquals(seen.get(i).path(), s.path());
        assertEquals(seen.get(i).start(), s.start(), s.path());
        assertEquals(nodes.get(i).path(), s.path());
        Node node = nodes.get(i).node();
        if (f == OutputFormat.WIRE && isBlockHeaderLiteral(node)) {
          String raw = new String(out, (int) (s.start() - base), (int) (s.end() - s.start()), StandardCharsets.UTF_8);
          assertEquals(Encoder.toWireString(Node.array(node)), "[" + raw + "]");
          continue;
        }
        Node sub = TreeParser.parse(out, (int) (s.start() - base), (int) (s.end() - s.start()), "span");
        assertEquals(f == OutputFormat.WIRE ? node : JsonView.of(node), sub, s.path());
      }
    }
  }

  @Test
  void tenThousandLevels() throws IOException {
    Node n = Node.string("bottom");
    for (int i = 0; i < 10_000; i++) {
      n = i % 3 == 0 ? Node.array(n, Node.integer(i))
          : Node.objectBuilder().put(i % 2 == 0 ? "k" : "two words", n).build().withTag(i % 5 == 0 ? "!t" : null);
    }
    byte[] w = Encoder.encode(n, OutputFormat.WIRE);
    Node back = TreeParser.parse(w);
    assertEquals(n, back);
    assertArrayEquals(w, Encoder.encode(back, OutputFormat.WIRE));
    // Compact: pretty JSON 10,000 levels deep is 100 MB of indentation.
    byte[] j = Encoder.encode(n, OutputFormat.JSON);
    StrictJson.check(new String(j, StandardCharsets.UTF_8));
    Node fromJson = TreeParser.parse(j);
    assertEquals(10_001, depth(fromJson));
    assertArrayEquals(j, Encoder.encode(fromJson, OutputFormat.JSON));
  }

  @Test
  void bareLiteralRuleIsExactlyTheTokenizers() throws IOException {
    RandomTrees trees = new RandomTrees(5);
    int bare = 0;
    for (int round = 0; round < 20_000; round++) {
      String s = round % 2 == 0 ? trees.string() : trees.literal();
      boolean expect = WireSyntax.isBareLiteral(s);
      byte[] doc = ("[" + s + "]").getBytes(StandardCharsets.UTF_8);
      boolean reads = false;
      try {
        Tokenizer t = Tokenizer.fromBytes(doc, 0, doc.length, "t", TokenizerOptions.defaults());
        reads = t.next() == TokenKind.BEGIN_ARRAY && t.next() == TokenKind.LITERAL
            && t.text().equals(s) && t.next() == TokenKind.END_ARRAY
            && t.next() == TokenKind.END_OF_INPUT;
      } catch (IOException e) {
        reads = false;
      }
      // An unpaired surrogate cannot be written as UTF-8 at all, so it is never bare.
      if (!hasLoneSurrogate(s)) assertEquals(reads, expect, () -> "literal '" + s + "'");
      else assertTrue(!expect);
      if (expect) bare++;
    }
    assertTrue(bare > 5000, "bare " + bare);
  }

  @Test
  void bareKeysReadBackAsTheSameField() throws IOException {
    RandomTrees trees = new RandomTrees(6);
    for (int round = 0; round < 20_000; round++) {
      String k = trees.key();
      Node o = Node.objectBuilder().put(k, Node.TRUE).build();
      assertEquals(o, TreeParser.parse(Encoder.encode(o, OutputFormat.WIRE)), k);
    }
  }

  @Test
  void tagRuleIsExactlyTheTokenizers() throws IOException {
    String[] tags = {"!a", "!key(sku)", "!a.b", "!é", "!a-b_c/d", "!k(a b)", "!k((x))", "!k(\"q\")",
        "!k(,)", "!a+b", "!", "!a(", "!a(b)c", "!a b", "!a:b", "!a#b", "!a!b", "!(x)", "!a)", "!a'",
        "!k(x\u007f)", "!k(\u0001)", "!k(x)(y)", "!\u007f", "!x\u00a0y"};
    for (String tag : tags) {
      byte[] doc = ("[" + tag + " 1]").getBytes(StandardCharsets.UTF_8);
      boolean reads;
      try {
        Tokenizer t = Tokenizer.fromBytes(doc, 0, doc.length, "t", TokenizerOptions.defaults());
        reads = t.next() == TokenKind.BEGIN_ARRAY && t.next() == TokenKind.TAG && t.text().equals(tag)
            && t.next() == TokenKind.INTEGER && t.next() == TokenKind.END_ARRAY;
      } catch (IOException e) {
        reads = false;
      }
      assertEquals(reads, WireSyntax.isTag(tag), tag);
    }
  }

  private static int depth(Node n) {
    int d = 1;
    for (; n.isContainer(); d++) n = n.child(0);
    return d;
  }

  /** A literal like "|" is fine inside a container but reads as block Tony when it is the document. */
  static boolean isBlockHeaderLiteral(Node n) {
    return n.kind() == Node.Kind.LITERAL && WireSyntax.isBlockScalarHeader(n.text());
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
      else if (Character.isSurrogate(c)) return true;
    }
    return false;
  }

  private static int count(byte[] b, byte x) {
    int n = 0;
    for (byte c : b) if (c == x) n++;
    return n;
  }
}
