package io.logdex.format.history;

import io.logdex.format.FormatException;
import io.logdex.format.encode.Encoder;
import io.logdex.format.encode.OutputFormat;
import io.logdex.format.encode.Transcoder;
import io.logdex.format.path.KindedPath;
import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import io.logdex.format.tree.TreeParser;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * What {@link StreamingApply} does with one value of the state whose first token is the
 * tokenizer's current one: copy it token by token, skip it, or build it as a tree under a byte cap.
 * Afterwards the current token is the value's last.
 */
final class TokenCopy {
  private TokenCopy() {}

  /** Writes the current value to out, its tag included when the current token is the tag. */
  static void copy(Tokenizer in, Encoder out) throws IOException {
    Transcoder.copyCurrentValue(in, out);
  }

  /** Moves past the current value without writing or decoding it. */
  static void skip(Tokenizer in) throws IOException {
    int depth = 0;
    TokenKind k = in.current();
    while (true) {
      if (k == TokenKind.BEGIN_OBJECT || k == TokenKind.BEGIN_ARRAY) depth++;
      else if (k == TokenKind.END_OBJECT || k == TokenKind.END_ARRAY) depth--;
      else if (k == TokenKind.TAG || k == TokenKind.KEY) {
        k = next(in);
        continue;
      }
      if (depth == 0) return;
      k = next(in);
    }
  }

  /**
   * The current value as a tree, tag (read before it) included. It goes through canonical wire
   * bytes, which re-read losslessly, and fails once the input has spent more than maxBytes on it,
   * so a hostile or merely huge subtree is never built.
   *
   * @param start the offset of the value's first token (its tag's, when it has one)
   * @throws FormatException over the cap, naming the path, the offset and the cap
   */
  static Node materialize(Tokenizer in, String tag, long start, KindedPath path, long maxBytes) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(256);
    Encoder enc = new Encoder(buf, OutputFormat.WIRE, 4096);
    // Inside brackets: a lone literal such as | re-reads as a value only there.
    enc.beginArray();
    if (tag != null) enc.tag(tag);
    int depth = 0;
    TokenKind k = in.current();
    while (true) {
      if (in.offset() + in.length() - start > maxBytes) {
        throw new FormatException("the state here is a subtree of more than " + maxBytes
            + " bytes that a positional or keyed diff (!arraydiff, !key) changes, so it must be held as a"
            + " tree; raise the materialization cap", in.source(), start, -1, -1, path.toString());
      }
      Transcoder.copyToken(in, enc);
      if (k == TokenKind.BEGIN_OBJECT || k == TokenKind.BEGIN_ARRAY) depth++;
      else if (k == TokenKind.END_OBJECT || k == TokenKind.END_ARRAY) depth--;
      else if (k == TokenKind.KEY) {
        k = next(in);
        continue;
      }
      if (depth == 0) break;
      k = next(in);
    }
    enc.endArray();
    enc.flush();
    byte[] b = buf.toByteArray();
    return TreeParser.parse(b, 0, b.length, in.source() + " at " + start).child(0);
  }

  /** The current KEY token as a NodeKey. */
  static NodeKey key(Tokenizer in) throws FormatException {
    return in.keyIsSparse() ? NodeKey.sparse(in.keyIndex()) : NodeKey.field(in.text());
  }

  /** The next token; the end of input inside a value is truncation. */
  static TokenKind next(Tokenizer in) throws IOException {
    return Transcoder.nextInValue(in);
  }
}
