package io.logdex.samples;

import java.io.IOException;

/**
 * RFC 3339 UTC timestamps from epoch seconds or nanoseconds, formatted with integer arithmetic only
 * (civil-from-days), so no time zone database, locale or clock is involved and the text is the same
 * on every machine. The seconds prefix is cached because consecutive op-log records mostly share it.
 */
final class Timestamps {
  static final long NANOS = 1_000_000_000L;
  private final byte[] prefix = new byte[20];
  private long prefixSecond = Long.MIN_VALUE;

  /** "YYYY-MM-DDTHH:MM:SS.nnnnnnnnnZ" (30 bytes), as humantime's format_rfc3339_nanos writes it. */
  void writeNanos(ByteSink out, long epochNanos) throws IOException {
    long sec = Math.floorDiv(epochNanos, NANOS);
    fillPrefix(sec);
    out.write(prefix, 0, 19);
    out.write('.');
    out.zeroPadded(Math.floorMod(epochNanos, NANOS), 9);
    out.write('Z');
  }

  /** "YYYY-MM-DDTHH:MM:SS.mmmZ". */
  void appendMillis(Text t, long epochMillis) {
    long sec = Math.floorDiv(epochMillis, 1000L);
    fillPrefix(sec);
    t.add(prefix, 0, 19).add('.').pad(Math.floorMod(epochMillis, 1000L), 3).add('Z');
  }

  /** "YYYY-MM-DDTHH:MM:SSZ". */
  void appendSeconds(Text t, long epochSecond) {
    fillPrefix(epochSecond);
    t.add(prefix, 0, 19).add('Z');
  }

  private void fillPrefix(long sec) {
    if (sec == prefixSecond) {
      return;
    }
    prefixSecond = sec;
    long days = Math.floorDiv(sec, 86_400L);
    int secOfDay = (int) Math.floorMod(sec, 86_400L);
    // Howard Hinnant's civil_from_days.
    long z = days + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) {
      y++;
    }
    put(0, y, 4);
    prefix[4] = '-';
    put(5, m, 2);
    prefix[7] = '-';
    put(8, d, 2);
    prefix[10] = 'T';
    put(11, secOfDay / 3600, 2);
    prefix[13] = ':';
    put(14, secOfDay / 60 % 60, 2);
    prefix[16] = ':';
    put(17, secOfDay % 60, 2);
  }

  private void put(int at, long v, int width) {
    for (int p = at + width - 1; p >= at; p--) {
      prefix[p] = (byte) ('0' + v % 10);
      v /= 10;
    }
  }
}
