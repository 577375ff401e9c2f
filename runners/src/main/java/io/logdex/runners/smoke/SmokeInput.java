package io.logdex.runners.smoke;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writes the smoke job's input: {@code key TAB payload} lines from a seeded {@link Random}, so the
 * same arguments always give the same bytes on every machine and the cluster and DirectRunner runs
 * can be compared byte for byte. Keys are skewed (a few are hot) so that the per-key combine has
 * real merging to do after a restart.
 *
 * <p>{@code java io.logdex.runners.smoke.SmokeInput FILE MEGABYTES [KEYS [SEED]]}
 */
public final class SmokeInput {
  private static final int MIN_PAYLOAD = 40;
  private static final int MAX_PAYLOAD = 400;

  private SmokeInput() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 4) {
      System.err.println("usage: io.logdex.runners.smoke.SmokeInput FILE MEGABYTES [KEYS [SEED]]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    long bytes = Long.parseLong(args[1]) << 20;
    int keys = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
    long seed = args.length > 3 ? Long.parseLong(args[3]) : 1L;
    long t0 = System.nanoTime();
    long lines;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      lines = write(out, bytes, keys, seed);
    }
    System.err.printf(
        "SmokeInput: %s: %d lines, %d bytes in %.1f s%n",
        file, lines, Files.size(file), (System.nanoTime() - t0) / 1e9);
  }

  /**
   * Writes whole lines until at least {@code minBytes} have been written (an empty output only
   * for {@code minBytes <= 0}) and returns the number of lines.
   */
  public static long write(OutputStream out, long minBytes, int keys, long seed) throws IOException {
    if (keys < 1) throw new IllegalArgumentException("keys must be >= 1, got " + keys);
    Random random = new Random(seed);
    byte[] line = new byte[16 + MAX_PAYLOAD + 1];
    long written = 0;
    long lines = 0;
    while (written < minBytes) {
      int n = 0;
      line[n++] = 'k';
      n = appendDecimal(line, n, skewedKey(random, keys));
      line[n++] = '\t';
      int payload = MIN_PAYLOAD + random.nextInt(MAX_PAYLOAD - MIN_PAYLOAD + 1);
      for (int i = 0; i < payload; i++) line[n++] = (byte) ('a' + random.nextInt(26));
      line[n++] = '\n';
      out.write(line, 0, n);
      written += n;
      lines++;
    }
    return lines;
  }

  /** Half the lines go to the first 1% of keys; the rest are uniform. */
  static int skewedKey(Random random, int keys) {
    int hot = Math.max(1, keys / 100);
    return random.nextBoolean() ? random.nextInt(hot) : random.nextInt(keys);
  }

  private static int appendDecimal(byte[] buf, int at, int value) {
    String s = Integer.toString(value);
    for (int i = 0; i < s.length(); i++) buf[at++] = (byte) s.charAt(i);
    return at;
  }
}
