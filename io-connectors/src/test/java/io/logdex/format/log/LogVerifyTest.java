package io.logdex.format.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.zstd.PositionalChannel;
import io.logdex.format.zstd.SeekTable;
import io.logdex.testing.ByteArrayChannel;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogVerifyTest {
  private static VerifyReport verify(byte[] bytes) throws IOException {
    return LogVerifier.verify(new PositionalChannel(new ByteArrayChannel(bytes), "v.log"));
  }

  @Test
  void cleanLogsVerifyClean() throws IOException {
    Random r = new Random(1);
    for (LogCompression c : LogCompression.values()) {
      List<byte[]> payloads = Logs.mixed(r, 40, 512);
      Logs.Encoded enc = Logs.encode(payloads, 512, c);
      VerifyReport rep = verify(enc.bytes());
      assertTrue(rep.clean(), rep.toString());
      assertEquals(40, rep.records());
      assertEquals(payloads.stream().mapToLong(p -> p.length).sum(), rep.payloadBytes());
      assertEquals(c == LogCompression.ZSTD, rep.compressed());
    }
  }

  /**
   * Every single-bit flip anywhere in a small log, header and padding included, is found; the
   * first damage names the record the bit is in, and every record before it still verifies.
   */
  @Test
  void everySingleBitFlipIsDetectedAndLocated() throws IOException {
    int b = 512;
    List<byte[]> payloads = List.of(
        Logs.payload(new Random(1), 40),
        Logs.payload(new Random(2), 1400), // FIRST, MIDDLE, LAST
        Logs.payload(new Random(3), 0),
        Logs.payload(new Random(4), b - 16), // leaves padding behind it
        Logs.payload(new Random(5), 7));
    Logs.Encoded enc = Logs.encode(payloads, b, LogCompression.NONE);
    byte[] good = enc.bytes();
    for (int bit = 0; bit < good.length * 8; bit++) {
      byte[] bad = good.clone();
      int at = bit >>> 3;
      bad[at] ^= (byte) (1 << (bit & 7));
      VerifyReport rep = verify(bad);
      assertFalse(rep.clean(), "bit " + bit + " at byte " + at + " went unnoticed");
      Damage first = rep.damages().get(0);
      int rec = recordHolding(enc, at);
      if (at < LogFormat.HEADER_SIZE) {
        assertTrue(first.offset() < LogFormat.HEADER_SIZE, first.toString());
      } else if (rec < 0) {
        assertEquals(at, first.offset(), "padding byte " + at + ": " + first);
      } else {
        long pos = enc.positions()[rec];
        long end = enc.ends()[rec];
        assertTrue(first.recordPosition() == pos || (first.offset() >= pos && first.offset() < end),
            "bit at byte " + at + " in record " + rec + " [" + pos + ", " + end + "): " + first);
        assertTrue(rep.records() >= rec, "records before the damage must verify: " + rep);
      }
    }
  }

  private static int recordHolding(Logs.Encoded enc, int at) {
    for (int i = 0; i < enc.positions().length; i++) {
      if (at >= enc.positions()[i] && at < enc.ends()[i]) return i;
    }
    return -1;
  }

  /** Damage in one record costs at most the rest of its block: later blocks still verify. */
  @Test
  void verifyResynchronisesAtTheNextBlock() throws IOException {
    int b = 512;
    Random r = new Random(6);
    List<byte[]> payloads = new java.util.ArrayList<>();
    for (int i = 0; i < 60; i++) payloads.add(Logs.payload(r, 20 + r.nextInt(100)));
    Logs.Encoded enc = Logs.encode(payloads, b, LogCompression.NONE);
    byte[] bad = enc.bytes().clone();
    int victim = 20;
    long pos = enc.positions()[victim];
    bad[(int) pos + 12] ^= 0x40; // inside the victim's data
    bad[(int) enc.positions()[45] + 3] ^= 0x01; // a second, independent damage (length field)
    VerifyReport rep = verify(bad);
    assertEquals(2, rep.damageCount(), rep.toString());
    assertEquals(pos, rep.damages().get(0).offset());
    assertEquals(pos, rep.damages().get(0).recordPosition());
    assertEquals(enc.positions()[45], rep.damages().get(1).offset());
    // Lost: the victims and whatever followed them in their blocks, nothing else.
    long lost = 0;
    for (int i = 0; i < payloads.size(); i++) {
      long p = enc.positions()[i];
      boolean inVictimBlock = p / b == pos / b && p >= pos
          || p / b == enc.positions()[45] / b && p >= enc.positions()[45];
      if (inVictimBlock) lost++;
    }
    assertEquals(payloads.size() - lost, rep.records(), rep.toString());
  }

  @Test
  void truncatedLogReportsATruncation() throws IOException {
    List<byte[]> payloads = Logs.mixed(new Random(7), 20, 512);
    Logs.Encoded enc = Logs.encode(payloads, 512, LogCompression.NONE);
    long last = enc.positions()[19];
    byte[] cut = Arrays.copyOf(enc.bytes(), (int) last + 10);
    VerifyReport rep = verify(cut);
    assertEquals(1, rep.damageCount());
    assertTrue(rep.damages().get(0).truncation(), rep.toString());
    assertEquals(19, rep.records());
  }

  @Test
  void compressedDamageIsFoundPerFrameAndLaterFramesStillVerify() throws IOException {
    Random r = new Random(8);
    List<byte[]> payloads = new java.util.ArrayList<>();
    // About 3.5 MiB of compressible log: four frames.
    for (int i = 0; i < 900; i++) payloads.add(text(r, 4000));
    Logs.Encoded enc = Logs.encode(payloads, 4096, LogCompression.ZSTD);
    byte[] bad = enc.bytes().clone();
    SeekTable t;
    try (PositionalChannel ch = new PositionalChannel(new ByteArrayChannel(bad), "z")) {
      t = SeekTable.read(ch);
    }
    assertTrue(t.frameCount() >= 4, "frames: " + t.frameCount());
    bad[(int) (t.compressedOffset(1) + t.compressedSize(1) / 2)] ^= 0x20;
    VerifyReport rep = verify(bad);
    assertFalse(rep.clean());
    // Garbage decoded from the frame may trip a record CRC before zstd's frame checksum: either
    // way the first damage lies in frame 1, and the frame itself is reported.
    Damage d = rep.damages().get(0);
    assertTrue(d.offset() >= t.decompressedOffset(1) && d.offset() < t.decompressedOffset(2),
        d.toString());
    assertTrue(rep.damages().stream().anyMatch(x -> x.reason().contains("zstd frame 1")),
        rep.toString());
    long inLaterFrames = 0;
    for (long p : enc.positions()) if (p >= t.decompressedOffset(2) + 4096) inLaterFrames++;
    assertTrue(rep.records() >= inLaterFrames + 1, rep.records() + " vs " + inLaterFrames);
    // And a compressed log cut short has lost its seek table.
    VerifyReport torn = verify(Arrays.copyOf(enc.bytes(), enc.bytes().length - 30));
    assertTrue(torn.damages().stream().anyMatch(x -> x.reason().contains("no zstd seek table")),
        torn.toString());
  }

  static byte[] text(Random r, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) b[i] = (byte) (r.nextInt(5) == 0 ? ' ' : 'a' + r.nextInt(8));
    return b;
  }
}
