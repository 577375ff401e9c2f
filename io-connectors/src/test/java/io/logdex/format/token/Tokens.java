package io.logdex.format.token;

import io.logdex.format.FormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Test helper: every token of a tokenizer as one comparable line each. */
public final class Tokens {
  private Tokens() {}

  /** One line describing everything the current token reports. */
  public static String describe(Tokenizer t) throws FormatException {
    StringBuilder sb = new StringBuilder();
    sb.append(t.current()).append(" off=").append(t.offset()).append(" len=").append(t.length())
        .append(" depth=").append(t.depth()).append(" node=").append(t.nodeOffset())
        .append(" doc=").append(t.documentIndex()).append(" line=").append(t.line())
        .append(" col=").append(t.column());
    if (t.isImplicit()) sb.append(" implicit");
    if (t.keyIsSparse()) sb.append(" sparse=").append(t.keyIndex());
    sb.append(" path=");
    t.appendPath(sb);
    sb.append(" text=").append(t.isMaterialized() ? t.text() : "<not materialized>");
    return sb.toString();
  }

  /** All tokens to END_OF_INPUT, letting exceptions through. */
  public static List<String> describeAll(Tokenizer t) throws IOException {
    List<String> out = new ArrayList<>();
    while (t.next() != TokenKind.END_OF_INPUT) out.add(describe(t));
    return out;
  }

  /** All tokens to END_OF_INPUT; an exception ends the list with a line naming it. */
  public static List<String> all(Tokenizer t) {
    List<String> out = new ArrayList<>();
    try {
      for (;;) {
        TokenKind k = t.next();
        out.add(describe(t));
        if (k == TokenKind.END_OF_INPUT) break;
      }
    } catch (FormatException e) {
      out.add(e.getClass().getSimpleName() + " at " + e.offset() + ": " + e.reason());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
    return out;
  }
}
