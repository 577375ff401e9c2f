package io.logdex.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.junit.jupiter.api.Test;

/** ChunkSource: one split per chunk, largest handed out first, every chunk read exactly once. */
class ChunkSourceTest {
  private static final PipelineOptions OPTIONS = PipelineOptionsFactory.create();

  private static List<ChunkTask> tasks(long... sizes) {
    List<ChunkTask> out = new ArrayList<>();
    for (int i = 0; i < sizes.length; i++) out.add(ChunkTask.oplog(i, 0, i, "in", sizes[i], null));
    return out;
  }

  private static List<Integer> ids(BoundedSource<ChunkTask> s) throws Exception {
    List<Integer> ids = new ArrayList<>();
    for (ChunkTask t : SourceTestUtils.readFromSource(s, OPTIONS)) ids.add(t.id());
    return ids;
  }

  @Test
  void splitsIntoOnePartPerChunkWhateverTheBundleSize() throws Exception {
    ChunkSource source = new ChunkSource(tasks(50, 70, 60, 70, 10));
    assertEquals(260, source.getEstimatedSizeBytes(OPTIONS));
    for (long desired : new long[] {1, 100, 1L << 40}) {
      List<ChunkSource> parts = source.split(desired, OPTIONS);
      assertEquals(5, parts.size());
      List<Integer> order = new ArrayList<>();
      for (ChunkSource p : parts) order.addAll(ids(p));
      // Smallest first: Flink's split assigner hands out the last part first, so the largest
      // (the lower id among equals) starts first.
      assertEquals(List.of(4, 0, 2, 3, 1), order);
    }
  }

  @Test
  void readsEveryChunkOnceInPlanOrder() throws Exception {
    assertEquals(List.of(0, 1, 2), ids(new ChunkSource(tasks(3, 2, 1))));
    ChunkSource one = new ChunkSource(tasks(5));
    assertEquals(List.of(one), one.split(1, OPTIONS));
    assertEquals(List.of(), ids(new ChunkSource(List.of())));
  }
}
