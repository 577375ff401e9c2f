package io.logdex.samples;

/**
 * SplitMix64. Its sequence is fixed by the seed on every JVM and platform, which is what makes a
 * generated file byte-identical on every machine. Entities are seeded from {@link #hash} of their
 * coordinates rather than from one long stream, so the commit-log generator can recompute the value
 * a snapshot holds at any path without generating the snapshot.
 */
final class Rng {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private long state;

  Rng(long seed) {
    this.state = seed;
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  static long hash(long seed, long a) {
    return mix(mix(seed + GOLDEN) + a * GOLDEN);
  }

  static long hash(long seed, long a, long b) {
    return mix(hash(seed, a) + (b + 1) * GOLDEN);
  }

  static long hash(long seed, long a, long b, long c) {
    return mix(hash(seed, a, b) + (c + 1) * GOLDEN);
  }

  /** A value in [0, bound) from a hash, for one-off choices that need no generator. */
  static int below(long hash, int bound) {
    return (int) (((hash >>> 32) * bound) >>> 32);
  }

  Rng reseed(long seed) {
    this.state = seed;
    return this;
  }

  long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** Uniform in [0, bound), bound > 0; multiply-shift is unbiased enough for test data and fast. */
  int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Uniform in [lo, hi], inclusive. */
  int range(int lo, int hi) {
    return lo + nextInt(hi - lo + 1);
  }

  long nextLong(long bound) {
    return Long.remainderUnsigned(nextLong(), bound);
  }

  double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** True with probability {@code perMille}/1000. */
  boolean chance(int perMille) {
    return nextInt(1000) < perMille;
  }

  /**
   * Log-normal with the given median; StrictMath because Math.exp/log may differ in the last bit
   * between platforms, which would change a rounded value and so the output bytes.
   */
  double logNormal(double median, double sigma) {
    double u1 = (nextLong() >>> 11) * 0x1.0p-53 + 0x1.0p-54;
    double u2 = (nextLong() >>> 11) * 0x1.0p-53;
    double gauss = StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    return median * StrictMath.exp(sigma * gauss);
  }
}
