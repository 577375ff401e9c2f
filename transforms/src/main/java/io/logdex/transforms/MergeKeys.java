package io.logdex.transforms;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.util.CoderUtils;

/**
 * The keys that group a build's runs for merging: one merge for the doc runs, one per term
 * partition. Each merge runs where the runner sends its key, so plain keys (-1, 0, 1, ...) let
 * Flink's hash put 7 of a 1M-record op-log's 9 merges on one of two TaskManagers. These keys are
 * chosen instead so that Flink's batch hash partitioning sends merge {@code i} (0 for the docs,
 * {@code 1 + p} for partition p) to worker {@code i % workers} for every worker count that divides
 * {@link #SPREAD}, 1 to 8 among them: the merges split evenly without the plan knowing the
 * parallelism.
 *
 * <p>Flink's DataSet GroupByKey (Beam's batch translation) keys a record by the coder's bytes of
 * its key followed by its window's (none for the global window), hashes them with {@link
 * Arrays#hashCode(byte[])} and sends it to channel {@code murmurHash(hash) % workers}. A key is
 * {@code s * (partitions + 1) + i} for the smallest {@code s} whose channel hash is {@code i}
 * modulo {@link #SPREAD}; about {@code SPREAD} tries per merge. Other runners, and Flink's
 * key-group hashing (streaming mode), still see distinct keys, just not placed. The keys never
 * reach an output: the merge decodes its partition from the key ({@link #mergeOf}).
 */
final class MergeKeys implements Serializable {
  private static final long serialVersionUID = 1L;

  /** lcm(1..8): a residue modulo this fixes the channel for 1 to 8 workers (and 10, 12, ...). */
  static final int SPREAD = 840;

  private final int[] keys;

  private MergeKeys(int[] keys) {
    this.keys = keys;
  }

  /** The keys of a build with {@code partitions} term partitions. */
  static MergeKeys of(int partitions) {
    int merges = partitions + 1;
    int[] keys = new int[merges];
    for (int i = 0; i < merges; i++) keys[i] = find(i, merges);
    return new MergeKeys(keys);
  }

  /** The key of a partition's merge, or of the doc runs' for {@link IngestChunkFn#DOC_RUNS}. */
  int keyOf(int partition) {
    return keys[partition + 1];
  }

  /** The partition (or {@link IngestChunkFn#DOC_RUNS}) a key of a build with these merges stands for. */
  static int mergeOf(int key, int partitions) {
    return Math.floorMod(key, partitions + 1) - 1;
  }

  /** Flink's batch hash channel hash of a key: before {@code % workers}. */
  static int channelHash(int key) {
    try {
      return murmurHash(Arrays.hashCode(CoderUtils.encodeToByteArray(VarIntCoder.of(), key)));
    } catch (CoderException e) {
      throw new IllegalStateException(e.getMessage(), e); // VarIntCoder does not fail on an int
    }
  }

  private static int find(int merge, int stride) {
    int want = merge % SPREAD;
    // Beyond about 16 * SPREAD tries the hash is not what we think: keep the plain key then.
    for (long key = merge; key <= Integer.MAX_VALUE && key < merge + (long) stride * 16 * SPREAD; key += stride) {
      if (channelHash((int) key) % SPREAD == want) return (int) key;
    }
    return merge;
  }

  /** Flink 1.19's {@code MathUtils.murmurHash(int)}, copied: transforms does not link Flink. */
  static int murmurHash(int code) {
    code *= 0xcc9e2d51;
    code = Integer.rotateLeft(code, 15);
    code *= 0x1b873593;
    code = Integer.rotateLeft(code, 13);
    code = code * 5 + 0xe6546b64;
    code ^= 4;
    code = code ^ (code >>> 16);
    code *= 0x85ebca6b;
    code = code ^ (code >>> 13);
    code *= 0xc2b2ae35;
    code = code ^ (code >>> 16);
    if (code >= 0) return code;
    return code != Integer.MIN_VALUE ? -code : 0;
  }
}
