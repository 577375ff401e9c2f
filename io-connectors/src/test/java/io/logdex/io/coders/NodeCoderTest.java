package io.logdex.io.coders;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

class NodeCoderTest {
  private static final NodeCoder CODER = NodeCoder.of();
  private static final String[] TAGS = {"!insert", "!delete", "!key(sku)", "!a.b", "!arraydiff"};
  private static final String[] TEXTS = {
    "", "a", "true", "0", "-12", "é", "€", "😀", "\ud800", "\udfff x", "\u0000", "a\nb", "\"'\\",
    "s3://bucket/obj-1", "2025-10-09T10:00:00.123456789Z"
  };

  @Test
  void randomTreesRoundTrip() throws Exception {
    Random rnd = new Random(0x5EED);
    for (int i = 0; i < 2000; i++) {
      Node n = tree(rnd, 5);
      byte[] bytes = CoderUtils.encodeToByteArray(CODER, n);
      Node back = CoderUtils.decodeFromByteArray(CODER, bytes);
      assertEquals(n, back, "tree " + i);
      assertEquals(n.hashCode(), back.hashCode());
      // Deterministic: an equal tree built separately encodes to the same bytes.
      assertArrayEquals(bytes, CoderUtils.encodeToByteArray(CODER, back), "tree " + i);
    }
  }

  @Test
  void beamCoderProperties() throws Exception {
    Random rnd = new Random(7);
    for (int i = 0; i < 50; i++) {
      Node n = tree(rnd, 4);
      CoderProperties.coderDecodeEncodeEqual(CODER, n);
      CoderProperties.coderDeterministic(CODER, n, CoderUtils.clone(CODER, n));
      CoderProperties.coderSerializable(CODER);
    }
  }

  @Test
  void keepsTagsLexemesAndSparseKeys() throws Exception {
    Node n =
        Node.objectBuilder()
            .put(NodeKey.sparse(0xFFFF_FFFFL), Node.integer("123456789012345678901234567890"))
            .put(NodeKey.sparse(0), Node.floating("1.50e-3").withTag("!x"))
            .put("items", Node.array(Node.literal("active"), Node.NULL.withTag("!delete")))
            .build()
            .withTag("!key(sku)");
    Node back = CoderUtils.clone(CODER, n);
    assertEquals(n, back);
    assertEquals("1.50e-3", back.get(NodeKey.sparse(0)).text());
    assertEquals("!key(sku)", back.tag());
    assertEquals("!delete", back.get("items").child(1).tag());
    assertEquals(Node.Kind.LITERAL, back.get("items").child(0).kind());
  }

  @Test
  void tenThousandLevelsDeep() throws Exception {
    for (boolean objects : new boolean[] {false, true}) {
      Node n = Node.string("bottom");
      for (int i = 0; i < 10_000; i++) {
        n = objects ? Node.objectBuilder().put("k", n).build() : Node.array(n, Node.integer(i));
        if (i % 1000 == 0) n = n.withTag("!lvl");
      }
      byte[] bytes = CoderUtils.encodeToByteArray(CODER, n);
      Node back = CoderUtils.decodeFromByteArray(CODER, bytes);
      assertEquals(n, back);
      int depth = 0;
      for (Node c = back; c.isContainer(); c = c.child(0)) depth++;
      assertEquals(10_000, depth);
    }
  }

  @Test
  void everyTruncationFailsCleanly() throws Exception {
    Random rnd = new Random(11);
    for (int t = 0; t < 50; t++) {
      byte[] bytes = CoderUtils.encodeToByteArray(CODER, tree(rnd, 4));
      for (int cut = 0; cut < bytes.length; cut++) {
        byte[] part = java.util.Arrays.copyOf(bytes, cut);
        assertThrows(IOException.class, () -> CODER.decode(new ByteArrayInputStream(part)),
            "cut at " + cut + " of " + bytes.length);
      }
    }
  }

