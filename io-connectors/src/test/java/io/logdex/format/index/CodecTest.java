package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The building blocks: varints, PFOR blocks, paged files, the partition hash, the word rule. */
class CodecTest {
  @TempDir Path tmp;

  private PagedFile writeAndOpen(Path p, GrowableBytes body) throws IOException {
    try (PagedFileWriter w = PagedFileWriter.create(p)) {
      w.writeHeader(IndexFormat.MAGIC_POSTINGS, 0);
      w.write(body);
      w.finish(IndexFormat.MAGIC_POSTINGS, null);
    }
    return PagedFile.open(p, IndexFormat.MAGIC_POSTINGS, new PageCache(1 << 20), 0);
  }

  @Test
  void varintsRoundTripAcrossPageBoundaries() throws IOException {
    Random r = new Random(1);
    long[] vals = new long[20000];
    GrowableBytes g = new GrowableBytes(1024);
    for (int i = 0; i < vals.length; i++) {
      vals[i] = r.nextLong() >> r.nextInt(64);
      if (i % 2 == 0) g.writeVLong(vals[i]);
      else g.writeZLong(vals[i]);
    }
    try (PagedFile f = writeAndOpen(tmp.resolve("v"), g)) {
      assertTrue(f.pageCount() > 5);
      PageCursor c = new PageCursor(f).seek(IndexFormat.HEADER_BYTES, f.footerOffset);
      for (int i = 0; i < vals.length; i++) assertEquals(vals[i], i % 2 == 0 ? c.readVLong() : c.readZLong());
      assertEquals(0, c.remaining());
      assertThrows(FormatException.class, c::readByte);
    }
  }

