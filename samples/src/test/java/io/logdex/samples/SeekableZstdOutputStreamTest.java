package io.logdex.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeekableZstdOutputStreamTest {

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

  private static byte[] compress(byte[] in, int frameBytes, boolean cutAtLine, Random chunks) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SeekableZstdOutputStream z = new SeekableZstdOutputStream(out, frameBytes, cutAtLine, 1);
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

  @Test
  void randomInputsFrameSizesAndWriteChunkingRoundTrip() throws IOException {
    Random r = new Random(20251009);
    for (int round = 0; round < 60; round++) {
      byte[] in = text(r, r.nextInt(40_000));
      int frameBytes = 1 + r.nextInt(r.nextBoolean() ? 64 : 9000);
      boolean cutAtLine = r.nextBoolean();
      byte[] file = compress(in, frameBytes, cutAtLine, r);
      TestData.SeekTable t = TestData.SeekTable.read(file);
      long off = 0;
      long pos = 0;
      for (int i = 0; i < t.frames(); i++) {
        byte[] frame = Arrays.copyOfRange(file, (int) off, (int) (off + t.compressed[i]));
        byte[] out = Zstd.decompress(frame, (int) t.decompressed[i]);
        assertEquals(t.decompressed[i], out.length);
        assertTrue(out.length >= 1 && out.length <= frameBytes, "frame " + i + " holds 1.." + frameBytes);
        assertArrayEquals(Arrays.copyOfRange(in, (int) pos, (int) pos + out.length), out, "round " + round);
        if (cutAtLine && i < t.frames() - 1 && out[out.length - 1] != '\n') {
          for (byte c : out) {
            assertTrue(c != '\n', "a frame cut mid-line only when it holds no newline at all");
          }
        }
        off += t.compressed[i];
        pos += out.length;
      }
      assertEquals(in.length, pos, "round " + round);
      assertEquals(t.tableOffset, off);
      assertArrayEquals(in, TestData.unzstd(file));
    }
  }

  @Test
  void emptyInputIsJustTheSeekTable() throws IOException {
    byte[] file = compress(new byte[0], 1024, false, new Random(1));
    assertEquals(8 + 9, file.length);
    assertEquals(0, TestData.SeekTable.read(file).frames());
    assertEquals(0, TestData.unzstd(file).length);
  }

  @Test
  void finishIsIdempotentAndRejectsBadFrameSizes() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SeekableZstdOutputStream z = new SeekableZstdOutputStream(out, 10, false, 1);
    z.write("hello world, twice\n".getBytes());
    z.finish();
    int size = out.size();
    z.finish();
    assertEquals(size, out.size());
    assertEquals(2, z.frames());
    assertThrows(IllegalArgumentException.class, () -> new SeekableZstdOutputStream(out, 0, false, 1));
  }

  @Test
  void zstdCommandLineReadsIt(@TempDir Path dir) throws Exception {
    Path zstd = Path.of("/usr/bin/zstd");
    Assumptions.assumeTrue(Files.isExecutable(zstd), "zstd CLI not installed");
    byte[] in = text(new Random(3), 300_000);
    Path file = dir.resolve("multi.zst");
    Files.write(file, compress(in, 32 * 1024, false, new Random(4)));
    Process p = new ProcessBuilder(zstd.toString(), "-q", "-d", "-c", file.toString())
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    byte[] out = p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue());
    assertArrayEquals(in, out);
  }
}
