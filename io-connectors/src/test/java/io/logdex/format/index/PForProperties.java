package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * jqwik: blocks of up to 128 longs of any shape (all equal, small, outliers, full 64-bit, negative)
 * PFOR-encode and decode back to themselves through a paged file, however the blocks line up with
 * its pages.
 */
class PForProperties {
  @Property(tries = 100)
  void blocksRoundTrip(@ForAll("blocks") List<long[]> blocks) throws IOException {
    Path dir = Files.createTempDirectory("pfor");
    try {
      assertRoundTrip(blocks, dir.resolve("p"));
    } finally {
      Files.deleteIfExists(dir.resolve("p"));
      Files.delete(dir);
    }
  }

  /** Encodes the blocks into a paged file at p, then decodes them back from it. */
  static void assertRoundTrip(List<long[]> blocks, Path p) throws IOException {
    GrowableBytes g = new GrowableBytes(1024);
    int[] hist = new int[65];
    for (long[] v : blocks) PForCodec.encode(v, v.length, g, hist);
    try (PagedFileWriter w = PagedFileWriter.create(p)) {
      w.writeHeader(IndexFormat.MAGIC_POSTINGS, 0);
      w.write(g);
      w.finish(IndexFormat.MAGIC_POSTINGS, null);
    }
    try (PagedFile f = PagedFile.open(p, IndexFormat.MAGIC_POSTINGS, new PageCache(1 << 20), 0)) {
      PageCursor c = new PageCursor(f).seek(IndexFormat.HEADER_BYTES, f.footerOffset);
      long[] out = new long[128];
      byte[] scratch = new byte[PForCodec.SCRATCH_BYTES];
      for (long[] v : blocks) {
        PForCodec.decode(c, out, v.length, scratch);
        assertArrayEquals(v, Arrays.copyOf(out, v.length));
      }
      assertEquals(0, c.remaining());
    }
  }

  @Provide
  Arbitrary<List<long[]>> blocks() {
    Arbitrary<Long> value = Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.longs().between(0, 15)),
        Tuple.of(2, Arbitraries.longs().between(0, 1 << 20)),
        Tuple.of(1, Arbitraries.longs()),
        Tuple.of(1, Arbitraries.of(-1L, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 40)));
    Arbitrary<long[]> block = value.array(long[].class).ofMinSize(1).ofMaxSize(128);
    return block.list().ofMaxSize(40);
  }
}