  @Test
  void malformedVarintsAreRejected() throws IOException {
    GrowableBytes g = new GrowableBytes(32);
    for (int i = 0; i < 11; i++) g.writeByte(0x80);
    g.writeByte(0);
    g.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x02}, 0, 10);
    try (PagedFile f = writeAndOpen(tmp.resolve("m"), g)) {
      PageCursor c = new PageCursor(f).seek(IndexFormat.HEADER_BYTES, f.footerOffset);
      FormatException e = assertThrows(FormatException.class, c::readVLong);
      assertTrue(e.getMessage().contains("malformed varint"));
      c.seek(IndexFormat.HEADER_BYTES + 12, f.footerOffset);
      assertThrows(FormatException.class, c::readVLong); // 10th byte > 1 overflows 64 bits
    }
  }

  @Test
  void pforBlocksRoundTrip() throws IOException {
    Random r = new Random(2);
    List<long[]> blocks = new ArrayList<>();
    for (int b = 0; b < 3000; b++) {
      int n = 1 + r.nextInt(128);
      long[] v = new long[n];
      int kind = r.nextInt(6);
      for (int i = 0; i < n; i++) {
        switch (kind) {
          case 0: v[i] = 0; break;
          case 1: v[i] = r.nextInt(1 << r.nextInt(20)); break;
          case 2: v[i] = r.nextLong() >>> r.nextInt(64); break;
          case 3: v[i] = r.nextLong(); break; // full 64-bit, negative included
          case 4: v[i] = r.nextInt(4) + (r.nextInt(30) == 0 ? (1L << 40) : 0); break; // outliers
          default: v[i] = r.nextInt(3) == 0 ? -1L : 1; break;
        }
      }
      blocks.add(v);
    }
    PForProperties.assertRoundTrip(blocks, tmp.resolve("p"));
  }

  @Test
  void pforUsesExceptionsForOutliers() {
    long[] v = new long[128];
    Arrays.fill(v, 3);
    v[77] = 1L << 40;
    GrowableBytes g = new GrowableBytes(64);
    PForCodec.encode(v, 128, g, new int[65]);
    assertEquals(2, g.array()[0]); // width 2 ...
    assertEquals(1, g.array()[1]); // ... and one exception
    assertTrue(g.length() < 2 + 32 + 8, "size " + g.length());
  }

  @Test
  void pagesAreChecksummedAndNumbered() throws IOException {
    GrowableBytes g = new GrowableBytes(1 << 16);
    for (int i = 0; i < 50000; i++) g.writeByte(i);
    Path p = tmp.resolve("pages");
    writeAndOpen(p, g).close();
    byte[] raw = Files.readAllBytes(p);
    assertEquals(PagedFile.physicalOffset(IndexFormat.HEADER_BYTES + 50000 + IndexFormat.TRAILER_BYTES) + 4, raw.length);
    // Swapping two whole pages keeps each page's CRC-32C of its data valid, but not of its number.
    byte[] swapped = raw.clone();
    System.arraycopy(raw, IndexFormat.PAGE_BYTES, swapped, 2 * IndexFormat.PAGE_BYTES, IndexFormat.PAGE_BYTES);
    System.arraycopy(raw, 2 * IndexFormat.PAGE_BYTES, swapped, IndexFormat.PAGE_BYTES, IndexFormat.PAGE_BYTES);
    Files.write(p, swapped);
    try (PagedFile f = PagedFile.open(p, IndexFormat.MAGIC_POSTINGS, new PageCache(1 << 20), 0)) {
      FormatException e = assertThrows(FormatException.class, f::verifyAllPages);
      assertTrue(e.getMessage().contains("page 1"), e.getMessage());
    }
    // A file cut inside a page's checksum.
    Files.write(p, Arrays.copyOf(raw, IndexFormat.PAGE_BYTES + 3));
    assertThrows(FormatException.class, () -> PagedFile.open(p, IndexFormat.MAGIC_POSTINGS, null, 0));
    Files.write(p, new byte[0]);
    assertThrows(FormatException.class, () -> PagedFile.open(p, IndexFormat.MAGIC_POSTINGS, null, 0));
  }

  @Test
  void pageCacheStaysWithinItsBound() throws IOException {
    GrowableBytes g = new GrowableBytes(1 << 16);
    for (int i = 0; i < 200000; i++) g.writeByte(i);
    Path p = tmp.resolve("cache");
    writeAndOpen(p, g).close();
    PageCache cache = new PageCache(3L * IndexFormat.PAGE_BYTES);
    try (PagedFile f = PagedFile.open(p, IndexFormat.MAGIC_POSTINGS, cache, 5)) {
      for (int round = 0; round < 2; round++) for (long i = 0; i < f.pageCount(); i++) f.page(i);
      assertTrue(cache.pagesHeld() <= 3);
      f.page(f.pageCount() - 1);
      assertTrue(cache.hits() > 0);
    }
  }

  @Test
  void partitionHashIsMurmur3() {
    // Reference values of MurmurHash3_x86_32 with seed 0 (as Guava's murmur3_32_fixed computes).
    String[] in = {"", "a", "ab", "abc", "abcd", "hello", "The quick brown fox jumps over the lazy dog"};
    int[] want = {0, 0x3c2569b2, 0x9bbfd75f, 0xb3dd93fa, 0x43ed676a, 0x248bfa47, 0x2e4ff723};
    for (int i = 0; i < in.length; i++) {
      byte[] b = in[i].getBytes(StandardCharsets.UTF_8);
      assertEquals(want[i], Partitioner.murmur3(b, 0, b.length, 0), in[i]);
    }
    assertEquals(Integer.remainderUnsigned(0xd13f4943, 7), Partitioner.partition("fop:PUT".getBytes(StandardCharsets.UTF_8), 7));
  }

  static List<String> words(String s) {
    List<String> l = new ArrayList<>();
    Words.forEach(s, l::add);
    assertEquals(l.size(), Words.count(s), s);
    return l;
  }

  @Test
  void theWordRule() {
    assertEquals(List.of("hello", "world_2", "x"), words("Hello, World_2!x"));
    assertEquals(List.of("café", "straße", "日本語", "١٢٣"), words("Café Straße 日本語 ١٢٣"));
    assertEquals(List.of("e", "cole"), words("e\u0301cole")); // a combining mark is not a letter
    assertEquals(List.of("\uD835\uDC00bc"), words("\uD835\uDC00BC")); // U+1D400 is a letter (no lowercase)
    assertEquals(List.of("a", "b"), words("a\uD800b")); // an unpaired surrogate separates
    assertEquals(List.of(), words("  -- .. ²³ Ⅻ "));  // No and Nl are not Nd
    assertEquals(List.of("i̇stanbul"), words("İstanbul")); // Locale.ROOT, not Turkish
    String longRun = "A".repeat(500);
    assertEquals(List.of("a".repeat(Words.MAX_WORD_CODE_POINTS), "b"), words(longRun + " b"));
    assertEquals(2, Words.count(longRun + "-" + longRun));
  }

  @Test
  void termNamespacesAndCaps() {
    byte[] f = Terms.field("op", "PUT");
    assertArrayEquals("fop:put".getBytes(StandardCharsets.UTF_8), f);
    // Values are lowercased (Locale.ROOT, before the 256-byte cut), names kept as written.
    assertArrayEquals("fOp:école i\u0307".getBytes(StandardCharsets.UTF_8), Terms.field("Op", "ÉCOLE İ"));
    assertArrayEquals("wput".getBytes(StandardCharsets.UTF_8), Terms.word("put"));
    assertArrayEquals("pa.b[0]".getBytes(StandardCharsets.UTF_8), Terms.path("a.b[0]"));
    assertTrue(Arrays.compareUnsigned(Terms.field("z", "z"), Terms.path("")) < 0);
    assertTrue(Arrays.compareUnsigned(Terms.path("zzz"), Terms.word("")) < 0);
    // 255 ASCII bytes then a 2-byte character: the cut may not split it.
    String v = "x".repeat(255) + "é" + "y";
    byte[] t = Terms.field("n", v);
    assertEquals(1 + 2 + 255, t.length);
    assertArrayEquals(t, Terms.field("n", "x".repeat(255) + "é" + "zzz"));
    assertEquals(1 + 2 + 256, Terms.field("n", "x".repeat(300)).length);
    assertThrows(IllegalArgumentException.class, () -> Terms.field("a:b", "c"));
    assertThrows(IllegalArgumentException.class, () -> Terms.field("", "c"));
    assertThrows(IllegalArgumentException.class, () -> Terms.path("x".repeat(IndexFormat.MAX_TERM_BYTES)));
    assertEquals("field:op:put", Terms.describe(f));
  }
}
