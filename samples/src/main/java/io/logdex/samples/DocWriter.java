package io.logdex.samples;

import java.io.IOException;
import java.util.Arrays;

/**
 * Writes JSON, pretty JSON or Tony wire from structural calls ({@code beginObject}, {@code key},
 * values, {@code endObject}), inserting separators and indentation. It keeps only one flag per open
 * container, so a 1 GB document costs the same memory as a 1 KB one. Callers are trusted to make
 * well-formed calls (the generators are its only users); misuse shows up in the validity tests.
 */
final class DocWriter {
  private static final byte[] SPACES = new byte[256];
  private static final byte[] TRUE = Lit.ascii("true");
  private static final byte[] FALSE = Lit.ascii("false");
  private static final byte[] NULL = Lit.ascii("null");
  private static final byte[] HEX = Lit.ascii("0123456789abcdef");

  static {
    Arrays.fill(SPACES, (byte) ' ');
  }

  private final ByteSink out;
  private final DocFormat format;
  private final boolean wire;
  private final boolean pretty;
  private boolean[] empty = new boolean[32];
  private int depth;
  private boolean valuePending;

  DocWriter(ByteSink out, DocFormat format) {
    this.out = out;
    this.format = format;
    this.wire = format == DocFormat.WIRE;
    this.pretty = format == DocFormat.PRETTY_JSON;
  }

  void beginObject() throws IOException {
    beforeValue();
    out.write('{');
    push();
  }

  void endObject() throws IOException {
    close('}');
  }

  void beginArray() throws IOException {
    beforeValue();
    out.write('[');
    push();
  }

  void endArray() throws IOException {
    close(']');
  }

  void key(Key k) throws IOException {
    beforeItem();
    out.write(k.spelling(format));
    valuePending = true;
  }

  /** A generated key; unquoted in wire form when it is a plain identifier. */
  void key(Text t) throws IOException {
    beforeItem();
    if (wire && Lit.isBareKey(t.bytes(), 0, t.length())) {
      out.write(t.bytes(), 0, t.length());
    } else {
      writeQuoted(t.bytes(), 0, t.length());
    }
    out.write(':');
    if (wire || pretty) {
      out.write(' ');
    }
    valuePending = true;
  }

  /**
   * An integer key of a sparse array: bare in wire form ({@code {0: .., 13: ..}} is what makes it a
   * sparse array in Tony) and a numeric string in JSON, which has no other spelling for it.
   */
  void key(int index) throws IOException {
    beforeItem();
    if (wire) {
      out.dec(index);
      out.write(':');
      out.write(' ');
    } else {
      out.write('"');
      out.dec(index);
      out.write('"');
      out.write(':');
      if (pretty) {
        out.write(' ');
      }
    }
    valuePending = true;
  }

  /** A Tony tag such as {@code !key(name)} before the next value; JSON has none, so it is dropped. */
  void tag(byte[] tag) throws IOException {
    if (!wire) {
      return;
    }
    beforeValue();
    out.write(tag);
    out.write(' ');
    valuePending = true;
  }

  /** A value already quoted and escaped (see {@link Lit#quoted}). */
  void literal(byte[] quoted) throws IOException {
    beforeValue();
    out.write(quoted);
  }

  void str(Text t) throws IOException {
    beforeValue();
    writeQuoted(t.bytes(), 0, t.length());
  }

  void num(long v) throws IOException {
    beforeValue();
    out.dec(v);
  }

  /** A decimal fraction {@code thousandths / 1000} spelled without exponent, e.g. 0.412. */
  void thousandths(long thousandths) throws IOException {
    beforeValue();
    if (thousandths < 0) {
      out.write('-');
      thousandths = -thousandths;
    }
    out.dec(thousandths / 1000);
    out.write('.');
    out.zeroPadded(thousandths % 1000, 3);
  }

  void bool(boolean v) throws IOException {
    beforeValue();
    out.write(v ? TRUE : FALSE);
  }

  void nul() throws IOException {
    beforeValue();
    out.write(NULL);
  }

  /** Ends a top-level document: one per line in streams. */
  void endDocument() throws IOException {
    if (depth != 0) {
      throw new IllegalStateException("document ended inside " + depth + " open containers");
    }
    out.write('\n');
  }

  private void writeQuoted(byte[] b, int off, int len) throws IOException {
    out.write('"');
    int start = off;
    for (int i = off; i < off + len; i++) {
      byte c = b[i];
      if (Lit.needsEscape(c)) {
        out.write(b, start, i - start);
        writeEscape(c);
        start = i + 1;
      }
    }
    out.write(b, start, off + len - start);
    out.write('"');
  }

  private void writeEscape(byte c) throws IOException {
    out.write('\\');
    switch (c) {
      case '"':
      case '\\':
        out.write(c);
        return;
      case '\n':
        out.write('n');
        return;
      case '\t':
        out.write('t');
        return;
      case '\r':
        out.write('r');
        return;
      default:
        out.write('u');
        out.write('0');
        out.write('0');
        out.write(HEX[(c >> 4) & 15]);
        out.write(HEX[c & 15]);
    }
  }

  private void beforeValue() throws IOException {
    if (valuePending) {
      valuePending = false;
      return;
    }
    beforeItem();
  }

  private void beforeItem() throws IOException {
    if (depth == 0) {
      return;
    }
    if (empty[depth]) {
      empty[depth] = false;
    } else {
      out.write(',');
      if (wire) {
        out.write(' ');
      }
    }
    if (pretty) {
      newlineIndent(depth);
    }
  }

  private void push() {
    depth++;
    if (depth == empty.length) {
      empty = Arrays.copyOf(empty, depth * 2);
    }
    empty[depth] = true;
  }

  private void close(char bracket) throws IOException {
    boolean wasEmpty = empty[depth];
    depth--;
    if (pretty && !wasEmpty) {
      newlineIndent(depth);
    }
    out.write(bracket);
  }

  private void newlineIndent(int level) throws IOException {
    out.write('\n');
    int n = 2 * level;
    while (n > 0) {
      int k = Math.min(n, SPACES.length);
      out.write(SPACES, 0, k);
      n -= k;
    }
  }
}
