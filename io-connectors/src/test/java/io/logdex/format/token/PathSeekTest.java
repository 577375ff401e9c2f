package io.logdex.format.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.TruncatedInputException;
import io.logdex.format.path.KindedPath;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import io.logdex.format.tree.TreeParser;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PathSeek against the tree: every path of a document reaches the node NodePaths.get finds. */
class PathSeekTest {
  private static Tokenizer tokens(String doc) {
    byte[] b = doc.getBytes(StandardCharsets.UTF_8);
    return Tokenizer.fromBytes(b, 0, b.length, "doc", TokenizerOptions.defaults());
  }

  private static Node seek(String doc, KindedPath p) throws Exception {
    try (Tokenizer t = tokens(doc)) {
      return PathSeek.seek(t, p.toArray(), 0) ? TreeParser.parseCurrent(t) : null;
    }
  }

  @Test
  void everyPathMatchesTheTree() throws Exception {
    String[] docs = {
      "{\"a\":{\"b\":[1,{\"c\":\"x\"},[2,[3]]],\"d\":null},\"e\":[],\"f\":{}}",
      "{a: !t {b: [1, !u {c: x}, [2]]}, 'q r': {0: zero, 1: one}, \"0\": field, s: {x y}}",
      "[[[[\"leaf\"]]], {\"k\": [true, false]}]",
    };
    for (String doc : docs) {
      Node tree;
      try (Tokenizer t = tokens(doc)) {
        tree = TreeParser.parse(t);
      }
      for (Map.Entry<KindedPath, Node> e : NodePaths.extractAll(tree)) {
        assertEquals(e.getValue(), seek(doc, e.getKey()), doc + " at " + e.getKey());
      }
      assertEquals(tree, seek(doc, KindedPath.ROOT));
    }
  }

  @Test
  void absentPathsAreFalse() throws Exception {
    String doc = "{\"a\":[1,{\"b\":2}],\"0\":3}";
    for (String p : new String[] {"b", "a[2]", "a[1].c", "a.b", "a[0][0]", "a[0].x", "{0}", "\"0\".x"}) {
      assertEquals(null, seek(doc, KindedPath.parse(p)), p);
    }
    assertEquals(Node.integer(3), seek(doc, KindedPath.parse("\"0\"")));
  }

  @Test
  void keyedSegmentsAndTruncationAreRefused() throws Exception {
    try (Tokenizer t = tokens("[{\"k\":1}]")) {
      assertThrows(IllegalArgumentException.class, () -> PathSeek.seek(t, KindedPath.parse("(1)").toArray(), 0));
    }
    try (Tokenizer t = tokens("{\"a\":[1,2")) {
      assertThrows(TruncatedInputException.class, () -> PathSeek.seek(t, KindedPath.parse("a[5]").toArray(), 0));
    }
  }

  @Test
  void tenThousandLevelsNeedNoStackAndNoTree() throws Exception {
    int depth = 10_000;
    String doc = "{\"a\":".repeat(depth) + "[1,2]" + "}".repeat(depth);
    try (Tokenizer t = tokens(doc)) {
      assertTrue(PathSeek.seek(t, KindedPath.parse("a" + ".a".repeat(depth - 1) + "[1]").toArray(), 0));
      assertEquals(TokenKind.INTEGER, t.current());
      assertEquals("2", t.text());
    }
    try (Tokenizer t = tokens(doc)) {
      assertFalse(PathSeek.seek(t, KindedPath.parse("a" + ".a".repeat(depth - 1) + "[2]").toArray(), 0));
    }
  }
}
