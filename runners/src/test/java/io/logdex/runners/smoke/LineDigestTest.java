package io.logdex.runners.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class LineDigestTest {
  private static long sha256Prefix(byte[] bytes) throws Exception {
    byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
    long v = 0;
    for (int i = 0; i < 8; i++) v = (v << 8) | (d[i] & 0xff);
    return v;
  }

  @Test
  void oneRoundIsTheFirstEightBytesOfSha256() throws Exception {
    byte[] line = "k7\tabcdef".getBytes(StandardCharsets.UTF_8);
    assertEquals(sha256Prefix(line), new LineDigest(1).digest(line));
  }

  @Test
  void roundsChainAndAreRepeatable() {
    byte[] line = "k1\tpayload".getBytes(StandardCharsets.UTF_8);
    LineDigest one = new LineDigest(1);
    LineDigest three = new LineDigest(3);
    assertNotEquals(one.digest(line), three.digest(line));
    assertEquals(three.digest(line), new LineDigest(3).digest(line));
    assertEquals(three.digest(line), three.digest(line), "no state leaks between lines");
  }

  @Test
  void rejectsFewerThanOneRound() {
    assertThrows(IllegalArgumentException.class, () -> new LineDigest(0));
  }
}
