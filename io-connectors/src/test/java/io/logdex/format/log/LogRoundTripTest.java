package io.logdex.format.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LogRoundTripTest {
  private static final int[] BLOCK_SIZES = {512, 1024, 4096, 32 * 1024};

  @Test
  void everyRecordReadsBackByCursorReadAtAndStream() throws IOException {
    Random r = new Random(42);
    for (int round = 0; round < 24; round++) {
      int blockSize = BLOCK_SIZES[round % BLOCK_SIZES.length];
      LogCompression c = round % 2 == 0 ? LogCompression.NONE : LogCompression.ZSTD;
      List<byte[]> payloads = Logs.mixed(r, 1 + r.nextInt(40), blockSize);
      Logs.Encoded enc = Logs.encode(payloads, blockSize, c);
      try (LogReader reader = Logs.reader(enc.bytes())) {
        assertEquals(c == LogCompression.ZSTD, reader.compressed());
        assertEquals(blockSize, reader.blockSize());
        assertEquals(enc.ends()[enc.ends().length - 1], reader.length());
        try (LogCursor cur = reader.cursor(0)) {
          for (int i = 0; i < payloads.size(); i++) {
            assertTrue(cur.next(), "record " + i);
            assertEquals(enc.positions()[i], cur.position());
            assertEquals(enc.ends()[i], cur.end());
            assertArrayEquals(payloads.get(i), cur.payload());
          }
          assertFalse(cur.next());
        }
        for (int i = 0; i < payloads.size(); i++) {
          long pos = enc.positions()[i];
          assertArrayEquals(payloads.get(i), reader.readAt(pos));
          assertEquals(enc.ends()[i], LogFormat.recordEnd(pos, payloads.get(i).length, blockSize));
          try (RecordInputStream in = reader.readAtStreaming(pos)) {
            assertEquals(payloads.get(i).length, in.length());
            assertArrayEquals(payloads.get(i), readInOddChunks(in, r));
          }
        }
      }
    }
  }

  private static byte[] readInOddChunks(InputStream in, Random r) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[997];
    while (true) {
      if (r.nextInt(5) == 0) {
        int b = in.read();
        if (b < 0) break;
        out.write(b);
      } else {
        int n = in.read(buf, 0, 1 + r.nextInt(buf.length));
        if (n < 0) break;
        out.write(buf, 0, n);
      }
    }
    return out.toByteArray();
  }

  /** Records sized so that each leaves 0..12 bytes in its block: padding, empty FIRST, exact fit. */
  @Test
  void blockBoundaryCases() throws IOException {
    int b = 512;
    for (int left = 0; left <= 12; left++) {
      List<byte[]> payloads = new ArrayList<>();
      // First record ends `left` bytes before the end of block 0.
      payloads.add(Logs.payload(new Random(left), b - 16 - 9 - left));
      payloads.add(Logs.payload(new Random(100 + left), 0));
      payloads.add(Logs.payload(new Random(200 + left), 2 * b));
      payloads.add(Logs.payload(new Random(300 + left), b - 9)); // exactly one block's capacity
      for (LogCompression c : LogCompression.values()) {
        Logs.Encoded enc = Logs.encode(payloads, b, c);
        long p1 = enc.positions()[1];
        if (left < 9) assertEquals(b, p1, "padding skipped when " + left + " left");
        else assertEquals(b - left, p1);
        try (LogReader reader = Logs.reader(enc.bytes()); LogCursor cur = reader.cursor(0)) {
          for (int i = 0; i < payloads.size(); i++) {
            assertTrue(cur.next());
            assertArrayEquals(payloads.get(i), cur.payload());
            assertArrayEquals(payloads.get(i), reader.readAt(enc.positions()[i]));
          }
          assertFalse(cur.next());
        }
      }
    }
  }

  /** A cursor started at any offset yields exactly the records at or after it. */
  @Test
  void cursorFromEveryOffset() throws IOException {
    Random r = new Random(5);
    List<byte[]> payloads = Logs.mixed(r, 25, 512);
    for (LogCompression c : LogCompression.values()) {
      Logs.Encoded enc = Logs.encode(payloads, 512, c);
      long length = enc.ends()[enc.ends().length - 1];
      try (LogReader reader = Logs.reader(enc.bytes())) {
        for (long from = 0; from <= length + 1; from += (c == LogCompression.NONE ? 1 : 7)) {
          int first = 0;
          while (first < payloads.size() && enc.positions()[first] < from) first++;
          try (LogCursor cur = reader.cursor(from)) {
            for (int i = first; i < payloads.size(); i++) {
              assertTrue(cur.next(), "from " + from);
              assertEquals(enc.positions()[i], cur.position(), "from " + from);
            }
            assertFalse(cur.next(), "from " + from);
          }
        }
      }
    }
  }

  @Test
  void outputIsDeterministic() throws IOException {
    List<byte[]> payloads = Logs.mixed(new Random(9), 30, 1024);
    for (LogCompression c : LogCompression.values()) {
      assertArrayEquals(
          Logs.encode(payloads, 1024, c).bytes(), Logs.encode(payloads, 1024, c).bytes());
    }
  }

  @Test
  void compressedPositionsAreThePlainPositions() throws IOException {
    List<byte[]> payloads = Logs.mixed(new Random(10), 50, 4096);
    Logs.Encoded plain = Logs.encode(payloads, 4096, LogCompression.NONE);
    Logs.Encoded zstd = Logs.encode(payloads, 4096, LogCompression.ZSTD);
    assertArrayEquals(plain.positions(), zstd.positions());
    try (LogReader reader = Logs.reader(zstd.bytes())) {
      assertNotNull(reader.seekTable());
    }
    try (LogReader reader = Logs.reader(plain.bytes())) {
      assertNull(reader.seekTable());
    }
  }

  @Test
  void emptyLogIsJustAHeader() throws IOException {
    Logs.Encoded enc = Logs.encode(List.of(), 512, LogCompression.NONE);
    assertEquals(LogFormat.HEADER_SIZE, enc.bytes().length);
    try (LogReader reader = Logs.reader(enc.bytes()); LogCursor cur = reader.cursor(0)) {
      assertFalse(cur.next());
    }
    Logs.Encoded z = Logs.encode(List.of(), 512, LogCompression.ZSTD);
    try (LogReader reader = Logs.reader(z.bytes()); LogCursor cur = reader.cursor(0)) {
      assertFalse(cur.next());
    }
  }

  @Test
  void streamingAppendEqualsArrayAppend() throws IOException {
    Random r = new Random(11);
    List<byte[]> payloads = Logs.mixed(r, 30, 512);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (LogEncoder e = new LogEncoder(out, 512, LogCompression.NONE, 1)) {
      for (byte[] p : payloads) e.append(new java.io.ByteArrayInputStream(p), p.length);
    }
    assertArrayEquals(Logs.encode(payloads, 512, LogCompression.NONE).bytes(), out.toByteArray());
  }

  @Test
  void otherVersionsAreRefusedByName() throws IOException {
    byte[] h = LogHeader.of(512).encode();
    h[8] = 2;
    FormatException e = assertThrows(FormatException.class, () -> Logs.reader(h));
    assertTrue(e.getMessage().contains("unsupported log format version 2"), e.getMessage());
    byte[] g = LogHeader.of(512).encode();
    g[3] = 'x';
    e = assertThrows(FormatException.class, () -> Logs.reader(g));
    assertTrue(e.getMessage().contains("not a logdex log"), e.getMessage());
    byte[] k = LogHeader.of(512).encode();
    k[9] = 10; // a different block size without a matching CRC
    e = assertThrows(FormatException.class, () -> Logs.reader(k));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
    assertThrows(io.logdex.format.TruncatedInputException.class,
        () -> Logs.reader(Arrays.copyOf(LogHeader.of(512).encode(), 10)));
  }

  @Test
  void readAtRefusesPositionsThatAreNotRecords() throws IOException {
    List<byte[]> payloads = List.of(new byte[10], new byte[3000], new byte[5]);
    Logs.Encoded enc = Logs.encode(payloads, 512, LogCompression.NONE);
    try (LogReader reader = Logs.reader(enc.bytes())) {
      for (long bad : new long[] {0, 15, enc.bytes().length, -1}) {
        FormatException e = assertThrows(FormatException.class, () -> reader.readAt(bad));
        assertTrue(e.getMessage().contains("outside the records"), e.getMessage());
      }
      // Block 1 starts inside the 3000-byte record: a MIDDLE fragment.
      FormatException e = assertThrows(FormatException.class, () -> reader.readAt(1024));
      assertTrue(e.getMessage().contains("MIDDLE"), e.getMessage());
      assertTrue(e.getMessage().startsWith("mem.log: offset 1024"), e.getMessage());
      // Mid-payload bytes are never mistaken for a record.
      assertThrows(FormatException.class, () -> reader.readAt(enc.positions()[0] + 3));
    }
  }
}
