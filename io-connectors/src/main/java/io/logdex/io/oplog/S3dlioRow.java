package io.logdex.io.oplog;

import io.logdex.format.tree.Node;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * A row of an s3dlio TSV that the strict typing of {@link S3dlioColumn} already accepted, kept as
 * its bytes and cell bounds instead of a tree, so that a consumer that only re-encodes and indexes
 * it (the build's ingester) never builds one. {@link #toRecord()} gives the very record the tree
 * path gives for the same line. An s3dlio JSONL line becomes a row too ({@link S3dlioJsonRows}):
 * its cells are then the raw bytes of its values (string contents between the quotes, numbers'
 * lexemes), in the line's key order.
 *
 * <p>Acceptance is deliberately narrower than the typing: a row is made only when every check
 * passes outright; anything the check cannot settle on its own (a 20-digit number, a timestamp it
 * does not like, bad UTF-8, a wrong cell count) goes down the tree path, which owns every
 * rejection and its reason.
 */
public final class S3dlioRow {
  /** What a cell holds once typed. */
  public static final byte INTEGER = 1;
  public static final byte STRING = 2;
  public static final byte NULL = 3;

  private static final byte[][] OPS = S3dlioColumn.OPS.stream()
      .map(op -> op.getBytes(StandardCharsets.US_ASCII)).toArray(byte[][]::new);

  private final String file;
  private final long offset;
  private final long line;
  private final long length;
  private final Header header; // of a TSV row; null for a JSON line's
  private final S3dlioColumn[] columns; // in the row's order, shared by rows of one layout
  private final byte[] bytes;
  private final int[] bounds; // cell i is bytes[bounds[2i], bounds[2i + 1])
  private final byte[] kinds;
  private final LineParser parser; // a JSON line's: toRecord() parses the line as the tree path does
  private final boolean ascii;

  private S3dlioRow(String file, long offset, long line, long length, Header header,
      S3dlioColumn[] columns, byte[] bytes, int[] bounds, byte[] kinds, LineParser parser, boolean ascii) {
    this.file = file;
    this.offset = offset;
    this.line = line;
    this.length = length;
    this.header = header;
    this.columns = columns;
    this.bytes = bytes;
    this.bounds = bounds;
    this.kinds = kinds;
    this.parser = parser;
    this.ascii = ascii;
  }

  /** A JSON line's row, from {@link S3dlioJsonRows}: columns and cells as found there. */
  static S3dlioRow ofJson(String file, long offset, long line, long length, S3dlioColumn[] columns,
      byte[] bytes, int[] bounds, byte[] kinds, LineParser parser, boolean ascii) {
    return new S3dlioRow(file, offset, line, length, null, columns, bytes, bounds, kinds, parser, ascii);
  }

  /**
   * A reader of the source whose accepted s3dlio TSV lines come as rows ({@link
   * OpLogItem#s3dlioRow()}); any other source reads as its own reader does.
   */
  public static BoundedSource.BoundedReader<OpLogItem> reader(
      BoundedSource<OpLogItem> source, PipelineOptions options) throws IOException {
    if (source instanceof OpLogFileSource) return ((OpLogFileSource) source).createReader(options, true);
    return source.createReader(options);
  }

  /**
   * The row of {@code b[off, off+len)} under an s3dlio header, or null when the tree path must
   * decide (including every line it would reject). Copies the line: items outlive the buffer.
   */
  static S3dlioRow accept(String file, long offset, long line, long length, Header header,
      byte[] b, int off, int len, Utf8Text utf8) {
    int columns = header.size();
    int[] bounds = new int[2 * columns];
    int cell = 0;
    int end = off + len;
    bounds[0] = 0;
    boolean ascii = true;
    for (int i = off; i < end; i++) {
      byte c = b[i];
      if (c == '\t') {
        if (++cell == columns) return null;
        bounds[2 * cell - 1] = i - off;
        bounds[2 * cell] = i - off + 1;
      } else if (c < 0) {
        ascii = false;
      }
    }
    if (cell != columns - 1) return null;
    bounds[2 * columns - 1] = len;
    byte[] copy = Arrays.copyOfRange(b, off, end);
    byte[] kinds = new byte[columns];
    for (int i = 0; i < columns; i++) {
      int s = bounds[2 * i];
      int e = bounds[2 * i + 1];
      byte k = kind(header.s3dlioColumn(i), copy, s, e);
      if (k == 0) return null;
      if (!ascii && k == STRING && !validUtf8(copy, s, e, utf8)) return null;
      kinds[i] = k;
    }
    return new S3dlioRow(file, offset, line, length, header, header.s3dlioColumns(), copy, bounds, kinds,
        null, ascii);
  }

  /** The cell's kind if the column's typing accepts it as written, else 0. */
  static byte kind(S3dlioColumn c, byte[] b, int s, int e) {
    switch (c) {
      case IDX:
      case THREAD:
      case BYTES:
      case DURATION_NS:
        return unsigned(b, s, e, false) ? INTEGER : 0;
      case N_OBJECTS:
        return unsigned(b, s, e, true) ? INTEGER : 0;
      case CLIENT_ID:
      case ENDPOINT:
      case FILE:
        return STRING;
      case ERROR:
        return s == e ? NULL : STRING;
      case OP:
        return isOp(b, s, e) ? STRING : 0;
      case START:
      case END:
        return Rfc3339.isNanosUtc(new AsciiView(b, s, e)) ? STRING : 0;
      case FIRST_BYTE:
        return s == e ? NULL : Rfc3339.isNanosUtc(new AsciiView(b, s, e)) ? STRING : 0;
      default:
        return 0;
    }
  }

  private static final byte[] U64_MAX = "18446744073709551615".getBytes(StandardCharsets.US_ASCII);

  /**
   * Digits within u64 (u32), without a leading zero: the typing's own rule, so the cell is stored
   * as written. Anything else (which the typing rejects) is left to the tree path and its reasons.
   */
  static boolean unsigned(byte[] b, int s, int e, boolean u32) {
    int n = e - s;
    if (n < 1 || n > (u32 ? 10 : 20) || (n > 1 && b[s] == '0')) return false;
    long v = 0;
    for (int i = s; i < e; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) return false;
      v = v * 10 + d;
    }
    // 20 digits (thread ids are u64 hashes, most of them that long) compare as text with 2^64-1.
    if (n == 20) return Arrays.compare(b, s, e, U64_MAX, 0, 20) <= 0;
    return !u32 || v <= 0xFFFF_FFFFL;
  }

  private static boolean isOp(byte[] b, int s, int e) {
    for (byte[] op : OPS) if (op.length == e - s && Arrays.equals(op, 0, op.length, b, s, e)) return true;
    return false;
  }

  static boolean validUtf8(byte[] b, int s, int e, Utf8Text utf8) {
    try {
      utf8.decode(b, s, e - s);
      return true;
    } catch (CharacterCodingException x) {
      return false;
    }
  }

  /** ASCII bytes as chars, for the timestamp check; a byte above 0x7f never passes it. */
  private static final class AsciiView implements CharSequence {
    private final byte[] b;
    private final int s;
    private final int e;

    AsciiView(byte[] b, int s, int e) {
      this.b = b;
      this.s = s;
      this.e = e;
    }

    @Override
    public int length() {
      return e - s;
    }

    @Override
    public char charAt(int i) {
      return (char) (b[s + i] & 0xff);
    }

    @Override
    public CharSequence subSequence(int from, int to) {
      return new AsciiView(b, s + from, s + to);
    }

    @Override
    public String toString() {
      return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
    }
  }

  public String file() {
    return file;
  }

  public long offset() {
    return offset;
  }

  public long line() {
    return line;
  }

  public long length() {
    return length;
  }

  /** Cells, in the file's column order. */
  public int columns() {
    return kinds.length;
  }

  /** The canonical (lower-case) s3dlio name of the column at position i. */
  public String name(int i) {
    return columns[i].name;
  }

  /** Equal (identical) for rows whose columns are in the same order, so positions are the same. */
  public Object layout() {
    return columns;
  }

  /** The position of the named canonical column ({@code "idx"}, {@code "start"}, ...), or -1. */
  public int position(String name) {
    for (int i = 0; i < kinds.length; i++) if (columns[i].name.equals(name)) return i;
    return -1;
  }

  /** {@link #INTEGER} (decimal digits, no leading zero), {@link #STRING} or {@link #NULL}. */
  public byte kind(int i) {
    return kinds[i];
  }

  /** The line's bytes, terminator removed; not to be modified. */
  public byte[] bytes() {
    return bytes;
  }

  public int start(int i) {
    return bounds[2 * i];
  }

  public int end(int i) {
    return bounds[2 * i + 1];
  }

  /**
   * Whether string cells are written as they are between JSON quotes: a JSON line's cells are
   * strings without escapes ({@link S3dlioJsonRows}), and strict JSON has no raw control char,
   * quote or backslash inside a string, so no byte of them needs escaping. A TSV cell may.
   */
  public boolean cellsNeedNoEscapes() {
    return header == null;
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Whether b[from, to) is all ASCII: eight bytes at a time (a line is scanned once per row). */
  public static boolean isAscii(byte[] b, int from, int to) {
    int i = from;
    for (; i + 8 <= to; i += 8) if (((long) LONGS.get(b, i) & 0x8080808080808080L) != 0) return false;
    for (; i < to; i++) if (b[i] < 0) return false;
    return true;
  }

  /** Whether every byte of the line is ASCII. */
  public boolean isAscii() {
    return ascii;
  }

  /** The record the tree path makes of this line. */
  public OpLogRecord toRecord() {
    if (parser != null) {
      try {
        RecordShapes.Shaped s = RecordShapes.shape(parser.parse(bytes, 0, bytes.length, offset, line));
        return new OpLogRecord(file, offset, line, length, s.kind, s.fields);
      } catch (LineRejected e) {
        throw new IllegalStateException("accepted s3dlio JSON line no longer parses: " + this, e);
      }
    }
    List<Node> values = new ArrayList<>(kinds.length);
    Utf8Text utf8 = new Utf8Text();
    for (int i = 0; i < kinds.length; i++) {
      try {
        values.add(header.s3dlioColumn(i).fromText(utf8.decode(bytes, start(i), end(i) - start(i))));
      } catch (LineRejected | CharacterCodingException e) {
        throw new IllegalStateException("accepted s3dlio row no longer types: " + this, e);
      }
    }
    return new OpLogRecord(file, offset, line, length, OpLogRecord.Kind.S3DLIO,
        Node.object(header.keys(), values));
  }

  @Override
  public String toString() {
    return file + "@" + offset + (line > 0 ? ":" + line : "") + " s3dlio row";
  }
}
