package io.logdex.format.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logdex.format.token.DocumentMode;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.token.TokenizerOptions;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import io.logdex.format.tree.TreeParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * jqwik: Encoder -> Tokenizer -> Encoder. The canonical wire form of any tree reads back as that
 * tree, so encoding it again gives the same bytes, token by token through the Transcoder as well
 * as through a parsed tree; and its pretty JSON reads back to the same JSON. Unlike the seeded
 * RandomTrees tests, a failure shrinks to a smallest tree.
 */
class EncoderRoundTripProperties {
  private static final TokenizerOptions OPTIONS = TokenizerOptions.defaults();

  @Property(tries = 150)
  void wireIsAFixedPoint(@ForAll("trees") Node tree) throws IOException {
    byte[] wire = Encoder.encode(tree, OutputFormat.WIRE);
    Node back = TreeParser.parse(Tokenizer.fromBytes(wire, 0, wire.length, "wire", OPTIONS));
    assertEquals(tree, back, () -> new String(wire, StandardCharsets.UTF_8));
    assertArrayEquals(wire, Encoder.encode(back, OutputFormat.WIRE));
    assertArrayEquals(wire, transcode(wire, OutputFormat.WIRE));
  }

  @Property(tries = 60)
  void prettyJsonReadsBackToTheSameJson(@ForAll("untaggedTrees") Node tree) throws IOException {
    byte[] json = Encoder.encode(tree, OutputFormat.JSON);
    byte[] pretty = Encoder.encode(tree, OutputFormat.JSON_PRETTY);
    assertArrayEquals(json, transcode(pretty, OutputFormat.JSON),
        () -> new String(pretty, StandardCharsets.UTF_8));
  }

  private static byte[] transcode(byte[] in, OutputFormat format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (Encoder e = new Encoder(out, format)) {
      Transcoder.copy(Tokenizer.fromBytes(in, 0, in.length, "in",
          OPTIONS.withDocuments(DocumentMode.STREAM)), e);
    }
    return out.toByteArray();
  }

  @Provide
  Arbitrary<Node> trees() {
    return tree(true);
  }

  @Provide
  Arbitrary<Node> untaggedTrees() {
    return tree(false);
  }

  /** Up to four levels of arrays and objects of up to four members: small trees, quick shrinks. */
  private static Arbitrary<Node> tree(boolean tags) {
    Arbitrary<String> tag = Arbitraries.of("!insert", "!delete", "!key(sku)", "!a.b", "!t");
    return Arbitraries.recursive(
        () -> tagged(scalar(), tag, tags),
        inner -> tagged(Arbitraries.oneOf(
            inner.list().ofMaxSize(4).map(Node::array), object(inner)), tag, tags),
        0, 4);
  }

  private static Arbitrary<Node> tagged(Arbitrary<Node> node, Arbitrary<String> tag, boolean on) {
    if (!on) return node;
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, node),
        net.jqwik.api.Tuple.of(1, net.jqwik.api.Combinators.combine(node, tag).as(Node::withTag)));
  }

  private static Arbitrary<Node> object(Arbitrary<Node> values) {
    Arbitrary<NodeKey> key = Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(5).map(NodeKey::field),
        Arbitraries.longs().between(0, NodeKey.MAX_SPARSE_INDEX).map(NodeKey::sparse));
    return net.jqwik.api.Combinators.combine(key, values).as(Map::entry).list().ofMaxSize(4)
        .map(entries -> {
          Map<NodeKey, Node> m = new LinkedHashMap<>();
          for (Map.Entry<NodeKey, Node> e : entries) m.putIfAbsent(e.getKey(), e.getValue());
          return Node.object(new ArrayList<>(m.keySet()), new ArrayList<>(m.values()));
        });
  }

  private static Arbitrary<Node> scalar() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(8).map(Node::string),
        Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
            .map(i -> Node.integer(i.toString())),
        Arbitraries.doubles().map(d -> Node.floating(Double.toString(d))),
        Arbitraries.of(Node.TRUE, Node.FALSE, Node.NULL));
  }
}
