package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The term table of {@link PostingBuffer}: lookups against a HashMap model, and growth. */
class PostingBufferTest {
  @TempDir Path tmp;

  /**
   * Terms that differ in one byte at any position, of every length around the word-wide compare's
   * edges, looked up at shifting offsets: find must answer exactly what a map of their bytes does.
   * Odd rounds pass a hash of three bits, so most probes meet an equal hash and the bytes decide.
   */
  @Test
  void findAgreesWithAMapOfTheBytes() {
    Random r = new Random(5);
    for (int round = 0; round < 20; round++) {
      PostingBuffer pb = new PostingBuffer(1 + r.nextInt(17));
      Map<ByteBuffer, Integer> model = new HashMap<>();
      List<byte[]> seen = new ArrayList<>();
      byte[] buf = new byte[128];
      boolean weak = round % 2 == 1;
      for (int i = 0; i < (weak ? 3000 : 20000); i++) {
        byte[] t;
        if (!seen.isEmpty() && r.nextInt(3) == 0) {
          t = seen.get(r.nextInt(seen.size())).clone();
          // A near miss: one byte changed, or one byte longer or shorter.
          switch (r.nextInt(4)) {
            case 0:
              t[r.nextInt(t.length)] ^= (byte) (1 << r.nextInt(8));
              break;
            case 1:
              if (t.length > 1) t = java.util.Arrays.copyOf(t, t.length - 1);
              break;
            case 2:
              if (t.length < 100) t = java.util.Arrays.copyOf(t, t.length + 1);
              break;
            default: // the same term again
          }
        } else {
          t = new byte[1 + r.nextInt(r.nextBoolean() ? 20 : 100)];
          for (int k = 0; k < t.length; k++) t[k] = (byte) (r.nextBoolean() ? 'a' : r.nextInt(256));
        }
        int off = r.nextInt(buf.length - t.length + 1);
        System.arraycopy(t, 0, buf, off, t.length);
        int hash = Partitioner.murmur3(buf, off, t.length, 0) & (weak ? 7 : -1);
        int id = pb.find(buf, off, t.length, hash);
        Integer want = model.get(ByteBuffer.wrap(t));
        assertEquals(want == null ? -1 : want, id, "round " + round + " term " + i);
        if (id < 0) {
          if (!pb.hasRoom(true, t.length, 0)) assertTrue(pb.grow(true, t.length, 0, 1L << 30));
          model.put(ByteBuffer.wrap(t), pb.insert(buf, off, t.length, hash));
          seen.add(t);
        }
      }
    }
  }

  /**
   * A term longer than the arena arriving when the budget is spent: the builder spills, then grows
   * past the budget for that one term (an unbounded room must not overflow the arena's size).
   */
  @Test
  void termLongerThanTheArenaAfterASpill() throws IOException {
    ShardBuilder b =
        new ShardBuilder(
            Files.createDirectories(tmp.resolve("runs")),
            "x",
            new IndexOptions(2, 0),
            new BuildOptions(BuildOptions.MIN_BUDGET_BYTES, 8));
    Random r = new Random(9);
    byte[] small = new byte[12];
    long doc = 0;
    while (b.spillCount() == 0) {
      small[0] = Terms.WORD;
      for (int k = 1; k < small.length; k++) small[k] = (byte) ('a' + r.nextInt(26));
      b.addTerm(doc++, small);
    }
    byte[] big = new byte[IndexFormat.MAX_TERM_BYTES];
    big[0] = Terms.WORD;
    java.util.Arrays.fill(big, 1, big.length, (byte) 'q');
    b.addTerm(doc, big);
    assertEquals(2, b.spillCount(), "one spill for the small terms, one to make room for the long one");
    List<RunDescriptor> runs = b.finish();
    long entries = 0;
    for (RunDescriptor d : runs) if (d.kind() == RunDescriptor.Kind.TERMS) entries += d.entries();
    assertEquals(doc + 1, entries);
  }
}
