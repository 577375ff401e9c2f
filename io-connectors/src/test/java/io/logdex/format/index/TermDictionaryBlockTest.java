package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.logdex.format.FormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dictionary's block coding (five compressed streams per block) against an in-memory model. */
class TermDictionaryBlockTest {
  @TempDir Path tmp;

  /** What the writer was given for one term. */
  record Entry(long df, long doc, long[] payload, long postLength, long payLength) {}

  static final Map<String, byte[]> NAMES = new TreeMap<>();

  /** Terms shaped like op-log data: field values, hex hashes, paths, timestamps, plus long outliers. */
  static TreeMap<byte[], Entry> model(Random r, int n) {
    TreeMap<byte[], Entry> m = new TreeMap<>(Arrays::compareUnsigned);
    String[] fields = {"fbytes:", "fcommit:", "ffile:/mnt/data/run-", "fstart:2025-10-09T10:14:", "w"};
    while (m.size() < n) {
      String f = fields[r.nextInt(fields.length)];
      StringBuilder sb = new StringBuilder(f);
      switch (r.nextInt(5)) {
        case 0 -> sb.append(r.nextInt(1_000_000));
        case 1 -> sb.append(Long.toHexString(r.nextLong()));
        case 2 -> sb.append(String.format("%02d.%09dZ", r.nextInt(60), r.nextInt(1_000_000_000)));
        case 3 -> sb.append("img_").append(r.nextInt(500)).append("_part_").append(r.nextInt(100));
        default -> {
          // Long terms force blocks to end on their suffix-byte budget rather than the term count.
          int len = r.nextInt(10) == 0 ? 1000 + r.nextInt(8000) : 1 + r.nextInt(20);
          for (int i = 0; i < len; i++) sb.append((char) ('a' + r.nextInt(r.nextBoolean() ? 2 : 26)));
        }
      }
      byte[] t = sb.toString().getBytes(StandardCharsets.UTF_8);
      long df = r.nextInt(10) < 8 ? 1 : 2 + (r.nextInt(20) == 0 ? (long) r.nextInt(1 << 30) << 10 : r.nextInt(1000));
      long[] payload = new long[df == 1 ? r.nextInt(4) : 0];
      for (int i = 0; i < payload.length; i++) payload[i] = r.nextBoolean() ? r.nextInt(1000) : r.nextLong();
      long doc = r.nextInt(8) == 0 ? IndexFormat.MAX_DOC_ID - r.nextInt(3) : r.nextInt(200_000);
      m.put(t, new Entry(df, doc, payload, df == 1 ? 0 : 1 + r.nextInt(5000), df == 1 ? 0 : r.nextInt(100)));
    }
    return m;
  }

  static long write(Path p, TreeMap<byte[], Entry> m) throws IOException {
    try (PagedFileWriter w = PagedFileWriter.create(p)) {
      w.writeHeader(IndexFormat.MAGIC_DICT, 0);
      TermDictionaryWriter d = new TermDictionaryWriter(w, 5);
      PostingsWriter.TermMeta meta = new PostingsWriter.TermMeta();
      long post = IndexFormat.HEADER_BYTES;
      long pay = IndexFormat.HEADER_BYTES;
      for (var e : m.entrySet()) {
        Entry v = e.getValue();
        meta.df = v.df;
        meta.singleDoc = v.doc;
        meta.singlePayloadLen = v.payload.length;
        System.arraycopy(v.payload, 0, meta.singlePayload, 0, v.payload.length);
        meta.postLength = v.postLength;
        meta.payLength = v.payLength;
        d.add(e.getKey(), e.getKey().length, meta, post, pay);
        post += v.postLength;
        pay += v.payLength;
      }
      return d.finish();
    }
  }

  static void check(TreeMap<byte[], Entry> m, TermInfo t, byte[] term, long post, long pay) {
    Entry v = m.get(term);
    assertNotNull(t, new String(term, StandardCharsets.UTF_8));
    assertEquals(v.df, t.df);
    if (v.df == 1) {
      assertEquals(v.doc, t.singleDoc);
      assertArrayEquals(v.payload, Arrays.copyOf(t.singlePayload, t.singlePayloadLen));
    } else {
      assertEquals(post, t.postOffset);
      assertEquals(v.postLength, t.postLength);
      assertEquals(pay, t.payOffset);
      assertEquals(v.payLength, t.payLength);
    }
  }

