package io.logdex.transforms;

import io.logdex.format.index.ShardBuilder;
import io.logdex.format.index.Terms;
import io.logdex.format.index.TypedValues;
import io.logdex.format.encode.JsonEscapes;
import io.logdex.format.index.Words;
import io.logdex.io.oplog.S3dlioRow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The log entry and the terms of an s3dlio row, straight from the row's bytes: what {@link
 * RecordEntries#toEntry}, {@code LogEntryCodec.toWire} and {@link EntryTerms#index} make of the
 * same line through its tree, byte for byte, without the tree. Per line that tree (a node and a
 * string per cell) and its encoding cost about as much as indexing the words. Rows come from s3dlio
 * TSV lines and from plain s3dlio JSONL lines ({@code S3dlioJsonRows}: cells are then the values'
 * raw bytes, numbers by their lexeme).
 *
 * <p>The entry is {@code {commit: idx, seq: 0, timestamp: start, diff: {cells in file order}}} in
 * canonical Tony wire: keys bare (the 13 names need no quotes), integers as their digits, strings
 * double-quoted with JSON escapes and their UTF-8 as is (a valid line re-encodes to its own bytes),
 * an empty {@code error} or {@code first_byte} as {@code null}. Terms follow {@link EntryTerms}:
 * the words of the string cells in file order, then a field term or a typed value ({@link
 * TypedFields}, in the same order) per cell, then the entry's commit and time; an s3dlio operation
 * has no path terms.
 *
 * <p>One instance per ingester: the wire and term buffers are reused from row to row.
 */
final class S3dlioRowEntries {
  private static final byte[] NULL = ascii("null");
  private static final boolean[] WORD_CHAR = new boolean[128];

  static {
    for (int c = 0; c < 128; c++) WORD_CHAR[c] = Words.isWordCodePoint(c);
  }

  private byte[] wire = new byte[1024];
  private int wireLength;
  private final byte[] term = new byte[1 + Terms.MAX_FIELD_NAME_BYTES + 1 + Terms.MAX_FIELD_VALUE_BYTES];
  private final byte[] digits = new byte[20];
  private S3dlioRow row;
  private long commit;
  private int idx = -1;
  private int start = -1;
  private Object layout; // the header the positions above were found for
  private final TypedFields typed = new TypedFields();
  private long[] times = new long[16]; // per string cell of the row being indexed: its typed time

  /**
   * Encodes the row's entry; false when the tree path must take the row: an {@code idx} above
   * 2^63-1, which that path rejects with its own reason, or a leap-second {@code start}.
   */
  boolean encode(S3dlioRow r) {
    row = r;
    if (layout != r.layout()) locate(r);
    byte[] b = r.bytes();
    long c = 0;
    for (int i = r.start(idx), e = r.end(idx); i < e; i++) {
      int d = b[i] - '0';
      if (c > (Long.MAX_VALUE - d) / 10) return false;
      c = c * 10 + d;
    }
    // The row's start passed the s3dlio check, which allows a leap second; the entry's own check
    // (LogEntry) does not, so such a row takes the tree path and fails there as it always has.
    int t = r.start(start);
    if (b[t + 17] == '6' && b[t + 18] == '0') return false;
    commit = c;
    wireLength = 0;
    put("{commit: ");
    putDecimal(c);
    put(", seq: 0, timestamp: ");
    putQuoted(b, r.start(start), r.end(start));
    put(", diff: {");
    for (int i = 0, n = r.columns(); i < n; i++) {
      if (i > 0) put(", ");
      put(r.name(i));
      put(": ");
      switch (r.kind(i)) {
        case S3dlioRow.INTEGER:
          put(b, r.start(i), r.end(i) - r.start(i));
          break;
        case S3dlioRow.NULL:
          put(NULL, 0, NULL.length);
          break;
        default:
          putQuoted(b, r.start(i), r.end(i));
      }
    }
    put("}}");
    return true;
  }

  /** Finds idx and start once per header. */
  private void locate(S3dlioRow r) {
    idx = r.position("idx");
    start = r.position("start");
    layout = r.layout();
    if (idx < 0 || start < 0 || r.kind(idx) != S3dlioRow.INTEGER || r.kind(start) != S3dlioRow.STRING) {
      throw new IllegalStateException("s3dlio row without idx or start: " + r);
    }
  }

  long commit() {
    return commit;
  }

  /** The entry's wire bytes are {@code wire()[0, wireLength())}, until the next encode. */
  byte[] wire() {
    return wire;
  }

  int wireLength() {
    return wireLength;
  }

