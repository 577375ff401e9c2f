package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed-column blocks read whole ({@link ColumnBlockReader}, and {@link ColumnCursor} through the
 * same decoder): every (docId, value) back in order, dense and sparse blocks, blocks that straddle
 * a page, slices and skips by target; and hostile blocks (docIds that wrap, trailing bytes, a
 * varint past the block, an entry longer than any block can be) refused with the file's name.
 */
class ColumnBlockReaderTest {
  @TempDir Path tmp;

  /**
   * One column "f" of the given blocks (each docs, values), written as typed.cols is; the last
   * block's bytes may be given raw, and one block's entry may give another length.
   */
  private Path column(List<long[][]> blocks, Integer lengthOverride, byte[] rawLastBlock) throws IOException {
    return column(blocks, blocks.size() - 1, lengthOverride, rawLastBlock);
  }

  private Path column(List<long[][]> blocks, int overrideAt, Integer lengthOverride, byte[] rawLastBlock)
      throws IOException {
    Path p = tmp.resolve("typed" + System.nanoTime() + ".cols");
    GrowableBytes entries = new GrowableBytes(64);
    long values = 0;
    try (PagedFileWriter w = PagedFileWriter.create(p)) {
      w.writeHeader(IndexFormat.MAGIC_COLUMNS, -1);
      GrowableBytes block = new GrowableBytes(4096);
      for (int b = 0; b < blocks.size(); b++) {
        long[] docs = blocks.get(b)[0];
        long[] vals = blocks.get(b)[1];
        block.reset();
        if (b == blocks.size() - 1 && rawLastBlock != null) block.writeBytes(rawLastBlock, 0, rawLastBlock.length);
        else ColumnBlock.encode(docs, vals, docs.length, block);
        long at = w.position();
        w.write(block);
        int len = b == overrideAt && lengthOverride != null ? lengthOverride : block.length();
        ColumnBlock.writeEntry(entries, at, len, docs.length, docs[0], docs[docs.length - 1],
            Arrays.stream(vals).min().getAsLong(), Arrays.stream(vals).max().getAsLong());
        values += docs.length;
      }
      GrowableBytes footer = new GrowableBytes(256);
      footer.writeVInt(1);
      byte[] name = "f".getBytes(StandardCharsets.UTF_8);
      footer.writeVInt(name.length);
      footer.writeBytes(name, 0, name.length);
      footer.writeByte(TypedValues.NUMBER);
      footer.writeVLong(values);
      footer.writeVLong(blocks.size());
      footer.append(entries);
      w.finish(IndexFormat.MAGIC_COLUMNS, footer);
    }
    return p;
  }

  private static Columns open(Path p) throws IOException {
    return Columns.open(PagedFile.open(p, IndexFormat.MAGIC_COLUMNS, new PageCache(1 << 20), 0));
  }

  /** Random blocks: some dense, some with gaps up to 2^40 (another shard), values of any size. */
  private static List<long[][]> randomBlocks(Random r, int count) {
    List<long[][]> out = new ArrayList<>();
    long doc = r.nextInt(100);
    for (int b = 0; b < count; b++) {
      int n = 1 + r.nextInt(IndexFormat.COLUMN_BLOCK_VALUES);
      boolean dense = r.nextBoolean();
      long[] docs = new long[n];
      long[] vals = new long[n];
      for (int i = 0; i < n; i++) {
        doc += i == 0 || dense ? 1 : 1 + (r.nextInt(50) == 0 ? (1L << 40) : r.nextInt(1000));
        docs[i] = doc;
        vals[i] = switch (r.nextInt(3)) {
          case 0 -> r.nextLong();
          case 1 -> r.nextInt(1_000_000) - 500_000;
          default -> i % 2 == 0 ? Long.MIN_VALUE + 1 : Long.MAX_VALUE;
        };
      }
      out.add(new long[][] {docs, vals});
    }
    return out;
  }

