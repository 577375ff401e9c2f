package io.logdex.format.zstd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStream;
import io.logdex.format.zstd.SeekableZstdWriter.Cut;
import io.logdex.testing.ByteArrayChannel;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where SeekableZstdWriter ends its frames, with and without checksums (the samples generator's way). */
class SeekableZstdCutTest {

  /** Text with lines of 0..300 bytes, occasionally one longer than a frame. */
  private static byte[] text(Random r, int n) {
    byte[] b = new byte[n];
    int untilNewline = r.nextInt(300);
    for (int i = 0; i < n; i++) {
      if (untilNewline-- == 0) {
        b[i] = '\n';
        untilNewline = r.nextInt(50) == 0 ? r.nextInt(5000) : r.nextInt(300);
      } else {
        b[i] = (byte) ('a' + r.nextInt(r.nextInt(8) + 1));
      }
    }
    return b;
  }

  private static byte[] compress(byte[] in, int frameBytes, boolean checksums, Cut cut, Random chunks)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SeekableZstdWriter z = new SeekableZstdWriter(out, frameBytes, 1, checksums, cut);
    int p = 0;
    while (p < in.length) {
      if (chunks.nextInt(10) == 0) {
        z.write(in[p++]);
        continue;
      }
      int n = Math.min(in.length - p, chunks.nextInt(3 * frameBytes + 1));
      z.write(in, p, n);
      p += n;
    }
    z.close();
    return out.toByteArray();
  }

  private static SeekTable table(byte[] file) throws IOException {
    return SeekTable.read(new PositionalChannel(new ByteArrayChannel(file), "mem.zst"));
  }

  private static byte[] unzstd(byte[] file) throws IOException {
    try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(file))) {
      return in.readAllBytes();
    }
  }

  private static boolean hasNewline(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\n') return true;
    }
    return false;
  }

  @Test
  void randomInputsFrameSizesAndWriteChunkingRoundTrip() throws IOException {
    Random r = new Random(20251009);
    for (int round = 0; round < 60; round++) {
      byte[] in = text(r, r.nextInt(40_000));
      int frameBytes = 1 + r.nextInt(r.nextBoolean() ? 64 : 9000);
      Cut cut = r.nextBoolean() ? Cut.AFTER_LAST_NEWLINE : Cut.AT_SIZE;
      boolean checksums = r.nextBoolean();
      byte[] file = compress(in, frameBytes, checksums, cut, r);
      SeekTable t = table(file);
      assertEquals(checksums, t.hasChecksums(), "round " + round);
      int off = 0;
      int pos = 0;
      for (int i = 0; i < t.frameCount(); i++) {
        byte[] frame = Arrays.copyOfRange(file, off, off + (int) t.compressedSize(i));
        byte[] out = Zstd.decompress(frame, (int) t.decompressedSize(i));
        assertEquals(t.decompressedSize(i), out.length);
        assertTrue(out.length >= 1 && out.length <= frameBytes, "frame " + i + " holds 1.." + frameBytes);
        assertArrayEquals(Arrays.copyOfRange(in, pos, pos + out.length), out, "round " + round);
        if (checksums) {
          assertEquals(SeekTable.le32(frame, frame.length - 4), t.checksum(i), "frame " + i + " checksum");
        }
        boolean last = i == t.frameCount() - 1;
        if (cut == Cut.AFTER_LAST_NEWLINE && !last && out[out.length - 1] != '\n') {
          assertFalse(hasNewline(out, 0, out.length),
              "a frame cut mid-line only when it holds no newline at all");
          assertEquals(frameBytes, out.length, "a line longer than a frame is cut at the frame size");
        }
        if (cut == Cut.AFTER_LAST_NEWLINE && !last) {
          // The longest line-aligned frame that fits: no newline follows within the frame size.
          int reach = Math.min(in.length, pos + frameBytes);
          assertFalse(out[out.length - 1] == '\n' && hasNewline(in, pos + out.length, reach),
              "round " + round + " frame " + i + " could have held more lines");
        }
        if (cut == Cut.AT_SIZE && !last) {
          assertEquals(frameBytes, out.length, "round " + round + " frame " + i);
        }
        off += frame.length;
        pos += out.length;
      }
      assertEquals(in.length, pos, "round " + round);
      int entrySize = checksums ? 12 : 8;
      assertEquals(file.length - (8 + entrySize * t.frameCount() + 9), off,
          "frames end where the seek table starts");
      assertArrayEquals(in, unzstd(file));
    }
  }

  @Test
  void lineCutEndsAtTheLastNewlineAndFinishSplitsOffAnUnterminatedTail() throws IOException {
    byte[] in = "ab\ncd\nefghijklm\nno\npq".getBytes();
    byte[] file = compress(in, 8, false, Cut.AFTER_LAST_NEWLINE, new Random(2));
    SeekTable t = table(file);
    long[] sizes = new long[t.frameCount()];
    for (int i = 0; i < sizes.length; i++) sizes[i] = t.decompressedSize(i);
    // "ab\ncd\n" | "efghijkl" (no newline fits) | "m\nno\n" | "pq" (finish keeps the tail apart)
    assertArrayEquals(new long[] {6, 8, 5, 2}, sizes);
    assertArrayEquals(in, unzstd(file));
  }

  @Test
  void emptyInputIsJustTheSeekTable() throws IOException {
    byte[] file = compress(new byte[0], 1024, false, Cut.AT_SIZE, new Random(1));
    assertEquals(8 + 9, file.length);
    assertEquals(0, table(file).frameCount());
    assertEquals(0, unzstd(file).length);
  }

  @Test
  void finishIsIdempotentAndRejectsBadFrameSizes() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SeekableZstdWriter z = new SeekableZstdWriter(out, 10, 1, false, Cut.AT_SIZE);
    z.write("hello world, twice\n".getBytes());
    z.finish();
    int size = out.size();
    z.finish();
    assertEquals(size, out.size());
    assertEquals(2, z.frameCount());
    assertThrows(IllegalArgumentException.class,
        () -> new SeekableZstdWriter(out, 0, 1, false, Cut.AFTER_LAST_NEWLINE));
  }

  @Test
  void zstdCommandLineReadsIt(@TempDir Path dir) throws Exception {
    assumeTrue(SeekableZstdTest.cliAvailable(), "zstd CLI not installed");
    byte[] in = text(new Random(3), 300_000);
    for (Cut cut : Cut.values()) {
      Path file = dir.resolve(cut + ".zst");
      Path out = dir.resolve(cut + ".raw");
      Files.write(file, compress(in, 32 * 1024, false, cut, new Random(4)));
      SeekableZstdTest.run("zstd", "-q", "-d", "-f", file.toString(), "-o", out.toString());
      assertArrayEquals(in, Files.readAllBytes(out), cut.name());
    }
  }
}
