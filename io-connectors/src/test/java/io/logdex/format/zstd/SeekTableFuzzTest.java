package io.logdex.format.zstd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.logdex.testing.ByteArrayChannel;
import io.logdex.testing.FuzzRules;
import java.io.IOException;
import java.io.InputStream;

/**
 * Arbitrary file bytes as a seekable zstd file (docs/TESTING.md): the seek table read from its
 * end, the table scanned from its frames, and the frames decompressed through both. The last 8
 * bytes of an input choose an offset to open at; the rest is the file.
 *
 * <p>Properties: only FormatExceptions; a table that reads is consistent with the file (offsets
 * rise, frames fill exactly the bytes before the table); a frame decompresses to exactly the size
 * its entry states or fails; and no read allocates what a table entry claims.
 */
class SeekTableFuzzTest {
  private static final String SOURCE = "fuzz.zst";
  /** Decompressed bytes read per frame: a tiny frame can claim, and even hold, gigabytes. */
  private static final long READ_LIMIT = 1 << 20;
  private static final int MAX_FRAMES_READ = 64;

  @FuzzTest(maxDuration = "5m")
  void seekTable(FuzzedDataProvider data) {
    long probe = data.consumeLong();
    byte[] file = data.consumeRemainingAsBytes();
    FuzzRules.readOrReject(SOURCE, () -> {
      PositionalChannel ch = channel(file);
      SeekTable.isPresent(ch);
      SeekTable t = SeekTable.read(ch);
      checkConsistent(t, file.length, true);
      readFrames(new SeekableZstdReader(ch, t), probe);
    });
    FuzzRules.readOrReject(SOURCE, () -> {
      PositionalChannel ch = channel(file);
      SeekTable t = SeekTable.scan(ch);
      checkConsistent(t, file.length, false);
      readFrames(new SeekableZstdReader(ch, t), probe);
    });
  }

  private static PositionalChannel channel(byte[] file) throws IOException {
    return new PositionalChannel(new ByteArrayChannel(file), SOURCE);
  }

  private static void checkConsistent(SeekTable t, long size, boolean read) {
    int n = t.frameCount();
    assertTrue(n >= 0);
    for (int f = 0; f < n; f++) {
      assertTrue(t.compressedSize(f) >= 0 && t.decompressedSize(f) >= 0, "negative frame " + f);
      assertEquals(t.compressedOffset(f) + t.compressedSize(f),
          f + 1 < n ? t.compressedOffset(f + 1) : t.compressedDataEnd(), "frames overlap or gap");
    }
    assertTrue(t.compressedDataEnd() <= size, "frames run past the file");
    if (read) assertTrue(n == 0 || t.compressedOffset(0) == 0, "first frame not at 0");
  }

  /** Every frame from its start (bounded), then the whole stream from the probe offset. */
  private static void readFrames(SeekableZstdReader z, long probe) throws IOException {
    SeekTable t = z.table();
    byte[] buf = new byte[8192];
    for (int f = 0; f < Math.min(t.frameCount(), MAX_FRAMES_READ); f++) {
      try (ZstdFrameInputStream in = z.openFrame(f)) {
        long want = Math.min(t.decompressedSize(f), READ_LIMIT);
        long got = drain(in, buf, want);
        assertEquals(want, got, "frame " + f + " ended early without an error");
      }
    }
    long at = Math.floorMod(probe, t.decompressedSize() + 1);
    try (ZstdFrameInputStream in = z.openAt(at)) {
      drain(in, buf, READ_LIMIT);
    }
  }

  private static long drain(InputStream in, byte[] buf, long limit) throws IOException {
    long got = 0;
    while (got < limit) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, limit - got));
      if (n < 0) break;
      got += n;
    }
    return got;
  }
}
