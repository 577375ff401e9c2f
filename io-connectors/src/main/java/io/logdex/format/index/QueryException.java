package io.logdex.format.index;

/**
 * A query the user wrote wrong or too broad: one line naming the column, for the CLI to report as
 * a usage error.
 */
public final class QueryException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public QueryException(String message) {
    super(message);
  }
}
