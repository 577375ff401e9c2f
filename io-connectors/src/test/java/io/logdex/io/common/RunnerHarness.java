package io.logdex.io.common;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.SimpleFunction;
import org.apache.beam.sdk.util.CoderUtils;

/**
 * For tests that run the same read on the DirectRunner and on an embedded Flink cluster and
 * compare the outputs. Both runners execute in this JVM (Flink's "[local]" is an embedded mini
 * cluster), so a static sink sees every element without a file-writing stage.
 */
public final class RunnerHarness {
  private RunnerHarness() {}

  private static final Map<String, Queue<String>> SINK = new ConcurrentHashMap<>();

  public static PipelineOptions direct() {
    PipelineOptions direct = PipelineOptionsFactory.create();
    direct.setRunner(DirectRunner.class);
    return direct;
  }

  /** An embedded Flink cluster of parallelism 2. */
  public static PipelineOptions flink() {
    FlinkPipelineOptions flink = PipelineOptionsFactory.as(FlinkPipelineOptions.class);
    flink.setRunner(FlinkRunner.class);
    flink.setFlinkMaster("[local]");
    flink.setParallelism(2);
    return flink;
  }

  /** An element as one deterministic line: its coder bytes in Base64, after a prefix. */
  public static final class CoderLine<T> extends SimpleFunction<T, String> {
    private final Coder<T> coder;
    private final String prefix;

    public CoderLine(Coder<T> coder, String prefix) {
      this.coder = coder;
      this.prefix = prefix;
    }

    @Override
    public String apply(T element) {
      try {
        return prefix + Base64.getEncoder().encodeToString(
            CoderUtils.encodeToByteArray(coder, element));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** Adds every line to the sink of a run; name runs uniquely across tests. */
  public static final class Collect extends DoFn<String, Void> {
    private final String run;

    public Collect(String run) {
      this.run = run;
    }

    @ProcessElement
    public void process(@Element String line) {
      SINK.computeIfAbsent(run, k -> new ConcurrentLinkedQueue<>()).add(line);
    }
  }

  /** The lines collected for a run, sorted. */
  public static List<String> collected(String run) {
    List<String> lines = new ArrayList<>(SINK.getOrDefault(run, new ConcurrentLinkedQueue<>()));
    lines.sort(null);
    return lines;
  }
}
