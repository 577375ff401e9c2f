package io.logdex.format.index;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Which partition a term belongs to: {@code Integer.remainderUnsigned(murmur3_x86_32(term, seed
 * 0), P)} over the full term bytes, namespace byte included. It is part of the format (a reader
 * routes lookups with it), so it never changes and never depends on JVM hash codes.
 */
public final class Partitioner {
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private Partitioner() {}

  public static int partition(byte[] term, int partitions) {
    return partition(term, 0, term.length, partitions);
  }

  public static int partition(byte[] term, int off, int len, int partitions) {
    return Integer.remainderUnsigned(murmur3(term, off, len, 0), partitions);
  }

  /** MurmurHash3 x86_32 (Austin Appleby, public domain). */
  public static int murmur3(byte[] data, int off, int len, int seed) {
    final int c1 = 0xcc9e2d51;
    final int c2 = 0x1b873593;
    int h1 = seed;
    int end = off + (len & ~3);
    for (int i = off; i < end; i += 4) {
      // One little-endian load is the same four bytes as the reference's byte-wise assembly.
      int k1 = (int) INTS.get(data, i);
      k1 *= c1;
      k1 = Integer.rotateLeft(k1, 15);
      k1 *= c2;
      h1 ^= k1;
      h1 = Integer.rotateLeft(h1, 13);
      h1 = h1 * 5 + 0xe6546b64;
    }
    int k1 = 0;
    switch (len & 3) {
      case 3:
        k1 = (data[end + 2] & 0xff) << 16;
        // fall through
      case 2:
        k1 |= (data[end + 1] & 0xff) << 8;
        // fall through
      case 1:
        k1 |= data[end] & 0xff;
        k1 *= c1;
        k1 = Integer.rotateLeft(k1, 15);
        k1 *= c2;
        h1 ^= k1;
        break;
      default:
        break;
    }
    h1 ^= len;
    h1 ^= h1 >>> 16;
    h1 *= 0x85ebca6b;
    h1 ^= h1 >>> 13;
    h1 *= 0xc2b2ae35;
    h1 ^= h1 >>> 16;
    return h1;
  }
}
