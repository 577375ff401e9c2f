package io.logdex.format.index;

import java.io.Serializable;

/**
 * Resource limits for building. They never change the output bytes, only how the work is split.
 *
 * @param memoryBudgetBytes what a {@link ShardBuilder} may hold before it spills sorted runs
 * @param fanIn how many runs a {@link RunMerger} pass reads at once (each holds one page buffer)
 */
public record BuildOptions(long memoryBudgetBytes, int fanIn) implements Serializable {
  public static final long MIN_BUDGET_BYTES = 64 * 1024;

  public BuildOptions {
    if (memoryBudgetBytes < MIN_BUDGET_BYTES) throw new IllegalArgumentException("memory budget below " + MIN_BUDGET_BYTES + " bytes");
    if (fanIn < 2 || fanIn > 4096) throw new IllegalArgumentException("fan-in must be in [2, 4096]: " + fanIn);
  }

  public static BuildOptions defaults() {
    return new BuildOptions(64L << 20, 64);
  }
}
