package io.logdex.format.encode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.tree.Node;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Node spans and paths reported to the listener, checked against an independent tree walk. */
class EncoderListenerTest {

  @Test
  void everySpanIsTheNodesOwnEncoding() throws IOException {
    RandomTrees trees = new RandomTrees(11);
    for (int round = 0; round < 300; round++) {
      Node tree = trees.tree(5);
      for (OutputFormat f : new OutputFormat[] {OutputFormat.WIRE, OutputFormat.JSON}) {
        long base = trees.random().nextInt(1 << 20);
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        Encoder e = new Encoder(bos, f, 64 + trees.random().nextInt(200));
        e.setBaseOffset(base);
        RecordingListener rec = new RecordingListener();
        e.setListener(rec);
        e.node(tree);
        e.flush();
        byte[] out = bos.toByteArray();
        assertEquals(base + out.length, e.offset());

        List<PreorderPaths.Entry> expected = PreorderPaths.of(tree, "", f != OutputFormat.WIRE);
        List<RecordingListener.Span> spans = rec.spans();
        assertEquals(expected.size(), spans.size());
        for (int i = 0; i < spans.size(); i++) {
          RecordingListener.Span s = spans.get(i);
          PreorderPaths.Entry x = expected.get(i);
          assertEquals(x.path(), s.path());
          byte[] own = null;
          if (f == OutputFormat.JSON) {
            own = Encoder.encode(x.node(), f);
          } else {
            // A sub-node "|" cannot be a document of its own, so take each encoding from inside [].
            String w = Encoder.toWireString(Node.array(x.node()));
            own = (w.substring(1, w.length() - 1) + "\n").getBytes(StandardCharsets.UTF_8);
          }
          byte[] span = Arrays.copyOfRange(out, (int) (s.start() - base), (int) (s.end() - base));
          assertEquals(
              new String(own, 0, own.length - 1, StandardCharsets.UTF_8),
              new String(span, StandardCharsets.UTF_8),
              "span of " + s.path());
        }
        assertEquals(base, spans.get(0).start());
        assertEquals(base + out.length - 1, spans.get(0).end()); // the newline is not the root's
      }
    }
  }

  @Test
  void pathsAreKinded() throws IOException {
    // The reference's own examples (formats.md) plus tags, quoting and sparse keys.
    assertPaths("{a: {b: \"value\"}}", "", "a", "a.b");
    assertPaths("[\"a\", \"b\"]", "", "[0]", "[1]");
    assertPaths("{0: \"a\", 1: \"b\"}", "", "{0}", "{1}");
    assertPaths("[{0: \"a\"}]", "", "[0]", "[0]{0}");
    assertPaths("{key: !arraydiff {4294967295: !insert 4}}", "", "key", "key{4294967295}");
    assertPaths("{a.b: [!key(sku) [{\"x y\": 1, \"0\": true}]]}",
        "", "\"a.b\"", "\"a.b\"[0]", "\"a.b\"[0][0]", "\"a.b\"[0][0].\"x y\"", "\"a.b\"[0][0].\"0\"");
  }

  private static void assertPaths(String expectedWire, String... paths) throws IOException {
    Node n = sample(expectedWire);
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    Encoder e = new Encoder(bos, OutputFormat.WIRE);
    RecordingListener rec = new RecordingListener();
    e.setListener(rec);
    e.node(n);
    e.flush();
    assertEquals(expectedWire + "\n", bos.toString(StandardCharsets.UTF_8));
    assertEquals(List.of(paths), rec.spans().stream().map(RecordingListener.Span::path).toList());
  }

  /** The trees behind assertPaths' wire strings, built by hand (the parser is tested elsewhere). */
  private static Node sample(String wire) {
    switch (wire) {
      case "{a: {b: \"value\"}}":
        return Node.objectBuilder().put("a", Node.objectBuilder().put("b", Node.string("value")).build()).build();
      case "[\"a\", \"b\"]":
        return Node.array(Node.string("a"), Node.string("b"));
      case "{0: \"a\", 1: \"b\"}":
        return Node.objectBuilder()
            .put(io.logdex.format.tree.NodeKey.sparse(0), Node.string("a"))
            .put(io.logdex.format.tree.NodeKey.sparse(1), Node.string("b"))
            .build();
      case "[{0: \"a\"}]":
        return Node.array(Node.objectBuilder().put(io.logdex.format.tree.NodeKey.sparse(0), Node.string("a")).build());
      case "{key: !arraydiff {4294967295: !insert 4}}":
        return Node.objectBuilder()
            .put("key", Node.objectBuilder()
                .put(io.logdex.format.tree.NodeKey.sparse(4294967295L), Node.integer(4).withTag("!insert"))
                .build().withTag("!arraydiff"))
            .build();
      default:
        return Node.objectBuilder()
            .put("a.b", Node.array(Node.array(Node.objectBuilder()
                .put("x y", Node.integer(1)).put("0", Node.TRUE).build()).withTag("!key(sku)")))
            .build();
    }
  }

  @Test
  void streamPathsCarryTheDocumentOrdinal() throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    Encoder e = new Encoder(bos, OutputFormat.JSON);
    e.setBaseOffset(1000);
    e.setStreamPaths(true);
    RecordingListener rec = new RecordingListener();
    e.setListener(rec);
    e.node(Node.objectBuilder().put("a", Node.integer(1)).build());
    e.node(Node.array(Node.TRUE));
    e.flush();
    assertEquals("{\"a\":1}\n[true]\n", bos.toString(StandardCharsets.UTF_8));
    assertEquals(
        List.of(
            new RecordingListener.Span(1000, 1007, "[0]"),
            new RecordingListener.Span(1005, 1006, "[0].a"),
            new RecordingListener.Span(1008, 1014, "[1]"),
            new RecordingListener.Span(1009, 1013, "[1][0]")),
        rec.spans());
  }

  @Test
  void prettySpansCoverTheIndentedValue() throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream();
    Encoder e = new Encoder(bos, OutputFormat.JSON_PRETTY);
    RecordingListener rec = new RecordingListener();
    e.setListener(rec);
    e.node(Node.objectBuilder().put("a", Node.array(Node.integer(1)).withTag("!t")).build());
    e.flush();
    String out = bos.toString(StandardCharsets.UTF_8);
    assertEquals("{\n  \"a\": [\n    1\n  ]\n}\n", out);
    List<RecordingListener.Span> s = rec.spans();
    assertEquals("[\n    1\n  ]", out.substring((int) s.get(1).start(), (int) s.get(1).end()));
    assertEquals("1", out.substring((int) s.get(2).start(), (int) s.get(2).end()));
    assertEquals(1, e.droppedTags());
  }

  @Test
  void deepPathsAreIncremental() throws IOException {
    Node n = Node.TRUE;
    for (int i = 0; i < 10_000; i++) n = Node.array(n);
    Encoder e = new Encoder(java.io.OutputStream.nullOutputStream(), OutputFormat.WIRE);
    long[] count = {0};
    String[] deepest = {""};
    e.setListener(new NodeListener() {
      @Override
      public void nodeStart(long offset, CharSequence path) {
        count[0]++;
        if (path.length() == 30_000) deepest[0] = path.toString();
      }

      @Override
      public void nodeEnd(long endOffset, CharSequence path) {}
    });
    e.node(n);
    assertEquals(10_001, count[0]);
    assertEquals("[0]".repeat(10_000), deepest[0]);
    assertEquals(10_000 * 2 + 4 + 1, e.offset());
  }
}
