package io.logdex.format.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import io.logdex.format.zstd.PositionalChannel;
import io.logdex.format.zstd.SeekTable;
import io.logdex.testing.ByteArrayChannel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRecoveryTest {
  @TempDir Path dir;

  private List<byte[]> readAll(Path f, List<Long> positions) throws IOException {
    List<byte[]> out = new ArrayList<>();
    try (LogReader r = LogReader.open(f); LogCursor c = r.cursor(0)) {
      while (c.next()) {
        out.add(c.payload());
        if (positions != null) positions.add(c.position());
      }
    }
    return out;
  }

  /** A cut at every byte of the last record: all earlier records survive, none is invented. */
  @Test
  void truncationAtEveryByteOfTheLastRecord() throws IOException {
    Random r = new Random(1);
    List<byte[]> payloads = new ArrayList<>(Logs.mixed(r, 12, 512));
    payloads.add(Logs.payload(r, 1300)); // the last record spans blocks
    Logs.Encoded enc = Logs.encode(payloads, 512, LogCompression.NONE);
    int n = payloads.size();
    long last = enc.positions()[n - 1];
    long prevEnd = enc.ends()[n - 2];
    Path f = dir.resolve("t.log");
    for (long cut = prevEnd; cut <= enc.bytes().length; cut++) {
      Files.write(f, Arrays.copyOf(enc.bytes(), (int) cut));
      RecoveryReport rep = LogRecovery.recover(f);
      boolean whole = cut == enc.bytes().length;
      boolean clean = whole || cut <= last; // cut at a record boundary or inside padding
      assertEquals(clean ? RecoveryReport.Action.NONE : RecoveryReport.Action.TRUNCATED,
          rep.action(), "cut " + cut);
      List<Long> positions = new ArrayList<>();
      List<byte[]> got = readAll(f, positions);
      int expect = whole ? n : n - 1;
      assertEquals(expect, got.size(), "cut " + cut);
      assertEquals(expect, rep.recordsKept());
      for (int i = 0; i < expect; i++) {
        assertArrayEquals(payloads.get(i), got.get(i));
        assertEquals(enc.positions()[i], positions.get(i));
      }
      if (!clean) {
        assertEquals(prevEnd, Files.size(f));
        assertEquals(cut - prevEnd, rep.droppedLogBytes());
        assertEquals(1, rep.droppedRecords());
      }
      assertTrue(LogVerifier.verify(f).clean());
    }
  }

  @Test
  void corruptionFollowedByValidRecordsIsRefusedUntouched() throws IOException {
    List<byte[]> payloads = Logs.mixed(new Random(2), 30, 512);
    Logs.Encoded enc = Logs.encode(payloads, 512, LogCompression.NONE);
    byte[] bad = enc.bytes().clone();
    bad[(int) enc.positions()[5] + 9] ^= 1;
    Path f = dir.resolve("c.log");
    Files.write(f, bad);
    FormatException e = assertThrows(FormatException.class, () -> LogRecovery.recover(f));
    assertTrue(e.getMessage().contains("not a torn tail"), e.getMessage());
    assertArrayEquals(bad, Files.readAllBytes(f));
  }

  @Test
  void damagedHeaderIsRefused() throws IOException {
    Logs.Encoded enc = Logs.encode(Logs.mixed(new Random(3), 5, 512), 512, LogCompression.NONE);
    byte[] bad = enc.bytes().clone();
    bad[9] ^= 1;
    Path f = dir.resolve("h.log");
    Files.write(f, bad);
    FormatException e = assertThrows(FormatException.class, () -> LogRecovery.recover(f));
    assertTrue(e.getMessage().contains("header"), e.getMessage());
  }

  /**
   * A compressed log cut anywhere in its last frames or table: the valid prefix comes back as a
   * complete compressed log with the same positions, including every record in whole frames.
   */
  @Test
  void tornCompressedLogIsRewrittenWithTheSamePositions() throws IOException {
    Random r = new Random(4);
    List<byte[]> payloads = new ArrayList<>();
    for (int i = 0; i < 700; i++) payloads.add(LogVerifyTest.text(r, 100 + r.nextInt(8000)));
    Logs.Encoded enc = Logs.encode(payloads, 4096, LogCompression.ZSTD);
    SeekTable t;
    try (PositionalChannel ch = new PositionalChannel(new ByteArrayChannel(enc.bytes()), "z")) {
      t = SeekTable.read(ch);
    }
    int frames = t.frameCount();
    assertTrue(frames >= 3);
    long lastFrameAt = t.compressedOffset(frames - 1);
    long decodedBeforeLastFrame = t.decompressedOffset(frames - 1);
    Path f = dir.resolve("z.log.zst");
    long[] cuts = new long[12];
    for (int i = 0; i < cuts.length - 2; i++) {
      cuts[i] = lastFrameAt + r.nextInt((int) (enc.bytes().length - lastFrameAt));
    }
    cuts[cuts.length - 2] = lastFrameAt;
    cuts[cuts.length - 1] = enc.bytes().length - 1; // only the footer's last byte is missing
    for (long cut : cuts) {
      Files.write(f, Arrays.copyOf(enc.bytes(), (int) cut));
      RecoveryReport rep = LogRecovery.recover(f);
      assertEquals(RecoveryReport.Action.REWRITTEN, rep.action(), "cut " + cut);
      List<Long> positions = new ArrayList<>();
      List<byte[]> got = readAll(f, positions);
      assertEquals(rep.recordsKept(), got.size());
      for (int i = 0; i < got.size(); i++) {
        assertArrayEquals(payloads.get(i), got.get(i), "cut " + cut + " record " + i);
        assertEquals(enc.positions()[i], positions.get(i));
      }
      int inWholeFrames = 0;
      while (inWholeFrames < payloads.size()
          && enc.ends()[inWholeFrames] <= decodedBeforeLastFrame) {
        inWholeFrames++;
      }
      assertTrue(got.size() >= inWholeFrames, "cut " + cut + ": " + got.size() + " < "
          + inWholeFrames);
      assertTrue(LogVerifier.verify(f).clean());
    }
  }

  @Test
  void completeCompressedLogIsLeftAloneAndDamagedOneRefused() throws IOException {
    Logs.Encoded enc = Logs.encode(Logs.mixed(new Random(5), 30, 512), 512, LogCompression.ZSTD);
    Path f = dir.resolve("ok.log.zst");
    Files.write(f, enc.bytes());
    assertEquals(RecoveryReport.Action.NONE, LogRecovery.recover(f).action());
    byte[] bad = enc.bytes().clone();
    bad[40] ^= 4;
    Files.write(f, bad);
    FormatException e = assertThrows(FormatException.class, () -> LogRecovery.recover(f));
    assertTrue(e.getMessage().contains("seek table"), e.getMessage());
    assertArrayEquals(bad, Files.readAllBytes(f));
  }
}
