package io.logdex.format.log;

import io.logdex.testing.ByteArrayChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Test payloads and in-memory logs. */
final class Logs {
  private Logs() {}

  /** A payload whose bytes say which record it is, so misplaced bytes are caught. */
  static byte[] payload(Random r, int size) {
    byte[] b = new byte[size];
    int base = r.nextInt();
    for (int i = 0; i < size; i++) b[i] = (byte) (base + i * 31 + (i >>> 7));
    return b;
  }

  /** Sizes that exercise FULL, FIRST/LAST, MIDDLE and the exact block-fit cases. */
  static List<byte[]> mixed(Random r, int count, int blockSize) {
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int size = switch (r.nextInt(6)) {
        case 0 -> 0;
        case 1 -> r.nextInt(16);
        case 2 -> r.nextInt(blockSize);
        case 3 -> blockSize - 9 - r.nextInt(20);
        case 4 -> blockSize + r.nextInt(3 * blockSize);
        default -> r.nextInt(200);
      };
      out.add(payload(r, Math.max(0, size)));
    }
    return out;
  }

  record Encoded(byte[] bytes, long[] positions, long[] ends) {}

  static Encoded encode(List<byte[]> payloads, int blockSize, LogCompression c) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long[] pos = new long[payloads.size()];
    long[] ends = new long[payloads.size()];
    try (LogEncoder e = new LogEncoder(out, blockSize, c, 1)) {
      for (int i = 0; i < pos.length; i++) {
        pos[i] = e.append(payloads.get(i));
        ends[i] = e.position();
      }
    }
    return new Encoded(out.toByteArray(), pos, ends);
  }

  static LogReader reader(byte[] bytes) throws IOException {
    return LogReader.open(new ByteArrayChannel(bytes), "mem.log", LogReader.DEFAULT_MAX_RECORD_BYTES);
  }
}
