package io.logdex.format;

import java.io.IOException;

/**
 * Malformed or corrupt input. The message always names where it broke, so that one line on stderr
 * is enough to find the bad bytes: source, absolute byte offset, and where known the line, column
 * and kinded path.
 */
public class FormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String source;
  private final long offset;
  private final long line;
  private final long column;
  private final String path;
  private final String reason;

  /** A reason may quote a path or an excerpt of its own; room for both plus the sentence. */
  private static final int MAX_REASON_BYTES = 4 * Elide.DEFAULT_MAX_BYTES;

  /**
   * @param source file name or other label of the input, or null
   * @param offset absolute byte offset, or -1 if unknown
   * @param line 1-based line, or -1 if unknown
   * @param column 1-based byte column, or -1 if unknown
   * @param path kinded path where it broke, or null
   */
  public FormatException(
      String reason, String source, long offset, long line, long column, String path) {
    this(reason, source, offset, line, column, path, null);
  }

  public FormatException(
      String reason,
      String source,
      long offset,
      long line,
      long column,
      String path,
      Throwable cause) {
    super(describe(reason, source, offset, line, column, path), cause);
    this.reason = reason;
    this.source = source;
    this.offset = offset;
    this.line = line;
    this.column = column;
    this.path = path;
  }

  public FormatException(String reason, String source, long offset) {
    this(reason, source, offset, -1, -1, null);
  }

  private static String describe(
      String reason, String source, long offset, long line, long column, String path) {
    // Elided and on one line: a path 1M steps deep or a quoted raw record would otherwise make a
    // "line" of megabytes. path() and reason() keep the whole text.
    StringBuilder sb = new StringBuilder();
    sb.append(source == null ? "<input>" : Elide.forMessage(source, Elide.DEFAULT_MAX_BYTES));
    if (offset >= 0) sb.append(": offset ").append(offset);
    if (line > 0) sb.append(", line ").append(line);
    if (column > 0) sb.append(", column ").append(column);
    if (path != null) sb.append(", path \"").append(Elide.forMessage(path, Elide.DEFAULT_MAX_BYTES)).append('"');
    sb.append(": ").append(Elide.forMessage(reason, MAX_REASON_BYTES));
    return sb.toString();
  }

  public String source() { return source; }

  public long offset() { return offset; }

  public long line() { return line; }

  public long column() { return column; }

  /** The kinded path where it broke, or null. */
  public String path() { return path; }

  /** The reason alone, without the location. */
  public String reason() { return reason; }
}
