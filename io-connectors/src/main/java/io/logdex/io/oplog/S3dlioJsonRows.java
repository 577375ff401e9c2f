package io.logdex.io.oplog;

import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.tree.Node;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * s3dlio JSONL lines as {@link S3dlioRow}s, from one walk over their tokens: no tree, no String per
 * value. A cell is the raw bytes of its value, a string's contents between the quotes or a number's
 * lexeme, so the build's entry and terms keep the input's bytes exactly.
 *
 * <p>Only the plain case is taken: one flat object of the 13 columns, each named once in its
 * canonical lower-case form, holding a string without escapes, a non-negative integer without
 * leading zeros or null, where the column's typing accepts it as written. Anything else (escapes,
 * tags, nesting, other keys or cases, a value the typing would reject or change, a syntax error)
 * returns null and the line takes the tree path, which owns every rejection and its reason. That
 * path's tokens come from the same tokenizer ({@link LineParser#tokens}), so a line is read under
 * the same syntax either way.
 *
 * <p>Whether an integer in a text column (a u64 {@code thread}) stays a number or becomes a string
 * is not decided here: it is learnt once from the tree path itself ({@link #integerIn}), so the two
 * paths cannot drift apart when the typing changes. Not thread-safe; one per reader.
 */
final class S3dlioJsonRows {
  private static final int COLUMNS = S3dlioColumn.count();
  private static final S3dlioColumn[] ALL = S3dlioColumn.values();

  private final String file;
  private final LineParser parser;
  private final byte[] integerIn = new byte[COLUMNS]; // per column: what an integer becomes, 0: rejected
  private final byte[] nullIn = new byte[COLUMNS]; // per column: what null becomes, 0: rejected
  private final Utf8Text utf8 = new Utf8Text();
  private S3dlioColumn[] layout = ALL.clone(); // the last row's column order, shared while it repeats
  /**
   * One tokenizer for every line, not one per line: its frames were most of what a JSONL build
   * allocated. Only accept uses it, and it does not outlive the call.
   */
  private Tokenizer tokens;

  S3dlioJsonRows(String file, LineParser parser) {
    this.file = file;
    this.parser = parser;
    for (S3dlioColumn c : ALL) {
      integerIn[c.ordinal()] = probe(parser, c, "7");
      nullIn[c.ordinal()] = probe(parser, c, "null");
    }
  }

  /**
   * What the tree path makes of the JSON value in column c: {@link S3dlioRow#INTEGER} (a number
   * with the same text), {@link S3dlioRow#STRING} (a string with the value's text), {@link
   * S3dlioRow#NULL}, or 0 (anything else, a rejection included).
   */
  private static byte probe(LineParser parser, S3dlioColumn c, String value) {
    String line = c == S3dlioColumn.OP ? "{\"op\":" + value + "}" : "{\"op\":\"GET\",\"" + c.name + "\":" + value + "}";
    byte[] b = line.getBytes(StandardCharsets.US_ASCII);
    try {
      RecordShapes.Shaped s = RecordShapes.shape(parser.parse(b, 0, b.length, 0, -1));
      Node v = s.kind == OpLogRecord.Kind.S3DLIO ? s.fields.get(c.name) : null;
      if (v == null) return 0;
      if (v.kind() == Node.Kind.NULL) return value.equals("null") ? S3dlioRow.NULL : 0;
      if (!value.equals(v.text())) return 0;
      return v.kind() == Node.Kind.INTEGER ? S3dlioRow.INTEGER : v.kind() == Node.Kind.STRING ? S3dlioRow.STRING : 0;
    } catch (LineRejected e) {
      return 0;
    }
  }

  /** The row of the line {@code b[off, off+len)}, or null when the tree path must read it. */
  S3dlioRow accept(byte[] b, int off, int len, long offset, long line, long length) {
    byte[] copy = Arrays.copyOfRange(b, off, off + len); // rows outlive the reader's buffer
    boolean ascii = S3dlioRow.isAscii(copy, 0, copy.length);
    int[] bounds = new int[2 * COLUMNS];
    byte[] kinds = new byte[COLUMNS];
    S3dlioColumn[] order = layout;
    boolean reordered = false;
    int seen = 0; // bit per column
    try {
      Tokenizer t = tokens == null
          ? (tokens = parser.tokens(copy, 0, copy.length, offset))
          : tokens.reuse(copy, 0, copy.length, offset);
      if (t.next() != TokenKind.BEGIN_OBJECT) return null;
      int n = 0;
      for (TokenKind k = t.next(); k != TokenKind.END_OBJECT; k = t.next(), n++) {
        if (k != TokenKind.KEY || n == COLUMNS || t.keyIsSparse()) return null;
        S3dlioColumn c = order[n];
        if (!t.textEquals(c.name)) {
          c = column(t);
          if (c == null) return null;
          if (!reordered) order = order.clone();
          reordered = true;
          order[n] = c;
        }
        if ((seen & (1 << c.ordinal())) != 0) return null;
        seen |= 1 << c.ordinal();
        byte kind = cell(t.next(), t, c, copy, bounds, n, ascii);
        if (kind == 0) return null;
        kinds[n] = kind;
      }
      if (n != COLUMNS || t.next() != TokenKind.END_OF_INPUT) return null;
    } catch (IOException e) {
      return null; // a syntax error: the tree path rejects the line with its reason
    }
    if (reordered) layout = order;
    return S3dlioRow.ofJson(file, offset, line, length, layout, copy, bounds, kinds, parser, ascii);
  }

  /** The column named exactly by the current key, or null. */
  private static S3dlioColumn column(Tokenizer t) throws IOException {
    for (S3dlioColumn c : ALL) if (t.textEquals(c.name)) return c;
    return null;
  }

  /** Records the value token's cell at position n and returns its kind, or 0 for the tree path. */
  private byte cell(TokenKind k, Tokenizer t, S3dlioColumn c, byte[] b, int[] bounds, int n, boolean ascii) {
    if (t.isImplicit() || !t.isMaterialized()) return 0;
    int s = t.rawStart();
    int e = s + (int) t.length();
    byte kind;
    switch (k) {
      case STRING:
        if (t.hasEscapes()) return 0;
        s++;
        e--;
        // As a TSV cell: a text the column's typing takes as written, or an empty optional (null).
        // A cell it would read as a number is a string in a number column, which JSON rejects.
        kind = S3dlioRow.kind(c, b, s, e);
        if (kind == S3dlioRow.INTEGER) return 0;
        if (kind == S3dlioRow.STRING && !ascii && !S3dlioRow.validUtf8(b, s, e, utf8)) return 0;
        break;
      case INTEGER:
        // The same text either way; the TSV typing checks the range of a number column.
        if (!plainDigits(b, s, e) || S3dlioRow.kind(c, b, s, e) == 0) return 0;
        kind = integerIn[c.ordinal()];
        break;
      case NULL:
        kind = nullIn[c.ordinal()];
        break;
      default:
        return 0;
    }
    bounds[2 * n] = s;
    bounds[2 * n + 1] = e;
    return kind;
  }

  /** Digits only, no sign, no leading zero (but "0"): the same text as a number and as a string. */
  private static boolean plainDigits(byte[] b, int s, int e) {
    if (e <= s || e - s > 20 || (b[s] == '0' && e - s > 1)) return false;
    for (int i = s; i < e; i++) if (b[i] < '0' || b[i] > '9') return false;
    return true;
  }
}
