package io.logdex.runners.smoke;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Gathers lines into one newline-joined text in {@link String#compareTo} order, so a single-shard
 * write is byte-identical whatever order the runner delivered them in. Holds every line: use it only
 * where the line count is bounded by design (one line per distinct key of the smoke input).
 */
public final class SortedLines extends Combine.CombineFn<String, List<String>, String> {
  @Override
  public List<String> createAccumulator() {
    return new ArrayList<>();
  }

  @Override
  public List<String> addInput(List<String> acc, String line) {
    acc.add(line);
    return acc;
  }

  @Override
  public List<String> mergeAccumulators(Iterable<List<String>> accs) {
    List<String> all = new ArrayList<>();
    for (List<String> a : accs) all.addAll(a);
    return all;
  }

  @Override
  public String extractOutput(List<String> acc) {
    List<String> sorted = new ArrayList<>(acc);
    Collections.sort(sorted);
    return String.join("\n", sorted);
  }

  @Override
  public Coder<List<String>> getAccumulatorCoder(CoderRegistry registry, Coder<String> inputCoder) {
    return ListCoder.of(StringUtf8Coder.of());
  }

  @Override
  public Coder<String> getDefaultOutputCoder(CoderRegistry registry, Coder<String> inputCoder) {
    return StringUtf8Coder.of();
  }
}
