package io.logdex.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/** Timing and size helpers shared by the end-to-end harnesses. */
final class Medians {
  private Medians() {}

  /** One measured operation; returns a value that must be the same every time (a count, a checksum). */
  @FunctionalInterface
  interface Op {
    long run() throws Exception;
  }

  /** {median nanos, the op's result}; fails if the result changes between runs. */
  static long[] median(String what, int warmup, int runs, Op op) throws Exception {
    long result = op.run();
    for (int i = 1; i < warmup; i++) check(what, result, op.run());
    long[] t = new long[runs];
    for (int i = 0; i < runs; i++) {
      long t0 = System.nanoTime();
      long r = op.run();
      t[i] = System.nanoTime() - t0;
      check(what, result, r);
    }
    return new long[] {median(t), result};
  }

  static long median(long[] t) {
    long[] s = t.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  static double median(double[] t) {
    double[] s = t.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static void check(String what, long expected, long got) {
    if (expected != got) throw new IllegalStateException(what + ": result changed from " + expected + " to " + got);
  }

  static long dirBytes(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) return 0;
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }).sum();
    }
  }
}