  @Test
  void hostileLengthsDoNotAllocate() {
    // A string header claiming ~2 GiB, followed by three bytes: must fail, not allocate 2 GiB.
    byte[] hostile = {(byte) Node.Kind.STRING.ordinal(), (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, 0x07, 'a', 'b', 'c'};
    assertThrows(IOException.class, () -> CODER.decode(new ByteArrayInputStream(hostile)));
    // An array claiming 2^31-1 children with one present.
    byte[] wide = {(byte) Node.Kind.ARRAY.ordinal(), (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, 0x07, (byte) Node.Kind.NULL.ordinal()};
    assertThrows(IOException.class, () -> CODER.decode(new ByteArrayInputStream(wide)));
  }

  @Test
  void malformedInputIsACoderException() throws Exception {
    assertThrows(CoderException.class, () -> decode(new byte[] {0x0F}));
    assertThrows(CoderException.class, () -> decode(new byte[] {(byte) 0x40}));
    // An object with the same field twice.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(Node.Kind.OBJECT.ordinal());
    out.write(2);
    for (int i = 0; i < 2; i++) {
      out.write(0);
      StringBytes.write("a", out);
      out.write(Node.Kind.NULL.ordinal());
    }
    CoderException e = assertThrows(CoderException.class, () -> decode(out.toByteArray()));
    assertTrue(e.getMessage().contains("duplicate"), e.getMessage());
    // A tag that is not one.
    ByteArrayOutputStream tag = new ByteArrayOutputStream();
    tag.write(Node.Kind.NULL.ordinal() | 0x10);
    StringBytes.write("nope", tag);
    assertThrows(CoderException.class, () -> decode(tag.toByteArray()));
  }

  @Test
  void stringsSurviveUnpairedSurrogates() throws Exception {
    Random rnd = new Random(3);
    for (int i = 0; i < 2000; i++) {
      char[] c = new char[rnd.nextInt(20)];
      for (int j = 0; j < c.length; j++) c[j] = (char) rnd.nextInt(0x10000);
      String s = new String(c);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      StringBytes.write(s, out);
      assertEquals(s, StringBytes.read(new ByteArrayInputStream(out.toByteArray())));
    }
  }

  private static Node decode(byte[] b) throws IOException {
    return CODER.decode(new ByteArrayInputStream(b));
  }

  static Node tree(Random rnd, int depth) {
    Node n;
    switch (rnd.nextInt(depth <= 0 ? 7 : 10)) {
      case 0:
        n = Node.string(TEXTS[rnd.nextInt(TEXTS.length)]);
        break;
      case 1:
        n = Node.integer(Long.toString(rnd.nextLong()));
        break;
      case 2:
        n = Node.floating(rnd.nextInt(100) + "." + rnd.nextInt(100) + "e" + (rnd.nextInt(20) - 10));
        break;
      case 3:
        n = Node.literal("lit" + rnd.nextInt(50));
        break;
      case 4:
        n = Node.TRUE;
        break;
      case 5:
        n = Node.FALSE;
        break;
      case 6:
        n = Node.NULL;
        break;
      case 7:
      case 8:
        {
          List<NodeKey> keys = new ArrayList<>();
          List<Node> values = new ArrayList<>();
          Set<NodeKey> seen = new HashSet<>();
          for (int i = rnd.nextInt(5); i > 0; i--) {
            NodeKey k =
                rnd.nextInt(3) == 0
                    ? NodeKey.sparse(rnd.nextInt(4) == 0 ? 0xFFFF_FFFFL : rnd.nextInt(100))
                    : NodeKey.field(TEXTS[rnd.nextInt(TEXTS.length)]);
            if (seen.add(k)) {
              keys.add(k);
              values.add(tree(rnd, depth - 1));
            }
          }
          n = Node.object(keys, values);
          break;
        }
      default:
        {
          List<Node> values = new ArrayList<>();
          for (int i = rnd.nextInt(5); i > 0; i--) values.add(tree(rnd, depth - 1));
          n = Node.array(values);
        }
    }
    return rnd.nextInt(5) == 0 ? n.withTag(TAGS[rnd.nextInt(TAGS.length)]) : n;
  }
}