  @Test
  void blocksComeBackWholeInSlicesAndSkips() throws IOException {
    Random r = new Random(5);
    List<long[][]> blocks = randomBlocks(r, 60); // ~600 KB of blocks: many straddle a page
    Columns cols = open(column(blocks, null, null));
    assertEquals(60, cols.blockCount("f", TypedValues.NUMBER));
    assertEquals(0, cols.blockCount("g", TypedValues.NUMBER));
    for (int[] slice : new int[][] {{0, 60}, {0, 1}, {17, 43}, {59, 60}, {30, 30}}) {
      ColumnBlockReader reader = cols.blocks("f", TypedValues.NUMBER, slice[0], slice[1]);
      for (int b = slice[0]; b < slice[1]; b++) {
        int n = reader.next(-1);
        assertEquals(blocks.get(b)[0].length, n);
        assertArrayEquals(blocks.get(b)[0], Arrays.copyOf(reader.docs(), n), "block " + b);
        assertArrayEquals(blocks.get(b)[1], Arrays.copyOf(reader.values(), n), "block " + b);
      }
      assertEquals(0, reader.next(-1));
    }
    // A target skips the blocks that end before it, on their entries.
    ColumnBlockReader reader = cols.blocks("f", TypedValues.NUMBER, 0, 60);
    long[] b20 = blocks.get(20)[0];
    assertEquals(b20.length, reader.next(b20[b20.length - 1]));
    assertEquals(b20[0], reader.docs()[0]);
    assertEquals(blocks.get(21)[0].length, reader.next(b20[b20.length - 1]));
    assertEquals(0, reader.next(Long.MAX_VALUE));
    // The cursor reads the same pairs one by one.
    ColumnCursor c = cols.cursor("f", TypedValues.NUMBER);
    for (long[][] block : blocks) {
      for (int i = 0; i < block[0].length; i++) {
        assertEquals(block[0][i], c.nextDoc());
        assertEquals(block[1][i], c.value());
      }
    }
    assertEquals(DocIdIterator.NO_MORE_DOCS, c.nextDoc());
  }

  private FormatException readFails(Path p) {
    return assertThrows(FormatException.class, () -> {
      ColumnBlockReader reader = open(p).blocks("f", TypedValues.NUMBER, 0, 2);
      while (reader.next(-1) > 0) {
        // read every block
      }
    });
  }

  @Test
  void hostileBlocksAreRefusedWithTheFileNamed() throws IOException {
    long[][] good = {{10, 11, 12}, {1, 2, 3}};
    long[][] next = {{20, 30}, {5, 6}};
    GrowableBytes g = new GrowableBytes(64);
    // Sparse, with a docId gap of 2^63 - 1: wraps below the previous docId.
    g.writeVInt(2 << 1);
    g.writeVLong(20);
    g.writeZLong(5);
    g.writeVLong(Long.MAX_VALUE);
    g.writeZLong(1);
    Path wraps = column(List.of(good, next), null, Arrays.copyOf(g.array(), g.length()));
    FormatException e = readFails(wraps);
    assertTrue(e.getMessage().contains(wraps.getFileName().toString()), e.getMessage());
    assertTrue(e.getMessage().contains("out of order"), e.getMessage());

    // A correct block with one byte more than its values take (the entry counts it).
    g.reset();
    ColumnBlock.encode(next[0], next[1], 2, g);
    g.writeByte(0);
    e = readFails(column(List.of(good, next), null, Arrays.copyOf(g.array(), g.length())));
    assertTrue(e.getMessage().contains("bytes after its last value"), e.getMessage());

    // The block's last varint runs past the length its entry gives.
    g.reset();
    ColumnBlock.encode(next[0], next[1], 2, g);
    e = readFails(column(List.of(good, next), g.length() - 1, Arrays.copyOf(g.array(), g.length())));
    assertTrue(e.getMessage().contains("runs past its end"), e.getMessage());
    // The same in a dense block (consecutive docIds: values only), and a varint of 11 bytes.
    long[][] dense = {{20, 21, 22}, {5, 1L << 62, -7}};
    g.reset();
    ColumnBlock.encode(dense[0], dense[1], 3, g);
    e = readFails(column(List.of(good, dense), g.length() - 1, Arrays.copyOf(g.array(), g.length())));
    assertTrue(e.getMessage().contains("runs past its end"), e.getMessage());
    g.reset();
    g.writeVInt(3 << 1 | 1);
    g.writeVLong(20);
    g.writeZLong(5);
    for (int i = 0; i < 10; i++) g.writeByte(0x80);
    g.writeByte(0);
    g.writeZLong(1);
    e = readFails(column(List.of(good, dense), null, Arrays.copyOf(g.array(), g.length())));
    assertTrue(e.getMessage().contains("longer than 10 bytes"), e.getMessage());

    // An entry longer than any block can be is refused when the column list is read, before any
    // copy of the block is made.
    Path huge = column(randomBlocks(new Random(3), 8), 0, IndexFormat.MAX_COLUMN_BLOCK_BYTES + 1, null);
    assertEquals(8, open(column(randomBlocks(new Random(3), 8), null, null)).blockCount("f", TypedValues.NUMBER));
    e = assertThrows(FormatException.class, () -> open(huge));
    assertTrue(e.getMessage().contains("malformed block entry"), e.getMessage());
  }
}
