package io.logdex.format.zstd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.luben.zstd.Zstd;
import io.logdex.format.FormatException;
import io.logdex.format.TruncatedInputException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeekableZstdTest {
  @TempDir Path dir;

  /** Compressible but not trivial: words from a small alphabet with random lengths. */
  static byte[] data(int n, long seed) {
    Random r = new Random(seed);
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) b[i] = (byte) (r.nextInt(8) == 0 ? ' ' : 'a' + r.nextInt(6));
    return b;
  }

  private Path write(byte[] data, int frameSize, long seed) throws IOException {
    Path f = dir.resolve("d" + seed + ".zst");
    Random r = new Random(seed);
    try (SeekableZstdWriter w =
        new SeekableZstdWriter(Files.newOutputStream(f), frameSize, 3)) {
      // Uneven write sizes cross frame boundaries in every way.
      for (int off = 0; off < data.length; ) {
        int n = Math.min(data.length - off, 1 + r.nextInt(3 * frameSize));
        if (r.nextInt(10) == 0) {
          w.write(data[off]);
          n = 1;
        } else {
          w.write(data, off, n);
        }
        off += n;
      }
    }
    return f;
  }

  private static PositionalChannel open(Path f) throws IOException {
    return new PositionalChannel(FileChannel.open(f, StandardOpenOption.READ), f.toString());
  }

  @Test
  void tableDescribesFramesAndRandomReadsMatch() throws IOException {
    Random r = new Random(7);
    for (int round = 0; round < 6; round++) {
      int frameSize = 1 + r.nextInt(5000);
      byte[] d = data(r.nextInt(40_000), round);
      Path f = write(d, frameSize, round);
      try (PositionalChannel ch = open(f)) {
        SeekTable t = SeekTable.read(ch);
        assertEquals((d.length + frameSize - 1) / frameSize, t.frameCount());
        assertEquals(d.length, t.decompressedSize());
        assertTrue(t.hasChecksums());
        for (int i = 0; i < t.frameCount(); i++) {
          assertEquals((long) i * frameSize, t.decompressedOffset(i));
        }
        SeekableZstdReader z = new SeekableZstdReader(ch, t);
        for (int k = 0; k < 50 && d.length > 0; k++) {
          int at = r.nextInt(d.length);
          int len = Math.min(d.length - at, r.nextInt(3 * frameSize + 1));
          try (InputStream in = z.openAt(at)) {
            assertArrayEquals(Arrays.copyOfRange(d, at, at + len), in.readNBytes(len));
          }
        }
        try (InputStream in = z.openAt(d.length)) {
          assertEquals(-1, in.read());
        }
      }
    }
  }

  @Test
  void plainZstdDecodesTheWholeFile() throws IOException {
    byte[] d = data(100_000, 3);
    Path f = write(d, 4096, 3);
    // A plain streaming decoder walks every frame and skips the table's skippable frame.
    try (InputStream in = new com.github.luben.zstd.ZstdInputStream(Files.newInputStream(f))) {
      assertArrayEquals(d, in.readAllBytes());
    }
    assertTrue(Files.size(f) < d.length);
  }

  @Test
  void checksumColumnIsTheFramesContentChecksum() throws IOException {
    byte[] d = data(20_000, 4);
    Path f = write(d, 3000, 4);
    try (PositionalChannel ch = open(f)) {
      SeekTable t = SeekTable.read(ch);
      for (int i = 0; i < t.frameCount(); i++) {
        byte[] tail = new byte[4];
        ch.readFully(t.compressedOffset(i) + t.compressedSize(i) - 4, tail, 0, 4);
        assertEquals(ByteBuffer.wrap(tail).order(ByteOrder.LITTLE_ENDIAN).getInt(), t.checksum(i));
      }
    }
  }

  @Test
  void frameAtSkipsEmptyFramesAndLocatesEveryOffset() throws IOException {
    // A hand-built table: frames of 5, 0, 3 decompressed bytes (the empty one is skippable).
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] a = Zstd.compress("hello".getBytes());
    byte[] skippable = {0x50, 0x2A, 0x4D, 0x18, 2, 0, 0, 0, 9, 9};
    byte[] b = Zstd.compress("abc".getBytes());
    out.write(a);
    out.write(skippable);
    out.write(b);
    SeekTable.Builder tb = new SeekTable.Builder(false);
    tb.add(a.length, 5, 0);
    tb.add(skippable.length, 0, 0);
    tb.add(b.length, 3, 0);
    tb.writeTo(out);
    Path f = dir.resolve("hand.zst");
    Files.write(f, out.toByteArray());
    try (PositionalChannel ch = open(f)) {
      SeekTable t = SeekTable.read(ch);
      assertFalse(t.hasChecksums());
      assertEquals(3, t.frameCount());
      int[] expect = {0, 0, 0, 0, 0, 2, 2, 2};
      for (int off = 0; off < 8; off++) assertEquals(expect[off], t.frameAt(off), "offset " + off);
      assertEquals(-1, t.frameAt(8));
      assertEquals(1, t.firstFrameAtOrAfter(a.length));
      assertEquals(2, t.firstFrameAtOrAfter(a.length + 1));
      try (InputStream in = new SeekableZstdReader(ch, t).openAt(3)) {
        assertEquals("loabc", new String(in.readAllBytes()));
      }
      SeekTable scanned = SeekTable.scan(ch);
      assertEquals(3, scanned.frameCount());
      for (int i = 0; i < 3; i++) {
        assertEquals(t.compressedOffset(i), scanned.compressedOffset(i));
        assertEquals(t.decompressedSize(i), scanned.decompressedSize(i));
      }
    }
  }

  @Test
  void hostileTablesFailWithoutAllocating() throws IOException {
    byte[] d = data(5000, 5);
    Path f = write(d, 1000, 5);
    byte[] good = Files.readAllBytes(f);
    int n = good.length;
    // Frame count 0xFFFFFFFF: more entries than the file could hold.
    byte[] bad = good.clone();
    Arrays.fill(bad, n - 9, n - 5, (byte) 0xff);
    assertMessage(bad, "claims");
    // Reserved descriptor bit.
    bad = good.clone();
    bad[n - 5] |= 0x04;
    assertMessage(bad, "reserved");
    // One compressed size off by one: the frames no longer fill the bytes before the table.
    bad = good.clone();
    int entries = n - 9 - 5 * 12;
    bad[entries] ^= 1;
    assertMessage(bad, "cover");
    // No footer at all.
    assertMessage(Arrays.copyOf(good, n - 1), "no zstd seek table");
  }

  private void assertMessage(byte[] file, String fragment) throws IOException {
    Path f = dir.resolve("bad.zst");
    Files.write(f, file);
    try (PositionalChannel ch = open(f)) {
      FormatException e = assertThrows(FormatException.class, () -> SeekTable.read(ch));
      assertTrue(e.getMessage().contains(fragment), e.getMessage());
      assertTrue(e.getMessage().startsWith(f.toString()), e.getMessage());
    }
  }

  @Test
  void corruptFrameIsReportedWithItsFrame() throws IOException {
    byte[] d = data(50_000, 6);
    Path f = write(d, 10_000, 6);
    byte[] bytes = Files.readAllBytes(f);
    try (PositionalChannel ch = open(f)) {
      SeekTable t = SeekTable.read(ch);
      bytes[(int) (t.compressedOffset(2) + t.compressedSize(2) / 2)] ^= 0x10;
    }
    Files.write(f, bytes);
    try (PositionalChannel ch = open(f)) {
      SeekableZstdReader z = SeekableZstdReader.open(ch);
      try (ZstdFrameInputStream in = z.openAt(0)) {
        FormatException e = assertThrows(FormatException.class, in::readAllBytes);
        assertEquals(2, in.failedFrame());
        assertTrue(e.getMessage().contains("zstd frame 2"), e.getMessage());
      }
      // Frames after the damaged one still read.
      try (InputStream in = z.openAt(30_000)) {
        assertArrayEquals(Arrays.copyOfRange(d, 30_000, d.length), in.readAllBytes());
      }
    }
  }

  @Test
  void scanOfATruncatedFileNamesTheTornFrame() throws IOException {
    byte[] d = data(30_000, 8);
    Path f = write(d, 10_000, 8);
    byte[] bytes = Files.readAllBytes(f);
    long firstTwo;
    try (PositionalChannel ch = open(f)) {
      firstTwo = SeekTable.read(ch).compressedOffset(2);
    }
    Files.write(f, Arrays.copyOf(bytes, (int) firstTwo + 10));
    try (PositionalChannel ch = open(f)) {
      assertFalse(SeekTable.isPresent(ch));
      TruncatedInputException e = assertThrows(TruncatedInputException.class, () -> SeekTable.scan(ch));
      assertEquals(firstTwo + 10, e.offset(), e.getMessage());
    }
  }

  /** Frames from the real CLI, concatenated: scan must find each frame and its content size. */
  @Test
  void scansFramesWrittenByTheZstdCli() throws Exception {
    assumeTrue(cliAvailable(), "zstd CLI not installed");
    byte[][] parts = {data(70_000, 10), data(1, 11), data(200_000, 12)};
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    Path cat = dir.resolve("cli.zst");
    try (var out = Files.newOutputStream(cat)) {
      for (int i = 0; i < parts.length; i++) {
        Path p = dir.resolve("part" + i);
        Files.write(p, parts[i]);
        run("zstd", "-q", "-3", "-f", p.toString(), "-o", p + ".zst");
        out.write(Files.readAllBytes(Path.of(p + ".zst")));
        all.write(parts[i]);
      }
      // A frame from stdin has no content size in its header, so scan must count it.
      Path p = dir.resolve("piped");
      Files.write(p, parts[0]);
      run("sh", "-c", "zstd -q -c < " + p + " > " + p + ".zst");
      out.write(Files.readAllBytes(Path.of(p + ".zst")));
      all.write(parts[0]);
    }
    byte[] expected = all.toByteArray();
    try (PositionalChannel ch = open(cat)) {
      SeekTable t = SeekTable.scan(ch);
      assertEquals(4, t.frameCount());
      assertEquals(expected.length, t.decompressedSize());
      assertEquals(70_001, t.decompressedOffset(2));
      SeekableZstdReader z = new SeekableZstdReader(ch, t);
      try (InputStream in = z.openAt(70_000)) {
        assertArrayEquals(Arrays.copyOfRange(expected, 70_000, expected.length), in.readAllBytes());
      }
    }
  }

  @Test
  void zstdCliDecompressesOurOutput() throws Exception {
    assumeTrue(cliAvailable(), "zstd CLI not installed");
    byte[] d = data(300_000, 13);
    Path f = write(d, 64 * 1024, 13);
    Path out = dir.resolve("out.raw");
    run("zstd", "-q", "-d", "-f", f.toString(), "-o", out.toString());
    assertArrayEquals(d, Files.readAllBytes(out));
    run("zstd", "-q", "-t", f.toString());
  }

  static boolean cliAvailable() {
    for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(p, "zstd"))) return true;
    }
    return false;
  }

  static void run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "timed out: " + String.join(" ", cmd));
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + output);
  }
}
