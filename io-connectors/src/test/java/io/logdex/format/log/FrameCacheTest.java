package io.logdex.format.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameCacheTest {
  /** Random reads of a compressed log, many spanning frames, give the records written. */
  @Test
  void readsThroughTheCacheReturnTheRecords() throws IOException {
    for (long seed = 0; seed < 6; seed++) {
      Random r = new Random(seed);
      List<byte[]> payloads = Logs.mixed(r, 200, 512);
      Logs.Encoded z = Logs.encode(payloads, 512, LogCompression.ZSTD);
      try (LogReader reader = Logs.reader(z.bytes())) {
        for (int k = 0; k < 400; k++) {
          int i = r.nextInt(payloads.size());
          assertArrayEquals(payloads.get(i), reader.readAt(z.positions()[i]), "seed " + seed + " record " + i);
        }
      }
    }
  }

  /** Reading neighbouring records decompresses each frame once, not once per record. */
  @Test
  void neighbouringReadsDecompressAFrameOnce() throws IOException {
    Random r = new Random(7);
    List<byte[]> payloads = new java.util.ArrayList<>();
    for (int i = 0; i < 400; i++) payloads.add(Logs.payload(r, 20));
    Logs.Encoded z = Logs.encode(payloads, 512, LogCompression.ZSTD);
    try (LogReader reader = Logs.reader(z.bytes())) {
      int frames = reader.seekTable().frameCount();
      for (int i = 0; i < payloads.size(); i++) assertArrayEquals(payloads.get(i), reader.readAt(z.positions()[i]));
      long afterForward = reader.decompressedFrames();
      assertTrue(afterForward <= frames, afterForward + " decompressions for " + frames + " frames");
      assertTrue(frames * 4 < payloads.size(), "several records a frame, or the test means nothing");
      // Twice the same record: no new work.
      reader.readAt(z.positions()[5]);
      long once = reader.decompressedFrames();
      reader.readAt(z.positions()[5]);
      assertEquals(once, reader.decompressedFrames());
    }
  }
}
