package io.logdex.io.oplog;

import io.logdex.format.FormatException;
import io.logdex.format.token.DocumentMode;
import io.logdex.format.token.Syntax;
import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.token.TokenizerOptions;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import java.io.IOException;

/**
 * Parses one JSON or Tony wire line into a {@link Node}, in place over the line's bytes, in the
 * syntax its file's format says (strict JSON unless the file is Tony). A line's syntax error becomes
 * a {@link LineRejected} with the tokenizer's reason, the file offset, line and byte column where
 * it broke, and the kinded path.
 */
final class LineParser {
  private final String source;
  private final TokenizerOptions options;

  LineParser(String source, int maxLineBytes, Syntax syntax) {
    this.source = source;
    this.options =
        TokenizerOptions.defaults()
            .withDocuments(DocumentMode.SINGLE)
            .withSyntax(syntax)
            .withMaxTokenBytes(Math.max(1, maxLineBytes));
  }

  /** The tokens of the line {@code b[off, off+len)} at file offset, as parse() reads them. */
  Tokenizer tokens(byte[] b, int off, int len, long offset) {
    return Tokenizer.fromBytes(b, off, len, offset, source, options);
  }

  /** The line {@code b[off, off+len)}, which starts at file offset {@code offset} on line (or -1). */
  Node parse(byte[] b, int off, int len, long offset, long line) throws LineRejected {
    try {
      Tokenizer t = tokens(b, off, len, offset);
      if (t.next() == TokenKind.END_OF_INPUT) throw new LineRejected("no value on the line");
      Node n = TreeParser.parseCurrent(t);
      if (t.next() != TokenKind.END_OF_INPUT) {
        throw new LineRejected("more than one value on the line");
      }
      return n;
    } catch (FormatException e) {
      StringBuilder where = new StringBuilder();
      if (e.offset() >= offset) {
        where.append(" (offset ").append(e.offset());
        if (line > 0) where.append(", line ").append(line);
        where.append(", column ").append(e.offset() - offset + 1).append(')');
      }
      throw new LineRejected(e.reason() + where, e.path());
    } catch (IOException e) {
      // Bytes in memory: only a FormatException can come out, but the signature says IOException.
      throw new LineRejected("unreadable line: " + e.getMessage());
    }
  }
}