  @Test
  void randomDictionariesRoundTripThroughLookupAndIteration() throws IOException {
    Random r = new Random(42);
    for (int round = 0; round < 6; round++) {
      int n = round == 0 ? 1 : round == 1 ? IndexFormat.DICT_BLOCK_TERMS : 1 + r.nextInt(3000);
      TreeMap<byte[], Entry> m = model(r, n);
      Path p = tmp.resolve("d" + round);
      write(p, m);
      try (PagedFile f = PagedFile.open(p, IndexFormat.MAGIC_DICT, new PageCache(1 << 20), 1)) {
        TermDictionaryReader d = TermDictionaryReader.open(f);
        assertEquals(n, d.terms);
        // Iteration yields every term, in order, with its offsets accumulated across the block.
        TermDictionaryReader.Cursor c = d.new Cursor();
        assertTrue(c.seekFirst());
        long post = IndexFormat.HEADER_BYTES;
        long pay = IndexFormat.HEADER_BYTES;
        List<byte[]> order = new ArrayList<>(m.keySet());
        for (byte[] term : order) {
          assertTrue(c.next());
          assertArrayEquals(term, Arrays.copyOf(c.term, c.termLen));
          check(m, c.info, term, post, pay);
          Entry v = m.get(term);
          post += v.postLength;
          pay += v.payLength;
        }
        assertFalse(c.next());
        // Lookups: present terms hit; neighbours that are not terms miss.
        for (int i = 0; i < Math.min(order.size(), 400); i++) {
          byte[] term = order.get(r.nextInt(order.size()));
          assertNotNull(d.lookup(term));
          assertEquals(m.get(term).df, d.lookup(term).df);
          byte[] longer = Arrays.copyOf(term, term.length + 1);
          if (!m.containsKey(longer)) assertNull(d.lookup(longer));
          byte[] shorter = Arrays.copyOf(term, term.length - 1);
          if (shorter.length > 0 && !m.containsKey(shorter)) assertNull(d.lookup(shorter));
        }
        assertNull(d.lookup(new byte[] {0}));
        assertNull(d.lookup(new byte[] {(byte) 0xFF, (byte) 0xFF}));
        // A lookup's answer is its own: a later lookup on the same thread must not change it.
        TermInfo a = d.lookup(order.get(0));
        long df = a.df;
        d.lookup(order.get(order.size() - 1));
        assertEquals(df, a.df);
      }
    }
  }

  @Test
  void blocksEndOnTheirSuffixBudgetAndCompress() throws IOException {
    Random r = new Random(7);
    TreeMap<byte[], Entry> m = new TreeMap<>(Arrays::compareUnsigned);
    // Long, compressible terms: without the budget one block would hold ~2 MB of suffixes.
    for (int i = 0; i < 200; i++) {
      byte[] t = ("w" + String.format("%05d", i) + "x".repeat(10_000)).getBytes(StandardCharsets.UTF_8);
      m.put(t, new Entry(1, r.nextInt(1000), new long[0], 0, 0));
    }
    Path p = tmp.resolve("long");
    long bytes = write(p, m);
    // Suffixes share only "w0000" and the budget puts ~2 terms in a block, so zstd does the work;
    // what remains is mostly each block's first term, kept whole as its index key (~1 MB).
    assertTrue(bytes < 200L * 10_000 * 6 / 10, "dictionary of " + bytes + " bytes");
    try (PagedFile f = PagedFile.open(p, IndexFormat.MAGIC_DICT, new PageCache(1 << 20), 1)) {
      TermDictionaryReader d = TermDictionaryReader.open(f);
      for (byte[] t : m.keySet()) assertEquals(m.get(t).doc, d.lookup(t).singleDoc);
    }
    // Unrelated long terms: each block stops near the budget, so there are many blocks.
    m.clear();
    for (int i = 0; i < 40; i++) {
      byte[] t = new byte[5000];
      for (int j = 0; j < t.length; j++) t[j] = (byte) ('a' + r.nextInt(26));
      t[0] = (byte) ('a' + i % 26);
      t[1] = (byte) i;
      m.put(t, new Entry(1, i, new long[0], 0, 0));
    }
    Path q = tmp.resolve("random");
    write(q, m);
    try (PagedFile f = PagedFile.open(q, IndexFormat.MAGIC_DICT, new PageCache(1 << 20), 1)) {
      TermDictionaryReader d = TermDictionaryReader.open(f);
      BlockIndexReader.Position pos = d.index.newPosition();
      int blocks = 0;
      assertTrue(d.index.seekFirst(pos));
      do {
        blocks++;
        assertTrue(pos.blockLength() < IndexFormat.DICT_BLOCK_SUFFIX_BYTES + 6000, "block of " + pos.blockLength());
      } while (d.index.next(pos));
      assertTrue(blocks >= 40 * 5000 / (IndexFormat.DICT_BLOCK_SUFFIX_BYTES + 5000), blocks + " blocks");
      for (byte[] t : m.keySet()) assertEquals(m.get(t).doc, d.lookup(t).singleDoc);
    }
  }

  @Test
  void theSameInputWritesTheSameBytes() throws IOException {
    TreeMap<byte[], Entry> m = model(new Random(3), 2000);
    write(tmp.resolve("a"), m);
    write(tmp.resolve("b"), m);
    assertArrayEquals(Files.readAllBytes(tmp.resolve("a")), Files.readAllBytes(tmp.resolve("b")));
  }

