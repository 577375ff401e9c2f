package io.logdex.format.encode;

import io.logdex.format.FormatException;
import io.logdex.format.token.PathSeek;
import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import java.io.IOException;

/**
 * Converts between JSON and Tony wire token by token, never building a tree: memory is the
 * tokenizer's buffer plus the encoder's, whatever the input size (what {@code logdex convert}
 * runs). Output is canonical, so transcoding it again gives the same bytes. The implicit nulls of
 * {@code {a b}} and of a tag with no value become explicit {@code null}; comments and layout are
 * not kept. A string, number or literal longer than the tokenizer's {@code maxTokenBytes} fails
 * with the tokenizer's error naming its offset.
 */
public final class Transcoder {
  private Transcoder() {}

  /**
   * Copies every remaining token of the input to the encoder, up to the end of input. Does not
   * flush or close the encoder.
   *
   * @return the number of documents written
   * @throws FormatException for bad input, or for a value the encoder cannot write as it was read
   *     (a literal the output format cannot hold as itself), naming the input position
   */
  public static long copy(Tokenizer in, Encoder out) throws IOException {
    long before = out.documentCount();
    while (in.next() != TokenKind.END_OF_INPUT) copyToken(in, out);
    return out.documentCount() - before;
  }

  /**
   * Copies exactly one value, starting with the tokenizer's next token (its tag, if any, included):
   * for extracting a sub-document found by its offset.
   *
   * @throws FormatException if the input ends first or the next token does not start a value
   */
  public static void copyValue(Tokenizer in, Encoder out) throws IOException {
    TokenKind k = nextInValue(in);
    if (k != TokenKind.TAG && !k.startsValue()) throw in.error("expected a value, found " + k.inWords());
    copyCurrentValue(in, out);
  }

  /**
   * Copies the value whose first token (its tag, if it has one) is the tokenizer's current token;
   * afterwards the current token is the value's last.
   */
  public static void copyCurrentValue(Tokenizer in, Encoder out) throws IOException {
    int depth = 0;
    TokenKind k = in.current();
    while (true) {
      copyToken(in, out);
      if (k == TokenKind.BEGIN_OBJECT || k == TokenKind.BEGIN_ARRAY) depth++;
      else if (k == TokenKind.END_OBJECT || k == TokenKind.END_ARRAY) depth--;
      else if (k == TokenKind.TAG || k == TokenKind.KEY) {
        k = nextInValue(in);
        continue;
      }
      if (depth == 0) return;
      k = nextInValue(in);
    }
  }

  /** The next token inside a value: the end of input there is a truncation. */
  public static TokenKind nextInValue(Tokenizer in) throws IOException {
    return PathSeek.nextInValue(in);
  }

  /** Writes the tokenizer's current token (a key or tag as itself). */
  public static void copyToken(Tokenizer in, Encoder out) throws IOException {
    TokenKind k = in.current();
    try {
      switch (k) {
        case BEGIN_OBJECT:
          out.beginObject();
          break;
        case END_OBJECT:
          out.endObject();
          break;
        case BEGIN_ARRAY:
          out.beginArray();
          break;
        case END_ARRAY:
          out.endArray();
          break;
        case KEY:
          if (in.keyIsSparse()) out.sparseKey(in.keyIndex());
          else out.fieldKey(in.text());
          break;
        case TAG:
          out.tag(in.text());
          break;
        case STRING:
          out.string(in.text());
          break;
        case INTEGER:
          out.integer(in.text());
          break;
        case FLOAT:
          out.floating(in.text());
          break;
        case LITERAL:
          out.literal(in.text());
          break;
        case TRUE:
          out.bool(true);
          break;
        case FALSE:
          out.bool(false);
          break;
        case NULL:
          out.nul();
          break;
        default:
          throw in.error("unexpected " + k.inWords());
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      // The tokenizer accepted it, so this is input the output cannot carry: report where it is.
      throw new FormatException("cannot write " + k.inWords() + " here: " + e.getMessage(), in.source(),
          in.offset(), in.line(), in.column(), in.path(), e);
    }
  }
}
