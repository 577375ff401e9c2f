package io.logdex.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.apache.beam.runners.flink.translation.types.EncodedValueComparator;
import org.apache.beam.runners.flink.translation.types.EncodedValueSerializer;
import org.apache.beam.runners.flink.translation.types.WindowedKvKeySelector;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.WindowedValues;
import org.apache.flink.api.common.typeutils.TypeComparator;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.IntSerializer;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.api.java.typeutils.runtime.TupleComparator;
import org.apache.flink.runtime.operators.shipping.OutputEmitter;
import org.apache.flink.runtime.operators.shipping.ShipStrategyType;
import org.apache.flink.runtime.plugable.SerializationDelegate;
import org.apache.flink.util.MathUtils;
import org.junit.jupiter.api.Test;

/**
 * The merge keys decode to their partitions, and Flink's own batch hash partitioning (the key
 * selector and comparator Beam's GroupByKey translation uses, the OutputEmitter that ships records)
 * sends merge i to worker i % workers, so merges split evenly over 1 to 8 workers.
 */
class MergeKeysTest {

  @Test
  void keysAreDistinctAndDecodeToTheirMerge() {
    for (int partitions : new int[] {1, 2, 8, 9, 256, 1000}) {
      MergeKeys keys = MergeKeys.of(partitions);
      Set<Integer> seen = new HashSet<>();
      for (int p = IngestChunkFn.DOC_RUNS; p < partitions; p++) {
        int key = keys.keyOf(p);
        assertTrue(key >= 0, "key " + key);
        assertTrue(seen.add(key), "duplicate key " + key);
        assertEquals(p, MergeKeys.mergeOf(key, partitions), "partitions " + partitions + ", key " + key);
      }
    }
  }

  @Test
  void flinkSpreadsTheMergesEvenlyOverOneToEightWorkers() throws Exception {
    WindowedKvKeySelector<Integer, Integer> selector =
        new WindowedKvKeySelector<>(VarIntCoder.of(), GlobalWindow.Coder.INSTANCE);
    TupleComparator<Tuple2<byte[], Integer>> comparator = new TupleComparator<>(
        new int[] {0},
        new TypeComparator<?>[] {new EncodedValueComparator(true)},
        new TypeSerializer<?>[] {new EncodedValueSerializer(), IntSerializer.INSTANCE});
    for (int partitions : new int[] {2, 8, 63}) {
      MergeKeys keys = MergeKeys.of(partitions);
      for (int workers = 1; workers <= 8; workers++) {
        OutputEmitter<Tuple2<byte[], Integer>> emitter =
            new OutputEmitter<>(ShipStrategyType.PARTITION_HASH, comparator);
        emitter.setup(workers);
        int[] perWorker = new int[workers];
        for (int p = IngestChunkFn.DOC_RUNS; p < partitions; p++) {
          byte[] key = selector.getKey(WindowedValues.valueInGlobalWindow(KV.of(keys.keyOf(p), 0)));
          SerializationDelegate<Tuple2<byte[], Integer>> record = new SerializationDelegate<>(null);
          record.setInstance(Tuple2.of(key, 0));
          int channel = emitter.selectChannel(record);
          assertEquals((p + 1) % workers, channel, "partition " + p + " of " + partitions + ", " + workers + " workers");
          perWorker[channel]++;
        }
        int min = Integer.MAX_VALUE, max = 0;
        for (int c : perWorker) {
          min = Math.min(min, c);
          max = Math.max(max, c);
        }
        assertTrue(max - min <= 1, partitions + " partitions on " + workers + " workers: " + java.util.Arrays.toString(perWorker));
      }
    }
  }

  @Test
  void murmurHashIsFlinks() {
    java.util.SplittableRandom random = new java.util.SplittableRandom(16);
    for (int i = 0; i < 100_000; i++) {
      int x = i < 1000 ? i - 500 : random.nextInt();
      assertEquals(MathUtils.murmurHash(x), MergeKeys.murmurHash(x), "murmurHash(" + x + ")");
    }
    assertEquals(MathUtils.murmurHash(Integer.MIN_VALUE), MergeKeys.murmurHash(Integer.MIN_VALUE));
  }
}
