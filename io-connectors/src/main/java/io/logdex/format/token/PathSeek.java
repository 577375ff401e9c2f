package io.logdex.format.token;

import io.logdex.format.TruncatedInputException;
import io.logdex.format.path.PathSegment;
import java.io.IOException;

/**
 * Moves a tokenizer down a relative path, token by token: how {@code get} reaches a node whose
 * path is too long to have an index term, from the bytes of its nearest indexed ancestor. Siblings
 * are skipped as tokens and nothing is kept, so memory is the tokenizer's at any depth or width.
 *
 * <p>Fields, sparse keys and indices only. A keyed element {@code (k)} is named by a field inside
 * it, which a single pass meets after the element has started; callers resolve those on a tree.
 */
public final class PathSeek {
  private PathSeek() {}

  /**
   * Reads the value that starts with t's next token down to the node at {@code rel[from..]}. True
   * when found: t's current token is then that node's first (its tag, if it has one). False when
   * the value lacks the path, or a segment does not fit the node it meets (a field of an array).
   *
   * @throws IllegalArgumentException for a keyed or wildcard segment
   */
  public static boolean seek(Tokenizer t, PathSegment[] rel, int from) throws IOException {
    TokenKind k = nextInValue(t);
    for (int i = from; i < rel.length; i++) {
      while (k == TokenKind.TAG) k = nextInValue(t);
      PathSegment s = rel[i];
      if (s instanceof PathSegment.Field || s instanceof PathSegment.Sparse) {
        if (k != TokenKind.BEGIN_OBJECT) return false;
        k = field(t, s);
      } else if (s instanceof PathSegment.Index ix) {
        if (k != TokenKind.BEGIN_ARRAY) return false;
        k = element(t, ix.index());
      } else {
        throw new IllegalArgumentException("cannot seek a " + s.kind() + " segment in a token stream: " + s);
      }
      if (k == null) return false;
    }
    return true;
  }

  /** In an object just opened: the first token of the field s's value, or null at the end. */
  private static TokenKind field(Tokenizer t, PathSegment s) throws IOException {
    while (true) {
      TokenKind k = nextInValue(t);
      if (k == TokenKind.END_OBJECT) return null;
      boolean match = s instanceof PathSegment.Field f
          ? !t.keyIsSparse() && t.textEquals(f.name())
          : t.keyIsSparse() && t.keyIndex() == ((PathSegment.Sparse) s).index();
      k = nextInValue(t);
      if (match) return k;
      skip(t, k);
    }
  }

  /** In an array just opened: the first token of element i, or null past the last. */
  private static TokenKind element(Tokenizer t, long i) throws IOException {
    for (long n = 0; ; n++) {
      TokenKind k = nextInValue(t);
      if (k == TokenKind.END_ARRAY) return null;
      if (n == i) return k;
      skip(t, k);
    }
  }

  /** Skips the value whose first token is k. */
  private static void skip(Tokenizer t, TokenKind k) throws IOException {
    while (k == TokenKind.TAG) k = nextInValue(t);
    if (k != TokenKind.BEGIN_OBJECT && k != TokenKind.BEGIN_ARRAY) return;
    int depth = t.depth();
    do {
      k = nextInValue(t);
    } while (!((k == TokenKind.END_OBJECT || k == TokenKind.END_ARRAY) && t.depth() == depth));
  }

  /** The next token inside a value: the end of input there is a truncation. */
  public static TokenKind nextInValue(Tokenizer t) throws IOException {
    TokenKind k = t.next();
    if (k == TokenKind.END_OF_INPUT) {
      throw new TruncatedInputException("input ended inside a value",
          t.source(), t.offset(), t.line(), t.column(), null);
    }
    return k;
  }
}
