package io.logdex.io.oplog;

import io.logdex.format.FormatException;
import io.logdex.format.token.DocumentMode;
import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.token.TokenizerOptions;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import java.io.IOException;

/**
 * Parses one JSON or Tony wire line into a {@link Node}, in place over the line's bytes. Offsets in
 * errors are file offsets; a line's syntax error becomes a {@link LineRejected} with the tokenizer's
 * reason, the byte column within the line and the kinded path where it broke.
 */
final class LineParser {
  private final String source;
  private final TokenizerOptions options;

  LineParser(String source, int maxLineBytes) {
    this.source = source;
    this.options =
        TokenizerOptions.defaults()
            .withDocuments(DocumentMode.SINGLE)
            .withMaxTokenBytes(Math.max(1, maxLineBytes));
  }

  /** The tokens of the line {@code b[off, off+len)} at file offset, as parse() reads them. */
  Tokenizer tokens(byte[] b, int off, int len, long offset) {
    return Tokenizer.fromBytes(b, off, len, offset, source, options);
  }

  Node parse(byte[] b, int off, int len, long offset) throws LineRejected {
    try {
      Tokenizer t = tokens(b, off, len, offset);
      if (t.next() == TokenKind.END_OF_INPUT) throw new LineRejected("no value on the line");
      Node n = TreeParser.parseCurrent(t);
      if (t.next() != TokenKind.END_OF_INPUT) {
        throw new LineRejected("more than one value on the line");
      }
      return n;
    } catch (FormatException e) {
      String where = e.offset() >= offset ? " (byte " + (e.offset() - offset + 1) + " of the line)" : "";
      throw new LineRejected(e.reason() + where, e.path());
    } catch (IOException e) {
      // Bytes in memory: only a FormatException can come out, but the signature says IOException.
      throw new LineRejected("unreadable line: " + e.getMessage());
    }
  }
}
