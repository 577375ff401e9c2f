package io.logdex.runners.smoke;

import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine;

/** Combines per-line digests into a {@link Tally}, mutating the accumulator in place. */
public final class TallyFn extends Combine.CombineFn<Long, Tally, Tally> {
  @Override
  public Tally createAccumulator() {
    return new Tally();
  }

  @Override
  public Tally addInput(Tally acc, Long digest) {
    acc.add(digest);
    return acc;
  }

  @Override
  public Tally mergeAccumulators(Iterable<Tally> accs) {
    Tally sum = new Tally();
    for (Tally t : accs) sum.addAll(t);
    return sum;
  }

  @Override
  public Tally extractOutput(Tally acc) {
    return acc;
  }

  @Override
  public Coder<Tally> getAccumulatorCoder(CoderRegistry registry, Coder<Long> inputCoder) {
    return TallyCoder.of();
  }

  @Override
  public Coder<Tally> getDefaultOutputCoder(CoderRegistry registry, Coder<Long> inputCoder) {
    return TallyCoder.of();
  }
}
