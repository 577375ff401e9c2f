package io.logdex.samples;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One document nested depth levels deep, for the depth benchmark and hostile-shape tests: arrays
 * {@code [[[..."leaf"...]]]} or objects {@code {"a":{"a":...{"a":"leaf"}...}}}. Written in blocks,
 * so a million levels take no more memory than a thousand.
 */
final class DeepGenerator {
  enum Shape {
    ARRAY("[", "]"),
    OBJECT("{\"a\":", "}");

    final byte[] open;
    final byte[] close;

    Shape(String open, String close) {
      this.open = open.getBytes(StandardCharsets.US_ASCII);
      this.close = close.getBytes(StandardCharsets.US_ASCII);
    }
  }

  private static final byte[] LEAF = "\"leaf\"".getBytes(StandardCharsets.US_ASCII);
  private static final int BLOCK_LEVELS = 4096;

  private DeepGenerator() {}

  /** Writes the document and a newline; returns the bytes written. */
  static long write(OutputStream out, Shape shape, long depth) throws IOException {
    long n = repeat(out, shape.open, depth);
    out.write(LEAF);
    n += LEAF.length + repeat(out, shape.close, depth);
    out.write('\n');
    return n + 1;
  }

  private static long repeat(OutputStream out, byte[] unit, long times) throws IOException {
    int per = (int) Math.min(times, BLOCK_LEVELS);
    byte[] block = new byte[per * unit.length];
    for (int i = 0; i < per; i++) System.arraycopy(unit, 0, block, i * unit.length, unit.length);
    for (long left = times; left > 0; left -= per) {
      out.write(block, 0, (int) Math.min(left, per) * unit.length);
    }
    return times * unit.length;
  }
}
