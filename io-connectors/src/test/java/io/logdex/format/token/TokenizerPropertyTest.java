package io.logdex.format.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import io.logdex.testing.ByteArrayChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random documents: the tokens do not depend on how the bytes arrive. */
class TokenizerPropertyTest {
  private static final int[] BUFFER_SIZES = {1, 2, 3, 5, 7, 16, 64, 1000, 4096, 65536, 1 << 20};
  private static final TokenizerOptions SINGLE = TokenizerOptions.defaults();
  private static final TokenizerOptions STREAM =
      TokenizerOptions.defaults().withDocuments(DocumentMode.STREAM);

  @Test
  void tokensAreTheSameForEveryBufferSizeAndSource() throws IOException {
    for (int seed = 0; seed < 120; seed++) {
      boolean tony = seed % 4 != 0;
      RandomDocuments gen = new RandomDocuments(seed, tony);
      byte[] single = gen.document(4).bytes();
      assertSameEverywhere(single, SINGLE, seed);
      StringBuilder stream = new StringBuilder();
      gen.stream(1 + gen.random().nextInt(4), 3, stream);
      assertSameEverywhere(stream.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8),
          STREAM, seed);
    }
  }

  private static void assertSameEverywhere(byte[] b, TokenizerOptions o, int seed)
      throws IOException {
    List<String> expected = Tokens.all(Tokenizer.fromBytes(b, 0, b.length, "doc", o));
    String last = expected.get(expected.size() - 1);
    assertTrue(last.startsWith("END_OF_INPUT"), () -> "seed " + seed + ": " + last + "\n"
        + new String(b, java.nio.charset.StandardCharsets.UTF_8));
    // The same bytes inside a larger array, read in place.
    byte[] padded = new byte[b.length + 10];
    System.arraycopy(b, 0, padded, 7, b.length);
    assertEquals(expected, Tokens.all(Tokenizer.fromBytes(padded, 7, b.length, "doc", o)));
    for (int size : BUFFER_SIZES) {
      TokenizerOptions sized = o.withBufferSize(size);
      assertEquals(expected, Tokens.all(Tokenizer.fromStream(
          new ShortReadInputStream(b, seed * 31L + size), "doc", sized)),
          "seed " + seed + " buffer " + size);
      assertEquals(expected,
          Tokens.all(Tokenizer.fromChannel(new ByteArrayChannel(b), 0, "doc", sized)),
          "seed " + seed + " channel buffer " + size);
    }
  }

  /**
   * Every node's bytes [nodeOffset, end) parse on their own to the node the model has at the
   * token's path: offsets, nodeOffsets and paths agree with each other and with the tree.
   */
  @Test
  void everyNodeReparsesFromItsOwnBytes() throws IOException {
    int checked = 0;
    for (int seed = 0; seed < 200; seed++) {
      RandomDocuments.Doc doc = new RandomDocuments(seed, seed % 3 != 0).document(5);
      Map<String, Node> model = RandomDocuments.nodesByPath(doc.tree, "");
      byte[] b = doc.bytes();
      Tokenizer t = Tokenizer.fromBytes(b, 0, b.length, "doc", SINGLE.withBufferSize(3));
      ArrayDeque<long[]> open = new ArrayDeque<>(); // nodeOffset of open containers
      ArrayDeque<String> openPaths = new ArrayDeque<>();
      for (TokenKind k; (k = t.next()) != TokenKind.END_OF_INPUT; ) {
        String path = t.path();
        long start = t.nodeOffset();
        long end;
        switch (k) {
          case BEGIN_OBJECT:
          case BEGIN_ARRAY:
            open.push(new long[] {start});
            openPaths.push(path);
            continue;
          case END_OBJECT:
          case END_ARRAY:
            assertEquals(open.pop()[0], start, "END nodeOffset is its BEGIN's");
            assertEquals(openPaths.pop(), path, "END path is its BEGIN's");
            end = t.offset() + 1;
            break;
          case KEY:
          case TAG:
            continue;
          default:
            if (t.isImplicit() && start == t.offset()) continue; // {a b}: no bytes at all
            end = t.offset() + t.length();
            break;
        }
        Node expected = model.get(path);
        assertNotNull(expected, "no model node at path " + path + " in " + doc.text);
        Node reparsed = TreeParser.parse(b, (int) start, (int) (end - start), "slice");
        assertEquals(expected, reparsed, "path " + path + " in " + doc.text);
        checked++;
      }
    }
    assertTrue(checked > 500, "checked " + checked);
  }

  @Test
  void resumeContinuesExactlyAsTheContinuousRun() throws Exception {
    for (int seed = 0; seed < 150; seed++) {
      RandomDocuments gen = new RandomDocuments(seed, seed % 4 != 0);
      boolean stream = seed % 2 == 0;
      byte[] b;
      if (stream) {
        StringBuilder text = new StringBuilder();
        gen.stream(1 + gen.random().nextInt(4), 3, text);
        b = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      } else {
        b = gen.document(5).bytes();
      }
      TokenizerOptions o = stream ? STREAM : SINGLE;
      List<String> all = Tokens.all(Tokenizer.fromBytes(b, 0, b.length, "doc", o));
      Random r = new Random(seed);
      // Before the first token, after a few random tokens, and after the last.
      List<Integer> cuts = new ArrayList<>(List.of(0, all.size()));
      for (int i = 0; i < 4; i++) cuts.add(r.nextInt(all.size() + 1));
      for (int cut : cuts) {
        Tokenizer t = Tokenizer.fromBytes(b, 0, b.length, "doc", o);
        for (int i = 0; i < cut; i++) t.next();
        TokenizerState state = roundTrip(t.state());
        // After END_OF_INPUT, next() keeps returning it.
        List<String> rest = cut == all.size()
            ? all.subList(cut - 1, cut) : all.subList(cut, all.size());
        int off = (int) state.offset();
        String where = "seed " + seed + " cut " + cut + " of " + all.size();
        assertEquals(rest, Tokens.all(Tokenizer.resume(b, off, b.length - off, state, "doc", o)),
            where);
        assertEquals(rest, Tokens.all(Tokenizer.resume(new ByteArrayChannel(b), state, "doc",
            o.withBufferSize(1 + r.nextInt(9)))), where);
        assertEquals(rest, Tokens.all(Tokenizer.resume(
            new ByteArrayInputStream(b, off, b.length - off), state, "doc", o.withBufferSize(5))),
            where);
      }
    }
  }

  private static TokenizerState roundTrip(TokenizerState s) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(s);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (TokenizerState) in.readObject();
    }
  }
}