  /**
   * Adds the terms of the last encoded row for docId; returns its word count. Terms are queued
   * ({@link ShardBuilder#queueTerm}), so the row's hash-table lookups are made together.
   */
  int index(ShardBuilder shard, long docId) throws IOException {
    S3dlioRow r = row;
    byte[] b = r.bytes();
    int n = r.columns();
    long words = 0;
    if (times.length < n) times = new long[n];
    for (int i = 0; i < n; i++) {
      // A time is a typed value, not words (TypedFields): its fraction would be a word per record.
      if (r.kind(i) != S3dlioRow.STRING) continue;
      times[i] = TypedValues.time(b, r.start(i), r.end(i));
      if (times[i] == TypedValues.NONE) words += addWords(shard, docId, b, r.start(i), r.end(i));
    }
    for (int i = 0; i < n; i++) {
      switch (r.kind(i)) {
        case S3dlioRow.NULL:
          addField(shard, docId, r.name(i), NULL, 0, NULL.length);
          break;
        case S3dlioRow.INTEGER:
          if (!typed.add(shard, docId, r.name(i), TypedValues.NUMBER, TypedValues.number(b, r.start(i), r.end(i)))) {
            addField(shard, docId, r.name(i), b, r.start(i), r.end(i));
          }
          break;
        default:
          if (!typed.add(shard, docId, r.name(i), TypedValues.TIME, times[i])) {
            addField(shard, docId, r.name(i), b, r.start(i), r.end(i));
          }
      }
    }
    if (!typed.add(shard, docId, "commit", TypedValues.NUMBER, commit)) {
      int d = decimal(commit);
      addField(shard, docId, "commit", digits, digits.length - d, digits.length);
    }
    typed.add(shard, docId, "timestamp", TypedValues.TIME, times[start]); // start is a string cell (locate)
    shard.flushTerms();
    return (int) Math.min(Integer.MAX_VALUE, words);
  }

  /** ShardBuilder.addWords on b[s, e), ASCII built in place; other text through addWords itself. */
  private int addWords(ShardBuilder shard, long docId, byte[] b, int s, int e) throws IOException {
    if (!row.isAscii() && !S3dlioRow.isAscii(b, s, e)) return shard.addWords(docId, new String(b, s, e - s, StandardCharsets.UTF_8));
    byte[] t = term;
    t[0] = Terms.WORD;
    int words = 0;
    int i = s;
    while (i < e) {
      byte c = b[i];
      if (!WORD_CHAR[c]) {
        i++;
        continue;
      }
      int len = 1;
      do {
        if (len <= Words.MAX_WORD_CODE_POINTS) t[len++] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        i++;
      } while (i < e && WORD_CHAR[c = b[i]]);
      shard.queueTerm(docId, t, 0, len);
      words++;
    }
    return words;
  }

  /** ShardBuilder.addField(name, text of v[s, e)): ASCII built in place, else through addField. */
  private void addField(ShardBuilder shard, long docId, String name, byte[] v, int s, int e)
      throws IOException {
    // v is the row's bytes or an ASCII constant (null, digits): an ASCII row needs no scan.
    if (!row.isAscii() && !S3dlioRow.isAscii(v, s, e)) {
      shard.addField(docId, name, new String(v, s, e - s, StandardCharsets.UTF_8));
      return;
    }
    byte[] t = term;
    t[0] = Terms.FIELD;
    int nl = name.length();
    for (int i = 0; i < nl; i++) t[1 + i] = (byte) name.charAt(i);
    t[1 + nl] = ':';
    int cut = Math.min(e - s, Terms.MAX_FIELD_VALUE_BYTES);
    for (int i = 0; i < cut; i++) t[2 + nl + i] = Terms.asciiFieldByte(v[s + i]);
    shard.queueTerm(docId, t, 0, 2 + nl + cut);
  }

  // ---- the wire buffer ----

  private void room(int n) {
    if (wireLength + n > wire.length) wire = Arrays.copyOf(wire, Math.max(wire.length * 2, wireLength + n));
  }

  private void put(String ascii) {
    int n = ascii.length();
    room(n);
    for (int i = 0; i < n; i++) wire[wireLength++] = (byte) ascii.charAt(i);
  }

  private void put(byte[] b, int off, int len) {
    room(len);
    System.arraycopy(b, off, wire, wireLength, len);
    wireLength += len;
  }

  /** Non-negative v in decimal into digits[return value from the end...]: its length. */
  private int decimal(long v) {
    int p = digits.length;
    do {
      digits[--p] = (byte) ('0' + v % 10);
      v /= 10;
    } while (v != 0);
    return digits.length - p;
  }

  private void putDecimal(long v) {
    int n = decimal(v);
    put(digits, digits.length - n, n);
  }

  /** The text of valid UTF-8 b[s, e) as Encoder.string writes it. */
  private void putQuoted(byte[] b, int s, int e) {
    if (row.cellsNeedNoEscapes()) {
      room(2 + e - s);
      wire[wireLength++] = '"';
      put(b, s, e - s);
      wire[wireLength++] = '"';
      return;
    }
    room(2 + 6 * (e - s));
    byte[] w = wire;
    int p = wireLength;
    w[p++] = '"';
    int i = s;
    while (i < e) {
      // Cells rarely hold a byte to escape (JSONL cells never do): copy each run of plain bytes
      // in one arraycopy rather than byte by byte through the table.
      int plain = i;
      while (plain < e && (b[plain] < 0 || JsonEscapes.of(b[plain]) == 0)) plain++;
      System.arraycopy(b, i, w, p, plain - i);
      p += plain - i;
      if (plain == e) break;
      i = plain;
      byte c = b[i++];
      byte x = JsonEscapes.of(c);
      if (x == 'u') {
        w[p++] = '\\';
        w[p++] = 'u';
        w[p++] = '0';
        w[p++] = '0';
        w[p++] = JsonEscapes.HEX[(c >> 4) & 0xF];
        w[p++] = JsonEscapes.HEX[c & 0xF];
      } else {
        w[p++] = '\\';
        w[p++] = x;
      }
    }
    w[p++] = '"';
    wireLength = p;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
