package io.logdex.io.oplog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.io.common.ChannelInput;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  /** A line as the reference splitter sees it. */
  private static final class Line {
    final long start;
    final byte[] content;
    final long span;

    Line(long start, byte[] content, long span) {
      this.start = start;
      this.content = content;
      this.span = span;
    }
  }

  /** Reference: split on LF, drop one CR before it, keep a non-empty unterminated tail. */
  private static List<Line> reference(byte[] b) {
    List<Line> out = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < b.length; i++) {
      if (b[i] == '\n') {
        int end = i > start && b[i - 1] == '\r' ? i - 1 : i;
        out.add(new Line(start, Arrays.copyOfRange(b, start, end), i + 1 - start));
        start = i + 1;
      }
    }
    if (start < b.length) out.add(new Line(start, Arrays.copyOfRange(b, start, b.length), b.length - start));
    return out;
  }

  private static byte[] randomContent(Random rnd) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String[] pieces = {"\n", "\r", "\r\n", "a", "bc", "é", "😀", "\t", "#", " ", "\n\n", "xyzw"};
    for (int i = rnd.nextInt(200); i > 0; i--) {
      if (rnd.nextInt(30) == 0) out.writeBytes("L".repeat(rnd.nextInt(500)).getBytes());
      out.writeBytes(pieces[rnd.nextInt(pieces.length)].getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  /** A stream returning at most a few bytes per read, to put buffer edges everywhere. */
  private static InputStream dribble(byte[] b, Random rnd) {
    return new InputStream() {
      int pos;

      @Override
      public int read() {
        return pos < b.length ? b[pos++] & 0xff : -1;
      }

      @Override
      public int read(byte[] dst, int off, int len) {
        if (pos >= b.length) return -1;
        int n = Math.min(Math.min(len, 1 + rnd.nextInt(7)), b.length - pos);
        System.arraycopy(b, pos, dst, off, n);
        pos += n;
        return n;
      }
    };
  }

  @Test
  void matchesReferenceSplitterForRandomContentAndBuffers() throws IOException {
    Random rnd = new Random(42);
    for (int round = 0; round < 500; round++) {
      byte[] content = randomContent(rnd);
      int buffer = 1 + rnd.nextInt(64);
      LineReader r = new LineReader(dribble(content, rnd), 1000, buffer, 1 << 20);
      List<Line> expected = reference(content);
      for (Line e : expected) {
        assertTrue(r.next(), "round " + round);
        assertEquals(1000 + e.start, r.start(), "round " + round);
        assertEquals(e.span, r.span());
        assertArrayEquals(e.content, Arrays.copyOfRange(r.array(), r.offset(), r.offset() + r.length()));
        assertFalse(r.oversized());
        assertFalse(r.torn());
      }
      assertFalse(r.next());
      assertFalse(r.next());
      assertEquals(1000 + content.length, r.position());
    }
  }

  @Test
  void oversizedLinesKeepTheirHeadAndSpan() throws IOException {
    String big = "B".repeat(5000);
    byte[] content = ("short\n" + big + "\r\nafter\n" + big).getBytes();
    LineReader r = new LineReader(new ByteArrayInputStream(content), 0, 16, 100);
    assertTrue(r.next());
    assertEquals("short", text(r));
    assertTrue(r.next());
    assertTrue(r.oversized());
    assertEquals(6, r.start());
    assertEquals(5002, r.span());
    assertEquals(102, r.length()); // all the buffer held: min(MAX_RAW_BYTES, maxLineBytes + 2)
    assertTrue(r.next());
    assertFalse(r.oversized());
    assertEquals("after", text(r));
    assertTrue(r.next());
    assertTrue(r.oversized());
    assertEquals(5000, r.span());
    assertFalse(r.next());
  }

  @Test
  void aLineOfExactlyMaxBytesIsKept() throws IOException {
    byte[] content = ("x".repeat(100) + "\n" + "y".repeat(101) + "\n").getBytes();
    LineReader r = new LineReader(new ByteArrayInputStream(content), 0, 8, 100);
    assertTrue(r.next());
    assertFalse(r.oversized());
    assertEquals(100, r.length());
    assertTrue(r.next());
    assertTrue(r.oversized());
    assertFalse(r.next());
  }

  /** Yields data, then fails as a decompressor does on a truncated stream. */
  private static InputStream failingAfter(byte[] data, IOException failure) {
    return new java.io.SequenceInputStream(
        new ByteArrayInputStream(data),
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw failure;
          }
        });
  }

  @Test
  void aDecodingFailureEndsWithOneTornLine() throws IOException {
    LineReader r =
        new LineReader(failingAfter("one\ntwo\nthr".getBytes(), new IOException("Truncated source")),
            0, 4, 100);
    assertTrue(r.next());
    assertEquals("one", text(r));
    assertTrue(r.next());
    assertEquals("two", text(r));
    assertTrue(r.next());
    assertTrue(r.torn());
    assertEquals("thr", text(r));
    assertEquals(8, r.start());
    assertEquals("Truncated source", r.decodeFailure().getMessage());
    assertFalse(r.next());
  }

  @Test
  void aFailureBetweenLinesIsAnEmptyTornLine() throws IOException {
    LineReader r =
        new LineReader(failingAfter("one\ntwo\n".getBytes(), new IOException("cut")), 0, 64, 100);
    assertTrue(r.next());
    assertTrue(r.next());
    assertTrue(r.next());
    assertTrue(r.torn());
    assertEquals(0, r.length());
    assertEquals(8, r.start());
    assertFalse(r.next());
  }

  @Test
  void fileSystemFailuresAreRethrownNotReported() {
    IOException disk = new IOException("disk on fire");
    InputStream failing =
        new ChannelInput(
            Channels.newChannel(failingAfter("one\ntw".getBytes(), disk)));
    LineReader r = new LineReader(failing, 0, 64, 100);
    IOException e =
        assertThrows(IOException.class, () -> {
          while (r.next()) {
            // read on
          }
        });
    assertSame(disk, e);
  }

  @Test
  void skipAndSkipLine() throws IOException {
    byte[] content = "aaa\nbbb\nccc".getBytes();
    LineReader r = new LineReader(new ByteArrayInputStream(content), 0, 2, 100);
    assertTrue(r.skip(5));
    assertTrue(r.skipLine());
    assertEquals(8, r.position());
    assertTrue(r.next());
    assertEquals("ccc", text(r));
    assertFalse(r.skipLine());
    LineReader s = new LineReader(new ByteArrayInputStream(content), 0, 2, 100);
    assertFalse(s.skip(100));
  }

  private static String text(LineReader r) {
    return new String(r.array(), r.offset(), r.length(), java.nio.charset.StandardCharsets.UTF_8);
  }
}
