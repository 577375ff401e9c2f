package io.logdex.pipelines;

import io.logdex.format.log.LogCompression;
import io.logdex.io.oplog.BadRecordPolicy;
import io.logdex.transforms.BuildConfig;
import io.logdex.transforms.BuildFailedException;
import io.logdex.transforms.BuildIndex;
import io.logdex.transforms.BuildManifest;
import io.logdex.transforms.BuildPlan;
import io.logdex.transforms.FailurePolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.joda.time.Duration;

/**
 * Runs {@link BuildIndex} as a job of its own: options to config, the pipeline, a progress
 * callback every couple of seconds while it runs (on runners whose run() returns before the job
 * ends: the DirectRunner here; Flink batch blocks in run()), and the committed manifest.
 */
public final class BuildJob {
  private BuildJob() {}

  /** Called with live figures while the job runs. */
  public interface ProgressListener {
    void progress(BuildProgress.Snapshot s);
  }

  public static BuildConfig config(LogdexBuildOptions o) {
    if (o.getOutput() == null || o.getOutput().isEmpty()) {
      throw new IllegalArgumentException("missing --output");
    }
    List<String> oplogs = o.getOplogs() == null ? List.of() : o.getOplogs();
    List<String> snapshots = o.getSnapshots() == null ? List.of() : o.getSnapshots();
    if (oplogs.isEmpty() && snapshots.isEmpty()) {
      throw new IllegalArgumentException("nothing to build: give --oplogs and/or --snapshots");
    }
    BadRecordPolicy bad = switch (o.getBadRecords()) {
      case "skip" -> BadRecordPolicy.SKIP;
      case "fail" -> BadRecordPolicy.FAIL;
      default -> throw new IllegalArgumentException("--badRecords is fail or skip, not " + o.getBadRecords());
    };
    LogCompression c = switch (o.getLogCompression()) {
      case "none" -> LogCompression.NONE;
      case "zstd" -> LogCompression.ZSTD;
      default -> throw new IllegalArgumentException("--logCompression is none or zstd, not " + o.getLogCompression());
    };
    Map<String, String> recorded = new LinkedHashMap<>();
    recorded.put("oplogs", String.join(",", oplogs));
    recorded.put("snapshots", String.join(",", snapshots));
    recorded.put("output", o.getOutput());
    recorded.put("chunkBytes", String.valueOf(o.getChunkBytes()));
    recorded.put("partitions", String.valueOf(o.getPartitions()));
    recorded.put("maxSubDocumentBytes", String.valueOf(o.getMaxSubDocumentBytes()));
    recorded.put("spillBudgetBytes", String.valueOf(o.getSpillBudgetBytes()));
    recorded.put("mergeFanIn", String.valueOf(o.getMergeFanIn()));
    recorded.put("badRecords", o.getBadRecords());
    recorded.put("maxBadRecords", String.valueOf(o.getMaxBadRecords()));
    recorded.put("maxBadRecordsFraction", String.valueOf(o.getMaxBadRecordsFraction()));
    FailurePolicy failure = new FailurePolicy(o.getMaxBadRecords(), o.getMaxBadRecordsFraction());
    recorded.put("logCompression", o.getLogCompression());
    return new BuildConfig(
        oplogs, snapshots, o.getOutput(), o.getChunkBytes(), o.getPartitions(),
        o.getMaxSubDocumentBytes(), o.getSpillBudgetBytes(), o.getMergeFanIn(), bad, failure, c,
        o.getRunner().getSimpleName(), recorded);
  }

  /**
   * The DirectRunner's worker threads: one per core, unless --targetParallelism names another
   * number. Beam's default is max(cores, 3), and the runner's scheduling loop resubmits itself to
   * that same pool without ever waiting (ExecutorServiceParallelExecutor runs QuiescenceDriver.drive,
   * which walks every transform's watermarks for fired timers, then submits itself again): whenever
   * fewer bundles run than there are threads, one thread spins there. On 2 cores a build of 2 chunks
   * ran 2 bundles on 3 threads, and that loop took about a fifth of all CPU samples. With one thread
   * per core the loop only runs while a core has no bundle to run. Other runners ignore the option.
   * A value equal to Beam's default is taken as not given (so an explicit
   * {@code --targetParallelism=3} on a 1- or 2-core machine also becomes one per core).
   */
  static int directParallelism(DirectOptions o, int cores) {
    int beamDefault = new DirectOptions.AvailableParallelismFactory().create(o);
    int given = o.getTargetParallelism();
    return given == beamDefault ? Math.max(1, cores) : given;
  }

  /** Runs the build to its commit and returns the committed manifest. */
  public static BuildManifest run(LogdexBuildOptions options, ProgressListener listener)
      throws IOException {
    BuildConfig config = config(options);
    // Let run() return at once on the DirectRunner, so progress can be polled; others ignore it.
    DirectOptions direct = options.as(DirectOptions.class);
    direct.setBlockOnRun(false);
    direct.setTargetParallelism(directParallelism(direct, Runtime.getRuntime().availableProcessors()));
    Pipeline p = Pipeline.create(options);
    BuildIndex build = BuildIndex.of(config);
    p.apply("BuildIndex", build);
    try {
      BuildPlan plan = build.plan();
      long started = System.nanoTime();
      PipelineResult.State state = null;
      Throwable failure = null;
      try {
        PipelineResult result = p.run();
        BuildProgress progress = new BuildProgress(plan.totalInputBytes(), started);
        while (true) {
          state = result.waitUntilFinish(Duration.standardSeconds(2));
          if (state != null && state.isTerminal()) break;
          if (listener != null) {
            BuildProgress.Snapshot s = progress.sample(result);
            if (s != null) listener.progress(s);
          }
        }
      } catch (RuntimeException e) {
        failure = e;
      }
      Path out = Path.of(config.output()).toAbsolutePath().normalize();
      if (plan.generation().equals(BuildManifest.currentGeneration(out))) {
        return BuildManifest.read(out);
      }
      String reason = failure != null ? BuildFailures.reason(failure)
          : "the build job ended " + (state == null ? "without a state" : state.name().toLowerCase(java.util.Locale.ROOT));
      Path kept = build.abandon(reason);
      String previous = plan.previousGeneration();
      throw new BuildFailedException("build failed, nothing committed: " + reason
          + (previous == null ? "" : "; " + out + " still holds " + previous)
          + (kept == null ? "" : "; dead letters kept in " + kept + "/ until a build commits"));
    } finally {
      build.releaseLock();
    }
  }
}
