package io.logdex.io.oplog;

/**
 * A line that is not a valid record, with the reason and, where known, the kinded path of the
 * offending field. Thrown and caught within one line's decoding, so it carries no stack trace.
 */
final class LineRejected extends Exception {
  private static final long serialVersionUID = 1L;

  final String path;

  LineRejected(String reason) {
    this(reason, null);
  }

  LineRejected(String reason, String path) {
    super(reason, null, false, false);
    this.path = path;
  }

  /** The reason, prefixed with the path when there is one. */
  String describe() {
    return path == null ? getMessage() : "at \"" + path + "\": " + getMessage();
  }
}
