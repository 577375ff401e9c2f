package io.logdex.runners.smoke;

/**
 * The smoke job's per-key aggregate: how many lines and the wrapping sum of their digests. Both are
 * order-independent, so any split of the input and any merge order after a failover give the same
 * result, which is what lets a run that lost a TaskManager be compared byte for byte. Mutable so
 * that {@link TallyFn} can accumulate without allocating per line.
 */
public final class Tally {
  long count;
  long digestSum;

  public Tally() {}

  public Tally(long count, long digestSum) {
    this.count = count;
    this.digestSum = digestSum;
  }

  public long count() {
    return count;
  }

  public long digestSum() {
    return digestSum;
  }

  void add(long digest) {
    count++;
    digestSum += digest;
  }

  void addAll(Tally other) {
    count += other.count;
    digestSum += other.digestSum;
  }

  /** {@code count TAB digestSum} with the sum as 16 lower-case hex digits. */
  @Override
  public String toString() {
    return count + "\t" + String.format("%016x", digestSum);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tally t && t.count == count && t.digestSum == digestSum;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count * 31 + digestSum);
  }
}