  @Test
  void streamsRoundTripRawOrCompressed() throws IOException {
    Random r = new Random(11);
    CompressedStream.Scratch scratch = new CompressedStream.Scratch();
    List<byte[]> streams = new ArrayList<>();
    GrowableBytes all = new GrowableBytes(1024);
    for (int i = 0; i < 300; i++) {
      int len = i < 3 ? i : r.nextInt(i % 7 == 0 ? 40_000 : 600);
      byte[] b = new byte[len];
      int alphabet = 1 + r.nextInt(r.nextBoolean() ? 4 : 256);
      for (int j = 0; j < len; j++) b[j] = (byte) r.nextInt(alphabet);
      streams.add(b);
      GrowableBytes raw = new GrowableBytes(16);
      raw.writeBytes(b, 0, len);
      int before = all.length();
      CompressedStream.append(all, raw, scratch);
      // Never larger than raw plus its header; compressible streams at least halve.
      assertTrue(all.length() - before <= len + GrowableBytes.vlongSize((long) len << 1));
      if (alphabet == 1 && len > 1000) assertTrue(all.length() - before < len / 2);
    }
    Path p = tmp.resolve("streams");
    try (PagedFileWriter w = PagedFileWriter.create(p)) {
      w.writeHeader(IndexFormat.MAGIC_DICT, 0);
      w.write(all);
      w.finish(IndexFormat.MAGIC_DICT, null);
    }
    try (PagedFile f = PagedFile.open(p, IndexFormat.MAGIC_DICT, new PageCache(1 << 20), 1)) {
      PageCursor c = new PageCursor(f).seek(IndexFormat.HEADER_BYTES, IndexFormat.HEADER_BYTES + all.length());
      CompressedStream.Scratch dst = new CompressedStream.Scratch();
      CompressedStream.Scratch stored = new CompressedStream.Scratch();
      for (byte[] b : streams) {
        int n = CompressedStream.read(c, 40_000, dst, stored, "test");
        assertArrayEquals(b, Arrays.copyOf(dst.array(), n));
      }
      assertEquals(0, c.remaining());
      // A stream longer than the caller's bound is refused before it is read.
      PageCursor c2 = new PageCursor(f).seek(IndexFormat.HEADER_BYTES, IndexFormat.HEADER_BYTES + all.length());
      for (int i = 0; i < 7; i++) CompressedStream.read(c2, 40_000, dst, stored, "test");
      FormatException e = assertThrows(() -> CompressedStream.read(c2, 10, dst, stored, "test"));
      assertTrue(e.getMessage().contains("test stream"), e.getMessage());
    }
  }

  /** Damage behind valid page checksums: reads fail with FormatException or answer, never crash. */
  @Test
  void damagedBlocksFailCleanly() throws IOException {
    Random r = new Random(5);
    TreeMap<byte[], Entry> m = model(r, 1500);
    Path p = tmp.resolve("clean");
    write(p, m);
    byte[] logical = PagedFiles.logical(p);
    long bodyEnd = PagedFiles.footerOffset(logical);
    List<byte[]> probes = new ArrayList<>(m.keySet());
    int failures = 0;
    for (int trial = 0; trial < 60; trial++) {
      byte[] bad = logical.clone();
      int flips = 1 + r.nextInt(3);
      for (int i = 0; i < flips; i++) {
        int at = IndexFormat.HEADER_BYTES + r.nextInt((int) bodyEnd - IndexFormat.HEADER_BYTES);
        bad[at] ^= (byte) (1 << r.nextInt(8));
      }
      Path q = tmp.resolve("bad" + trial);
      PagedFiles.writeLogical(q, bad);
      try (PagedFile f = PagedFile.open(q, IndexFormat.MAGIC_DICT, new PageCache(1 << 20), 1)) {
        TermDictionaryReader d = TermDictionaryReader.open(f);
        TermDictionaryReader.Cursor c = d.new Cursor();
        if (c.seekFirst()) while (c.next()) {}
        for (int i = 0; i < 50; i++) d.lookup(probes.get(r.nextInt(probes.size())));
      } catch (FormatException e) {
        failures++;
        assertTrue(e.getMessage().contains(q.getFileName().toString()), e.getMessage());
      } catch (RuntimeException | Error e) {
        fail("trial " + trial + ": " + e, e);
      }
    }
    // Damage to a compressed literal often decodes to other valid bytes, which only the page
    // checksum catches (CorruptionTest); damaged headers and varints are caught here (CorruptionTest
    // covers each stream-header case deterministically).
    assertTrue(failures > 0, failures + " of 60 damaged files detected");
  }

  static FormatException assertThrows(org.junit.jupiter.api.function.Executable x) {
    return org.junit.jupiter.api.Assertions.assertThrows(FormatException.class, x);
  }
}
