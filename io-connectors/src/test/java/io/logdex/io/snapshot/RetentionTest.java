package io.logdex.io.snapshot;

import static io.logdex.io.snapshot.SnapshotFixtures.readAll;
import static io.logdex.io.snapshot.SnapshotFixtures.utf8;
import static io.logdex.io.snapshot.SnapshotFixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.io.FileSystems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The retention buffer never hands out wrong bytes, and when it had to drop some the reader reads
 * them again: records are the same whatever the retention capacity.
 */
class RetentionTest {
  @TempDir Path dir;

  @Test
  void copiesAreExactOrAbsent() throws Exception {
    Random r = new Random(3);
    for (int round = 0; round < 200; round++) {
      byte[] data = new byte[1 + r.nextInt(5000)];
      r.nextBytes(data);
      // Half the rounds never fill the buffer, so nothing may be missing there.
      boolean roomy = round % 2 == 0;
      int capacity = roomy ? data.length + 1 : 1 + r.nextInt(300);
      long base = r.nextInt(1000);
      RetainingInputStream in =
          new RetainingInputStream(new ByteArrayInputStream(data), base, capacity, 1 + r.nextInt(64));
      long keep = base;
      byte[] chunk = new byte[1 + r.nextInt(100)];
      int present = 0;
      while (in.read(chunk, 0, 1 + r.nextInt(chunk.length)) >= 0) {
        long end = in.readPosition();
        keep = Math.min(end, keep + r.nextInt(80));
        in.keepFrom(keep);
        long from = keep + (end > keep ? r.nextInt((int) (end - keep)) : 0);
        int n = (int) Math.min(end - from, r.nextInt(capacity + 1));
        byte[] got = in.copy(from, n);
        if (got != null) {
          present++;
          int at = (int) (from - base);
          assertArrayEquals(Arrays.copyOfRange(data, at, at + n), got);
        }
        if (roomy) assertNotNull(in.copy(keep, (int) (end - keep)), "lost " + keep + ".." + end);
      }
      if (roomy) assertTrue(present > 0);
    }
  }

  @Test
  void tinyRetentionRereadsAndGivesTheSameRecords() throws Exception {
    String doc = new SnapshotFixtures.Docs(21, true, 4, 6).document(4000);
    byte[] plain = utf8(doc);
    Path p = write(dir, "doc.tony", plain);
    Path z = write(dir, "doc.tony.zst", SnapshotFixtures.zstdFrames(plain, 200));
    Path s = write(dir, "streamed.tony.zst", SnapshotFixtures.zstdStreamed(plain));
    for (Path f : List.of(p, z, s)) {
      SnapshotIO.Read normal = SnapshotIO.read().from(f.toString()).withMaxSubDocumentBytes(64)
          .withSplitGranularity(100).withBufferSize(16);
      List<SnapshotItem> expected = readAll(normal);
      assertEquals(expected, readAll(normal.withRetentionCapacity(24)), f.toString());
      // And the reader did have to read again.
      SnapshotFile file = SnapshotFile.inspect(
          FileSystems.matchSingleFileSpec(f.toString()), normal.source().spec().compression).file();
      try (SnapshotItemStream items = new SnapshotItemStream(file,
          normal.withRetentionCapacity(24).source().spec(), null, null)) {
        int n = 0;
        while (items.next() != null) n++;
        assertEquals(expected.size(), n);
        assertTrue(items.rereads() > 0);
      }
      try (SnapshotItemStream items = new SnapshotItemStream(file, normal.source().spec(), null, null)) {
        while (items.next() != null) { }
        assertEquals(0, items.rereads());
      }
    }
  }
}
