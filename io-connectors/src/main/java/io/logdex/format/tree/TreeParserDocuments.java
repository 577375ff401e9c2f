package io.logdex.format.tree;

import io.logdex.format.token.Tokenizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/** {@link TreeParser#documents}: one tree per document, read only when asked for. */
final class TreeParserDocuments implements Iterator<Node> {
  private final Tokenizer tokenizer;
  private Node next;
  private boolean done;

  TreeParserDocuments(Tokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  @Override
  public boolean hasNext() {
    if (next == null && !done) {
      try {
        next = TreeParser.nextDocument(tokenizer);
      } catch (IOException e) {
        done = true;
        throw new UncheckedIOException(e);
      }
      if (next == null) done = true;
    }
    return next != null;
  }

  @Override
  public Node next() {
    if (!hasNext()) throw new NoSuchElementException();
    Node n = next;
    next = null;
    return n;
  }
}
