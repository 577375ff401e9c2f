package io.logdex.format.index;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Patched frame-of-reference coding of up to {@link IndexFormat#BLOCK_DOCS} non-negative longs:
 * {@code [u8 bitWidth][u8 exceptionCount][bit-packed low bits, little-endian][exceptions]}, each
 * exception being {@code [u8 index][varint highBits]}. The width is chosen to minimise the block's
 * size, so one large gap (a new shard's docId range, a rare word) costs a few bytes instead of
 * widening every value in the block.
 */
final class PForCodec {
  private PForCodec() {}

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Scratch size a decoder needs: the largest packed block plus slack for 8-byte reads. */
  static final int SCRATCH_BYTES = IndexFormat.BLOCK_DOCS * 8 + 16;

  static void encode(long[] values, int n, GrowableBytes out, int[] hist) {
    Arrays.fill(hist, 0, 65, 0);
    int maxLen = 0;
    for (int i = 0; i < n; i++) {
      int len = 64 - Long.numberOfLeadingZeros(values[i]);
      hist[len]++;
      if (len > maxLen) maxLen = len;
    }
    int bestBw = maxLen;
    long bestCost = ((long) n * maxLen + 7) / 8;
    for (int bw = maxLen - 1; bw >= 0; bw--) {
      long cost = ((long) n * bw + 7) / 8;
      int exceptions = 0;
      for (int len = bw + 1; len <= maxLen; len++) {
        if (hist[len] != 0) {
          exceptions += hist[len];
          cost += (long) hist[len] * (1 + (len - bw + 6) / 7);
        }
      }
      if (exceptions * 2 > n) break; // narrower widths only add exceptions from here on
      if (cost < bestCost) {
        bestCost = cost;
        bestBw = bw;
      }
    }
    int bw = bestBw;
    int exceptions = 0;
    for (int len = bw + 1; len <= 64; len++) exceptions += hist[len];
    out.writeByte(bw);
    out.writeByte(exceptions);
    long mask = bw == 64 ? -1L : (1L << bw) - 1;
    int acc = 0;
    int accBits = 0;
    for (int i = 0; i < n; i++) {
      long x = values[i] & mask;
      int remaining = bw;
      while (remaining > 0) {
        int take = Math.min(8 - accBits, remaining);
        acc |= (int) (x & ((1 << take) - 1)) << accBits;
        x >>>= take;
        remaining -= take;
        accBits += take;
        if (accBits == 8) {
          out.writeByte(acc);
          acc = 0;
          accBits = 0;
        }
      }
    }
    if (accBits > 0) out.writeByte(acc);
    if (exceptions > 0) {
      for (int i = 0; i < n; i++) {
        if (bw < 64 && (values[i] >>> bw) != 0) {
          out.writeByte(i);
          out.writeVLong(values[i] >>> bw);
        }
      }
    }
  }

  static int packedBytes(int n, int bw) {
    return (n * bw + 7) >>> 3;
  }

  /** Decodes a block of n values written by {@link #encode}; scratch needs {@link #SCRATCH_BYTES}. */
  static void decode(PageCursor in, long[] out, int n, byte[] scratch) throws IOException {
    long start = in.position();
    int bw = in.readUnsignedByte();
    int exceptions = in.readUnsignedByte();
    if (bw > 64 || exceptions > n || (bw == 64 && exceptions > 0)) {
      throw in.error("corrupt postings block header (width " + bw + ", " + exceptions + " exceptions)", start);
    }
    int packed = packedBytes(n, bw);
    if (packed > 0) {
      if (in.contiguous(packed)) {
        unpack(in.buffer(), in.bufferPos(), out, n, bw);
        in.consume(packed);
      } else {
        in.readBytes(scratch, 0, packed);
        unpack(scratch, 0, out, n, bw);
      }
    } else {
      Arrays.fill(out, 0, n, 0L);
    }
    for (int e = 0; e < exceptions; e++) {
      int idx = in.readUnsignedByte();
      long high = in.readVLong();
      if (idx >= n || (bw > 0 && (high >>> (64 - bw)) != 0)) {
        throw in.error("corrupt postings block exception", start);
      }
      out[idx] |= high << bw;
    }
  }

  /** Unpacks n values of bw (1..64) bits; src must have 8 readable bytes after the packed data. */
  static void unpack(byte[] src, int base, long[] out, int n, int bw) {
    if (bw <= 56) {
      long mask = (1L << bw) - 1;
      long bit = 0;
      for (int i = 0; i < n; i++, bit += bw) {
        long w = (long) LONG_LE.get(src, base + (int) (bit >>> 3));
        out[i] = (w >>> (bit & 7)) & mask;
      }
    } else {
      long mask = bw == 64 ? -1L : (1L << bw) - 1;
      long bit = 0;
      for (int i = 0; i < n; i++, bit += bw) {
        int at = base + (int) (bit >>> 3);
        int shift = (int) (bit & 7);
        long v = (long) LONG_LE.get(src, at) >>> shift;
        if (shift + bw > 64) v |= (src[at + 8] & 0xFFL) << (64 - shift);
        out[i] = v & mask;
      }
    }
  }
}
