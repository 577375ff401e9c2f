package io.logdex.io.oplog;

import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodeKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns one line of one file into an {@link OpLogItem}: a record, a bad record, or nothing for a
 * line that holds no record (blank, {@code #} comment, the TSV/CSV header). Not thread-safe; one per
 * reader, reusing its cell list and decoders across lines.
 */
final class LineDecoder {
  private final String file;
  private final OpLogFormat format;
  private final Header header;
  private final long headerOffset;
  private final LineParser parser;
  private final DelimitedLine cellsOf;
  private final List<String> cells = new ArrayList<>();
  private final List<NodeKey> keys;
  private final int maxLineBytes;
  private final boolean rows; // accepted s3dlio TSV lines as S3dlioRow items
  private final S3dlioJsonRows jsonRows; // plain s3dlio JSON lines as S3dlioRow items, or null
  private final Utf8Text rowText = new Utf8Text();

  LineDecoder(FileFacts facts, int maxLineBytes) {
    this(facts, maxLineBytes, false);
  }

  LineDecoder(FileFacts facts, int maxLineBytes, boolean rows) {
    this.file = facts.name();
    this.format = facts.format();
    this.header = facts.header();
    this.headerOffset = facts.headerOffset();
    this.maxLineBytes = maxLineBytes;
    this.parser = format.hasHeader() ? null : new LineParser(file, maxLineBytes, format.syntax());
    this.cellsOf = format.hasHeader() ? new DelimitedLine(format == OpLogFormat.CSV) : null;
    this.keys = header != null ? header.keys() : null;
    this.rows = rows && format == OpLogFormat.TSV && header != null && header.isS3dlio()
        && header.problem() == null;
    this.jsonRows = rows && parser != null ? new S3dlioJsonRows(file, parser) : null;
  }

  /**
   * The item for the line {@code b[off, off+len)} (terminator removed) that starts at offset and
   * spans length bytes in the file, or null if the line holds no record.
   */
  OpLogItem decode(byte[] b, int off, int len, long offset, long line, long length) {
    if (isBlankOrComment(b, off, len) || offset == headerOffset) return null;
    if (rows) {
      S3dlioRow row = S3dlioRow.accept(file, offset, line, length, header, b, off, len, rowText);
      if (row != null) return OpLogItem.of(row);
    } else if (jsonRows != null) {
      S3dlioRow row = jsonRows.accept(b, off, len, offset, line, length);
      if (row != null) return OpLogItem.of(row);
    }
    try {
      OpLogRecord.Kind kind;
      Node fields;
      if (cellsOf != null) {
        fields = row(b, off, len);
        kind = header.isS3dlio() ? OpLogRecord.Kind.S3DLIO : OpLogRecord.Kind.GENERIC;
      } else {
        RecordShapes.Shaped s = RecordShapes.shape(parser.parse(b, off, len, offset, line));
        kind = s.kind;
        fields = s.fields;
      }
      return OpLogItem.of(new OpLogRecord(file, offset, line, length, kind, fields));
    } catch (LineRejected r) {
      return bad(offset, line, length, r.describe(), b, off, len);
    }
  }

  /**
   * A line longer than maxLineBytes; {@code head} holds its first bytes. tornBy is the decoding
   * failure that also cut it short, or null.
   */
  OpLogItem oversized(
      byte[] head, int headLen, long offset, long line, long length, String tornBy) {
    String reason = "line of " + length + " bytes is longer than maxLineBytes " + maxLineBytes;
    if (tornBy != null) reason += ", and the compressed stream ends inside it: " + tornBy;
    return bad(offset, line, length, reason, head, 0, headLen);
  }

  /**
   * The torn tail of a stream that could not be decoded to its end (a truncated or corrupt
   * compressed file): the incomplete line, or nothing when the cut fell between lines.
   */
  OpLogItem torn(byte[] b, int off, int len, long offset, long line, String cause) {
    String reason =
        len == 0
            ? "input ends with an incomplete compressed stream after the last complete line: "
                + cause
            : "line cut short by an incomplete compressed stream: " + cause;
    return bad(offset, line, len, reason, b, off, len);
  }

  private OpLogItem bad(
      long offset, long line, long length, String reason, byte[] b, int off, int len) {
    return OpLogItem.of(BadRecord.of(file, offset, line, length, reason, b, off, len));
  }

  private Node row(byte[] b, int off, int len) throws LineRejected {
    if (header.problem() != null) throw new LineRejected(header.problem());
    cellsOf.split(b, off, len, cells);
    if (cells.size() != header.size()) {
      throw new LineRejected(
          "expected " + header.size() + " " + format + " columns, found " + cells.size());
    }
    List<Node> values = new ArrayList<>(cells.size());
    for (int i = 0; i < cells.size(); i++) {
      String v = cells.get(i);
      values.add(header.isS3dlio() ? header.s3dlioColumn(i).fromText(v) : Node.string(v));
    }
    return Node.object(keys, values);
  }

  /** What the s3dlio reader skips: lines that are empty or start with '#' once trimmed. */
  static boolean isBlankOrComment(byte[] b, int off, int len) {
    int end = off + len;
    for (int i = off; i < end; i++) {
      byte c = b[i];
      if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B) continue;
      return c == '#';
    }
    return true;
  }
}
