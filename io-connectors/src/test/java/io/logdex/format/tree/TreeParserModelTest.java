package io.logdex.format.tree;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.logdex.format.token.DocumentMode;
import io.logdex.format.token.RandomDocuments;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.token.TokenizerOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seeded random models, rendered in random syntax: parsing gives back the model. */
class TreeParserModelTest {
  @Test
  void parsesEveryRenderingBackToItsModel() throws IOException {
    for (int seed = 0; seed < 300; seed++) {
      RandomDocuments gen = new RandomDocuments(seed, seed % 3 != 0);
      RandomDocuments.Doc doc = gen.document(5);
      assertEquals(doc.tree, TreeParser.parse(doc.text), doc.text);
      assertEquals(doc.tree, TreeParser.parse(new ByteArrayInputStream(doc.bytes()), "s"), doc.text);
    }
  }

  @Test
  void parsesEveryDocumentOfAStream() throws IOException {
    TokenizerOptions stream = TokenizerOptions.defaults().withDocuments(DocumentMode.STREAM)
        .withBufferSize(7);
    for (int seed = 0; seed < 200; seed++) {
      RandomDocuments gen = new RandomDocuments(seed, seed % 3 != 0);
      StringBuilder text = new StringBuilder();
      List<RandomDocuments.Doc> docs = gen.stream(1 + gen.random().nextInt(5), 3, text);
      byte[] b = text.toString().getBytes(StandardCharsets.UTF_8);
      Iterator<Node> it =
          TreeParser.documents(Tokenizer.fromStream(new ByteArrayInputStream(b), "s", stream));
      for (RandomDocuments.Doc d : docs) assertEquals(d.tree, it.next(), text.toString());
      assertFalse(it.hasNext());
    }
  }
}
