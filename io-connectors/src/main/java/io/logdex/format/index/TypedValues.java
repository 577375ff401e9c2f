package io.logdex.format.index;

/**
 * Which field values the index keeps as typed values (docs/FORMAT.md, "Typed fields") and their
 * 64-bit form: a JSON integer that fits a signed long is a NUMBER; an RFC 3339 date-time whose
 * instant fits a long of nanoseconds since 1970 (years 1678 to 2261) is a TIME, its fraction kept
 * to the nanosecond. Everything else (a u64 above 2^63-1, a float, a leap second, a fraction of
 * more than nine digits) stays a field term, so nothing is rounded: a typed value equals its text.
 */
public final class TypedValues {
  private TypedValues() {}

  public static final byte NUMBER = 1;
  public static final byte TIME = 2;

  /** Returned by the parsers when the text is not a value of that kind. */
  public static final long NONE = Long.MIN_VALUE;

  /**
   * The value of a JSON integer lexeme ({@code -?(0|[1-9][0-9]*)}), or {@link #NONE} when it is
   * not one or does not fit a long ({@code Long.MIN_VALUE} itself is therefore not typed).
   */
  public static long number(CharSequence s) {
    int n = s.length();
    if (n == 0 || n > 20) return NONE;
    int i = 0;
    boolean neg = s.charAt(0) == '-';
    if (neg) i++;
    if (i == n || (s.charAt(i) == '0' && n > i + 1)) return NONE;
    long v = 0;
    for (; i < n; i++) {
      int d = s.charAt(i) - '0';
      if (d < 0 || d > 9) return NONE;
      if (v > (Long.MAX_VALUE - d) / 10) return NONE;
      v = v * 10 + d;
    }
    return neg ? -v : v;
  }

  /** {@link #number(CharSequence)} on the ASCII bytes b[s, e). */
  public static long number(byte[] b, int s, int e) {
    int n = e - s;
    if (n <= 0 || n > 20) return NONE;
    int i = s;
    boolean neg = b[i] == '-';
    if (neg) i++;
    if (i == e || (b[i] == '0' && e > i + 1)) return NONE;
    long v = 0;
    for (; i < e; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) return NONE;
      if (v > (Long.MAX_VALUE - d) / 10) return NONE;
      v = v * 10 + d;
    }
    return neg ? -v : v;
  }

  /**
   * Nanoseconds since 1970-01-01T00:00:00Z of an RFC 3339 date-time {@code
   * YYYY-MM-DDTHH:MM:SS[.f{1,9}](Z|±HH:MM)} ({@code T}, {@code Z} in either case), or {@link #NONE}.
   */
  public static long time(CharSequence s) {
    int n = s.length();
    if (n < 20 || n > 35) return NONE;
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c > 127) return NONE;
      b[i] = (byte) c;
    }
    return time(b, 0, n);
  }

  /** {@link #time(CharSequence)} on the ASCII bytes b[s, e). */
  public static long time(byte[] b, int s, int e) {
    int n = e - s;
    if (n < 20 || n > 35) return NONE;
    if (!digits(b, s, s + 4) || b[s + 4] != '-' || !digits(b, s + 5, s + 7) || b[s + 7] != '-'
        || !digits(b, s + 8, s + 10) || (b[s + 10] != 'T' && b[s + 10] != 't')
        || !digits(b, s + 11, s + 13) || b[s + 13] != ':' || !digits(b, s + 14, s + 16)
        || b[s + 16] != ':' || !digits(b, s + 17, s + 19)) {
      return NONE;
    }
    int year = num(b, s, s + 4), month = num(b, s + 5, s + 7), day = num(b, s + 8, s + 10);
    int hour = num(b, s + 11, s + 13), minute = num(b, s + 14, s + 16), second = num(b, s + 17, s + 19);
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NONE;
    // A leap second (60) has no instant of its own: it stays a term.
    if (hour > 23 || minute > 59 || second > 59) return NONE;
    int p = s + 19;
    long nanos = 0;
    if (p < e && b[p] == '.') {
      int q = p + 1;
      while (q < e && b[q] >= '0' && b[q] <= '9') q++;
      int digits = q - p - 1;
      if (digits == 0 || digits > 9) return NONE;
      for (int i = p + 1; i < q; i++) nanos = nanos * 10 + (b[i] - '0');
      for (int i = digits; i < 9; i++) nanos *= 10;
      p = q;
    }
    long offsetSeconds;
    if (p == e - 1 && (b[p] == 'Z' || b[p] == 'z')) {
      offsetSeconds = 0;
    } else if (p == e - 6 && (b[p] == '+' || b[p] == '-') && digits(b, p + 1, p + 3) && b[p + 3] == ':'
        && digits(b, p + 4, p + 6) && num(b, p + 1, p + 3) <= 23 && num(b, p + 4, p + 6) <= 59) {
      offsetSeconds = (num(b, p + 1, p + 3) * 3600L + num(b, p + 4, p + 6) * 60L) * (b[p] == '-' ? -1 : 1);
    } else {
      return NONE;
    }
    long seconds = daysFromCivil(year, month, day) * 86400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    // Long nanoseconds reach 1677-09-21 to 2262-04-11; outside that the text stays a term.
    if (seconds < -9_223_372_035L || seconds > 9_223_372_035L) return NONE;
    long v = seconds * 1_000_000_000L + nanos;
    return v == NONE ? NONE : v;
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
  static long daysFromCivil(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    long era = Math.floorDiv(y, 400);
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }

  /** An instant as {@code YYYY-MM-DDTHH:MM:SS[.fraction]Z}, the fraction without trailing zeros. */
  public static String formatTime(long nanos) {
    return java.time.format.DateTimeFormatter.ISO_INSTANT.format(
        java.time.Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L)));
  }

  /** Days in a month of the proleptic Gregorian calendar (also the s3dlio reader's check). */
  public static int daysInMonth(int year, int month) {
    switch (month) {
      case 2:
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  private static boolean digits(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) if (b[i] < '0' || b[i] > '9') return false;
    return true;
  }

  private static int num(byte[] b, int from, int to) {
    int v = 0;
    for (int i = from; i < to; i++) v = v * 10 + (b[i] - '0');
    return v;
  }
}
