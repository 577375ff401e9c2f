package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Which texts are typed, and their values, against java.time and Long.parseLong. */
class TypedValuesTest {
  static long nanos(String s) {
    Instant i = OffsetDateTime.parse(s).toInstant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }

  static void time(String s, long expected) {
    assertEquals(expected, TypedValues.time(s), s);
    byte[] b = ("xx" + s + "yy").getBytes(StandardCharsets.US_ASCII);
    assertEquals(expected, TypedValues.time(b, 2, b.length - 2), s + " as bytes");
  }

  @Test
  void timesMatchJavaTime() {
    for (String s : new String[] {
      "2025-10-09T10:42:00Z", "2025-10-09T10:42:00.5Z", "2025-10-09T10:42:00.123456789Z", "2024-02-29T23:59:59.000000001Z",
      "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z", "2025-10-09T12:42:00.25+02:00", "2025-10-09T00:00:00-17:59",
      "1678-01-01T00:00:00Z", "2261-12-31T23:59:59.999999999Z", "2000-01-01t00:00:00z"}) {
      time(s, nanos(s.toUpperCase()));
    }
    Random r = new Random(3);
    for (int i = 0; i < 2000; i++) {
      long n = (r.nextLong() >> 2);
      Instant t = Instant.ofEpochSecond(Math.floorDiv(n, 1_000_000_000L), Math.floorMod(n, 1_000_000_000L));
      time(t.toString(), n);
    }
    assertEquals(TypedValues.time("2025-10-09T10:42:00Z"), TypedValues.time("2025-10-09T12:42:00.000+02:00"));
    // RFC 3339 allows offsets to ±23:59, beyond java.time's ±18:00.
    assertEquals(TypedValues.time("2025-10-09T23:59:00Z"), TypedValues.time("2025-10-09T00:00:00-23:59"));
  }

  @Test
  void notTimes() {
    for (String s : new String[] {
      "", "2025-10-09", "2025-10-09T10:42:00", "2025-10-09T10:42:60Z", "2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z",
      "2025-10-09T24:00:00Z", "2025-10-09T10:42:00.Z", "2025-10-09T10:42:00.1234567890Z", "2025-10-09T10:42:00+24:00",
      "2025-10-09T10:42:00+0200", "1677-01-01T00:00:00Z", "2263-01-01T00:00:00Z", "2025-10-09 10:42:00Z", "x2025-10-09T10:42:00Z"}) {
      time(s, TypedValues.NONE);
    }
  }

  @Test
  void numbers() {
    for (String s : new String[] {"0", "-1", "42", "9223372036854775807", "-9223372036854775807"}) {
      assertEquals(Long.parseLong(s), TypedValues.number(s), s);
    }
    for (String s : new String[] {"", "-", "007", "1.5", "1e3", "+1", "9223372036854775808", "-9223372036854775808",
        "10873903663032719337", "12a"}) {
      assertEquals(TypedValues.NONE, TypedValues.number(s), s);
      byte[] b = s.getBytes(StandardCharsets.US_ASCII);
      assertEquals(TypedValues.NONE, TypedValues.number(b, 0, b.length), s);
    }
  }
}
