package io.logdex.format.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import io.logdex.format.TruncatedInputException;
import io.logdex.testing.ByteArrayChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** Length fields that lie: each must fail fast, and none may allocate what it claims. */
class LogHostileInputTest {
  private static final int B = 512;

  /** Header plus one fragment at offset 16 with the given fields and data, CRC optionally valid. */
  private static byte[] log(long length, int type, byte[] data, boolean validCrc) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(LogHeader.of(B).encode());
    byte[] h = new byte[9];
    h[0] = (byte) (length >>> 24);
    h[1] = (byte) (length >>> 16);
    h[2] = (byte) (length >>> 8);
    h[3] = (byte) length;
    h[4] = (byte) type;
    CRC32C c = new CRC32C();
    c.update(h, 0, 5);
    c.update(data);
    int crc = LogFormat.mask((int) c.getValue()) ^ (validCrc ? 0 : 1);
    h[5] = (byte) (crc >>> 24);
    h[6] = (byte) (crc >>> 16);
    h[7] = (byte) (crc >>> 8);
    h[8] = (byte) crc;
    out.write(h);
    out.write(data);
    return out.toByteArray();
  }

  private static LogReader reader(byte[] b, int max) throws IOException {
    return LogReader.open(new ByteArrayChannel(b), "hostile.log", max);
  }

  @Test
  void fullFragmentOf4GiBFailsAsCorruption() throws IOException {
    byte[] b = log(0xFFFFFFFFL, LogFormat.FULL, new byte[100], true);
    try (LogReader r = reader(b, LogReader.MAX_ARRAY_BYTES)) {
      FormatException e = assertThrows(FormatException.class, () -> r.readAt(16));
      assertTrue(e.getMessage().contains("4294967295"), e.getMessage());
      assertTrue(e.getMessage().contains("fit in its block"), e.getMessage());
      assertThrows(FormatException.class, () -> r.readAtStreaming(16));
    }
  }

  @Test
  void firstFragmentOf4GiBIsOverAnyArrayLimit() throws IOException {
    byte[] b = log(0xFFFFFFFFL, LogFormat.FIRST, new byte[B - 16 - 9], true);
    try (LogReader r = reader(b, LogReader.MAX_ARRAY_BYTES)) {
      FormatException e = assertThrows(FormatException.class, () -> r.readAt(16));
      assertTrue(e.getMessage().contains("exceeds the limit"), e.getMessage());
      // The stream never allocates the length, so only the end of the file stops it.
      assertThrows(TruncatedInputException.class, () -> r.readAtStreaming(16));
    }
  }

  /**
   * 900 MB is under the array limit: only the check against the file's end stands between it and
   * an allocation that would not fit in this JVM's heap.
   */
  @Test
  void lengthBeyondTheFileIsTruncationIfIntactCorruptionIfNot() throws IOException {
    byte[] data = new byte[B - 16 - 9];
    for (boolean valid : new boolean[] {true, false}) {
      byte[] b = log(900_000_000L, LogFormat.FIRST, data, valid);
      try (LogReader r = reader(b, LogReader.MAX_ARRAY_BYTES)) {
        FormatException e = assertThrows(FormatException.class, () -> r.readAt(16));
        assertEquals(valid, e instanceof TruncatedInputException, e.getMessage());
        assertEquals(16, e.offset());
        assertTrue(e.getMessage().startsWith("hostile.log: offset 16"), e.getMessage());
        try (LogCursor c = r.cursor(0)) {
          assertThrows(FormatException.class, c::next);
        }
      }
    }
  }

  @Test
  void configuredMaximumIsEnforcedBeforeReading() throws IOException {
    Logs.Encoded enc = Logs.encode(List.of(new byte[2000]), B, LogCompression.NONE);
    try (LogReader r = reader(enc.bytes(), 1999)) {
      FormatException e = assertThrows(FormatException.class, () -> r.readAt(16));
      assertTrue(e.getMessage().contains("limit of 1999"), e.getMessage());
      // Streaming is not bound by the in-memory limit.
      try (RecordInputStream in = r.readAtStreaming(16)) {
        assertArrayEquals(new byte[2000], in.readAllBytes());
      }
    }
  }

  @Test
  void unknownFragmentTypeAndMisplacedContinuations() throws IOException {
    for (int type : new int[] {0, 5, 0x80, LogFormat.MIDDLE, LogFormat.LAST}) {
      byte[] b = log(10, type, new byte[10], true);
      try (LogReader r = reader(b, 1000); LogCursor c = r.cursor(0)) {
        FormatException e = assertThrows(FormatException.class, c::next);
        assertEquals(16, e.offset(), e.getMessage());
      }
    }
  }

  @Test
  void nonZeroPaddingIsCorruption() throws IOException {
    // First record leaves 4 bytes in block 0; the second starts in block 1.
    Logs.Encoded enc = Logs.encode(List.of(new byte[B - 16 - 9 - 4], new byte[3]), B,
        LogCompression.NONE);
    byte[] b = enc.bytes();
    b[B - 2] = 1;
    try (LogReader r = reader(b, 1000); LogCursor c = r.cursor(0)) {
      c.next();
      FormatException e = assertThrows(FormatException.class, c::next);
      assertEquals(B - 2, e.offset());
    }
  }
}
