package io.logdex.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** How BuildPlanner sizes op-log chunks and picks the automatic partition count. */
class BuildPlannerChunkingTest {
  private static final long MIB = 1L << 20;

  @Test
  void chunksAreEvenAndNoLargerThanChunkBytes() {
    Random r = new Random(11);
    for (int i = 0; i < 10000; i++) {
      long chunkBytes = 1 + (r.nextBoolean() ? r.nextInt(5000) : (long) r.nextInt(1 << 30));
      long file = 1 + (r.nextBoolean() ? r.nextInt(100000) : (long) (r.nextDouble() * (1L << 36)));
      long size = BuildPlanner.opLogChunkBytes(file, chunkBytes);
      long chunks = (file - 1) / size + 1;
      assertTrue(size <= chunkBytes, file + "/" + chunkBytes);
      long fewest = (file - 1) / chunkBytes + 1;
      if (file < 2 * BuildPlanner.MIN_PARALLEL_BYTES || fewest > 1) {
        assertEquals(fewest, chunks, file + "/" + chunkBytes);
      } else {
        assertEquals(2, chunks, file + "/" + chunkBytes);
      }
      // Even: the last chunk is at most chunks-1 bytes short of the others.
      assertTrue(file - (chunks - 1) * size >= size - chunks, file + "/" + chunkBytes);
    }
  }

  @Test
  void theExampleSizes() {
    long chunk = BuildConfig.DEFAULT_CHUNK_BYTES;
    // 200k s3dlio records: one chunk and a sliver before, now two halves.
    assertEquals(35_232_419, BuildPlanner.opLogChunkBytes(70_464_837, chunk));
    assertEquals(6 * MIB, BuildPlanner.opLogChunkBytes(6 * MIB, chunk));
    assertEquals(16 * MIB, BuildPlanner.opLogChunkBytes(32 * MIB, chunk));
    assertEquals(chunk, BuildPlanner.opLogChunkBytes(128 * MIB, chunk));
    assertEquals(chunk, BuildPlanner.opLogChunkBytes(0, chunk));
  }

  @Test
  void automaticPartitionsUseTwoWorkersFromSixteenMiB() {
    BuildConfig auto = BuildConfig.of(List.of("x"), "out");
    assertEquals(1, BuildPlanner.partitions(auto, 16 * MIB - 1));
    assertEquals(2, BuildPlanner.partitions(auto, 16 * MIB));
    assertEquals(2, BuildPlanner.partitions(auto, 100 * MIB));
    assertEquals(5, BuildPlanner.partitions(auto, 300 * MIB));
    assertEquals(10, BuildPlanner.partitions(auto, 600 * MIB));
    assertEquals(256, BuildPlanner.partitions(auto, 1L << 40));
    BuildConfig one = auto.withPartitions(1);
    assertEquals(1, BuildPlanner.partitions(one, 600 * MIB));
  }
}
