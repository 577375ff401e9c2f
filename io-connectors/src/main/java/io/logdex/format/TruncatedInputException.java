package io.logdex.format;

/**
 * The input ended in the middle of something: a document, a record, a frame. Kept apart from plain
 * corruption because a torn tail (a writer that crashed) is recoverable and a flipped bit is not.
 */
public class TruncatedInputException extends FormatException {
  private static final long serialVersionUID = 1L;

  public TruncatedInputException(
      String reason, String source, long offset, long line, long column, String path) {
    super(reason, source, offset, line, column, path);
  }

  public TruncatedInputException(String reason, String source, long offset) {
    super(reason, source, offset);
  }
}
