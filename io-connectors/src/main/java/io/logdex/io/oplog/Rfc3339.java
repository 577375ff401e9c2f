package io.logdex.io.oplog;

/**
 * RFC 3339 date-time checks, without parsing into an instant: a timestamp is kept as the string
 * the writer wrote, and only rejected, never rewritten (the s3dlio reader's habit of replacing a
 * bad timestamp with the current time is exactly what this refuses to do).
 */
final class Rfc3339 {
  private Rfc3339() {}

  /** The s3dlio form: {@code YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ}, nine fraction digits, UTC. */
  static boolean isNanosUtc(CharSequence s) {
    return s.length() == 30 && dateTime(s, 0) == 19 && s.charAt(19) == '.'
        && digits(s, 20, 29) && s.charAt(29) == 'Z';
  }

  /** Any RFC 3339 date-time: optional fraction, then {@code Z} or {@code ±HH:MM}. */
  static boolean isDateTime(CharSequence s) {
    int n = s.length();
    int p = dateTime(s, 0);
    if (p < 0) return false;
    if (p < n && s.charAt(p) == '.') {
      int q = p + 1;
      while (q < n && isDigit(s.charAt(q))) q++;
      if (q == p + 1) return false;
      p = q;
    }
    if (p == n - 1 && (s.charAt(p) == 'Z' || s.charAt(p) == 'z')) return true;
    if (p != n - 6) return false;
    char sign = s.charAt(p);
    return (sign == '+' || sign == '-')
        && digits(s, p + 1, p + 3) && s.charAt(p + 3) == ':' && digits(s, p + 4, p + 6)
        && num(s, p + 1, p + 3) <= 23 && num(s, p + 4, p + 6) <= 59;
  }

  /** Checks {@code YYYY-MM-DDTHH:MM:SS} at p; returns the index after it, or -1. */
  private static int dateTime(CharSequence s, int p) {
    if (s.length() < p + 19) return -1;
    if (!digits(s, p, p + 4) || s.charAt(p + 4) != '-' || !digits(s, p + 5, p + 7)
        || s.charAt(p + 7) != '-' || !digits(s, p + 8, p + 10)) {
      return -1;
    }
    char t = s.charAt(p + 10);
    if (t != 'T' && t != 't') return -1;
    if (!digits(s, p + 11, p + 13) || s.charAt(p + 13) != ':' || !digits(s, p + 14, p + 16)
        || s.charAt(p + 16) != ':' || !digits(s, p + 17, p + 19)) {
      return -1;
    }
    int year = num(s, p, p + 4), month = num(s, p + 5, p + 7), day = num(s, p + 8, p + 10);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return -1;
    // 60 is a leap second, which RFC 3339 allows.
    if (num(s, p + 11, p + 13) > 23 || num(s, p + 14, p + 16) > 59 || num(s, p + 17, p + 19) > 60) {
      return -1;
    }
    return p + 19;
  }

  private static int daysInMonth(int year, int month) {
    return io.logdex.format.index.TypedValues.daysInMonth(year, month);
  }

  private static boolean digits(CharSequence s, int from, int to) {
    for (int i = from; i < to; i++) if (!isDigit(s.charAt(i))) return false;
    return true;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int num(CharSequence s, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) v = v * 10 + (s.charAt(i) - '0');
    return v;
  }
}
