package io.logdex.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ByteSinkTest {

  @Test
  void numbersMatchTheJdkAcrossBufferBoundaries() throws IOException {
    Random r = new Random(11);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteSink sink = new ByteSink(out, 64);
    StringBuilder expected = new StringBuilder();
    long[] edges = {0, 9, 10, 99, 100, -1, Long.MIN_VALUE, Long.MAX_VALUE, 999_999_999_999_999_999L};
    for (int i = 0; i < 20_000; i++) {
      long v = i < edges.length ? edges[i] : r.nextInt(3) == 0 ? r.nextLong() : r.nextLong() >> r.nextInt(64);
      switch (i % 4) {
        case 0:
          sink.dec(v);
          expected.append(v);
          break;
        case 1:
          sink.udec(v);
          expected.append(Long.toUnsignedString(v));
          break;
        case 2: {
          int width = 1 + r.nextInt(18);
          long small = Math.floorMod(v, (long) Math.pow(10, width));
          sink.zeroPadded(small, width);
          expected.append(String.format(Locale.ROOT, "%0" + width + "d", small));
          break;
        }
        default: {
          byte[] b = new byte[r.nextInt(100)];
          for (int k = 0; k < b.length; k++) {
            b[k] = (byte) ('a' + r.nextInt(26));
          }
          sink.write(b);
          expected.append(new String(b, StandardCharsets.US_ASCII));
        }
      }
      sink.write(' ');
      expected.append(' ');
    }
    sink.flush();
    assertEquals(expected.toString(), out.toString(StandardCharsets.US_ASCII));
    assertEquals(out.size(), sink.position());
  }

  @Test
  void timestampsMatchJavaTime() throws IOException {
    DateTimeFormatter nanos = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'", Locale.ROOT)
        .withZone(ZoneOffset.UTC);
    DateTimeFormatter millis = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
        .withZone(ZoneOffset.UTC);
    Random r = new Random(5);
    Timestamps ts = new Timestamps();
    for (int i = 0; i < 20_000; i++) {
      // 1970..2200, with runs inside one second to exercise the cached prefix.
      long n = i % 3 == 0 ? r.nextLong() & Long.MAX_VALUE : (7_258_118_400L * 1_000_000_000L / 10) + r.nextInt(2_000_000_000);
      n = Math.floorMod(n, 7_258_118_400L * 1_000_000_000L);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteSink sink = new ByteSink(out, 64);
      ts.writeNanos(sink, n);
      sink.flush();
      Instant t = Instant.ofEpochSecond(n / 1_000_000_000L, n % 1_000_000_000L);
      assertEquals(nanos.format(t), out.toString(StandardCharsets.US_ASCII));
      long ms = n / 1_000_000L;
      assertEquals(millis.format(Instant.ofEpochMilli(ms)), textOf(ts, ms));
    }
  }

  private static String textOf(Timestamps ts, long ms) {
    Text t = new Text();
    ts.appendMillis(t, ms);
    return t.toString();
  }
}
