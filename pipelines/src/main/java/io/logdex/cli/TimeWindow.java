package io.logdex.cli;

import io.logdex.format.index.Query;
import io.logdex.format.index.TypedValues;
import java.util.List;

/**
 * {@code --since=T} and {@code --until=T}: the record's own time (the typed {@code timestamp}: an
 * s3dlio row's {@code start}, a log entry's {@code timestamp}, another record's top-level
 * timestamp/time/ts) in [since, until), as a range ANDed to the query.
 */
final class TimeWindow {
  private TimeWindow() {}

  /** The positional QUERY words parsed, with the window ANDed; null when there is neither. */
  static Query query(Args a) {
    Query q = null;
    try {
      if (!a.positional().isEmpty()) q = Query.parse(String.join(" ", a.positional()));
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    return apply(q, a);
  }

  /** q with the window ANDed to it; the window alone when q is null; null when neither is given. */
  static Query apply(Query q, Args a) {
    return apply(q, a.get("since", null), a.get("until", null), "--");
  }

  /**
   * q with [since, until) ANDed to it (either may be null), for the command line (prefix "--") or
   * the server's parameters (prefix ""): a bad time is a {@link UsageException} naming it.
   */
  static Query apply(Query q, String since, String until, String prefix) {
    if (since == null && until == null) return q;
    long lo = since != null ? time(since, prefix + "since") : Long.MIN_VALUE;
    long hi = until != null ? time(until, prefix + "until") : Long.MAX_VALUE;
    Query window = new Query.Range("timestamp", TypedValues.TIME, lo, until != null ? hi - 1 : hi);
    return q == null ? window : new Query.And(List.of(q, window));
  }

  private static long time(String v, String name) {
    long t = TypedValues.time(v);
    if (t == TypedValues.NONE) {
      throw new UsageException(name + " takes an RFC 3339 time such as 2025-10-09T10:42:00Z, not '" + Main.oneLine(v) + "'");
    }
    return t;
  }
}
