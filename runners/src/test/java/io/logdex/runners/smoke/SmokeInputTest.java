package io.logdex.runners.smoke;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SmokeInputTest {
  private static final Pattern LINE = Pattern.compile("k(0|[1-9][0-9]*)\t[a-z]{40,400}");

  private static byte[] generate(long minBytes, int keys, long seed) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long lines = SmokeInput.write(out, minBytes, keys, seed);
    byte[] bytes = out.toByteArray();
    int newlines = 0;
    for (byte b : bytes) if (b == '\n') newlines++;
    assertEquals(lines, newlines, "returned line count");
    return bytes;
  }

  @Test
  void sameArgumentsGiveSameBytesAndSeedsDiffer() throws IOException {
    assertArrayEquals(generate(50_000, 100, 7), generate(50_000, 100, 7));
    assertFalse(Arrays.equals(generate(50_000, 100, 7), generate(50_000, 100, 8)));
  }

  @Test
  void everyLineIsKeyTabPayloadWithKeysInRange() throws IOException {
    Random random = new Random(3);
    for (int trial = 0; trial < 20; trial++) {
      int keys = 1 + random.nextInt(500);
      long minBytes = random.nextInt(20_000);
      byte[] bytes = generate(minBytes, keys, random.nextLong());
      assertTrue(bytes.length >= minBytes, "at least the requested size");
      assertTrue(bytes.length < minBytes + 420, "stops after the line that crosses the size");
      if (bytes.length > 0) assertEquals('\n', bytes[bytes.length - 1]);
      for (String line : new String(bytes, StandardCharsets.US_ASCII).split("\n", -1)) {
        if (line.isEmpty()) continue;
        assertTrue(LINE.matcher(line).matches(), line);
        int key = Integer.parseInt(line.substring(1, line.indexOf('\t')));
        assertTrue(key >= 0 && key < keys, "key " + key + " of " + keys);
      }
    }
  }

  @Test
  void keysAreSkewedButAllReachable() throws IOException {
    String text = new String(generate(2_000_000, 100, 1), StandardCharsets.US_ASCII);
    int[] counts = new int[100];
    Set<Integer> seen = new HashSet<>();
    for (String line : text.split("\n")) {
      int key = Integer.parseInt(line.substring(1, line.indexOf('\t')));
      counts[key]++;
      seen.add(key);
    }
    assertEquals(100, seen.size());
    // key 0 is the one hot key of 100: about half of all lines, against ~0.5% for the others.
    assertTrue(counts[0] > 20 * counts[50], "k0=" + counts[0] + " k50=" + counts[50]);
  }

  @Test
  void nothingRequestedWritesNothing() throws IOException {
    assertEquals(0, generate(0, 10, 1).length);
  }

  @Test
  void rejectsNoKeys() {
    assertThrows(IllegalArgumentException.class, () -> SmokeInput.write(new ByteArrayOutputStream(), 10, 0, 1));
  }
}
