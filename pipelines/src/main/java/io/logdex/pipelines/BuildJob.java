package io.logdex.pipelines;

import io.logdex.format.log.LogCompression;
import io.logdex.io.common.DocumentFormat;
import io.logdex.io.oplog.BadRecordPolicy;
import io.logdex.transforms.BuildConfig;
import io.logdex.transforms.BuildFailedException;
import io.logdex.transforms.BuildIndex;
import io.logdex.transforms.BuildManifest;
import io.logdex.transforms.BuildPlan;
import io.logdex.transforms.BundleOptions;
import io.logdex.transforms.FailurePolicy;
import io.logdex.transforms.LiveProgress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.joda.time.Duration;

/**
 * Runs {@link BuildIndex} as a job of its own: options to config, the pipeline, progress while it
 * runs, and the committed manifest. run() is called on a thread of its own, since Flink's batch
 * runner blocks in it until the job ends; meanwhile the launcher samples the in-process counters
 * (DirectRunner, Flink's local cluster) or a remote Flink cluster's REST API, and, once run() has
 * returned a result, the job's metrics.
 */
public final class BuildJob {
  private BuildJob() {}

  /** Told of the build's phases while the job runs, on the launcher's thread. */
  public interface ProgressListener {
    /** The running phase's figures, every {@link #intervalMillis()}. */
    void progress(BuildProgress.Snapshot s);

    /** A phase ended (plan, ingest, merge, commit, in order), with the figures it ended with. */
    default void phaseEnded(BuildProgress.Snapshot s) {}

    /**
     * Something the person should know about the progress itself (one line), e.g. that a remote
     * cluster's figures cannot be read. May be called from another thread.
     */
    default void note(String line) {}

    /** How often to sample the job. */
    default long intervalMillis() {
      return 1000;
    }
  }

  /**
   * The launcher's part of a build into an object store ({@link BuildPlan#target()}), whose
   * workers write the generation themselves: no rename commits it, so the launcher claims the
   * generation before the job runs and commits the manifest the job left in scratch.
   */
  public interface ObjectCommit {
    /** Before the job runs: takes the plan's generation number on the store, or fails. */
    void claim(BuildPlan plan) throws IOException;

    /** After the job succeeded: commits the manifest it built; returns it. */
    BuildManifest commit(BuildPlan plan) throws IOException;

    /** After the job failed: removes what it wrote; returns where its dead letters are kept, or null. */
    String abandon(BuildPlan plan, String reason) throws IOException;
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
    DocumentFormat format;
    try {
      format = DocumentFormat.parse(o.getFormat());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--format is auto, json or tony, not " + o.getFormat());
    }
    Map<String, String> recorded = new LinkedHashMap<>();
    recorded.put("oplogs", String.join(",", oplogs));
    recorded.put("snapshots", String.join(",", snapshots));
    recorded.put("output", o.getPublishedOutput() != null ? o.getPublishedOutput() : o.getOutput());
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
    recorded.put("format", format.name().toLowerCase(java.util.Locale.ROOT));
    return new BuildConfig(
        oplogs, snapshots, o.getOutput(), o.getChunkBytes(), o.getPartitions(),
        o.getMaxSubDocumentBytes(), o.getSpillBudgetBytes(), o.getMergeFanIn(), bad, failure, c,
        o.getRunner().getSimpleName(), recorded, format);
  }

  /** The DirectRunner's worker threads and the chunks each bundle works on at once. */
  record DirectShape(int targetParallelism, int bundleThreads) {}

  /**
   * One DirectRunner worker whose bundles work on one chunk per core ({@link BundleOptions}),
   * unless --targetParallelism names a number of workers (then bundles stay as --bundleThreads
   * says, one chunk each by default). Why: the runner's scheduling loop resubmits itself to its own
   * worker pool without ever waiting (ExecutorServiceParallelExecutor runs QuiescenceDriver.drive,
   * which walks every transform's watermarks for fired timers and hashes their maps, then submits
   * itself again), so every worker with no bundle to run spins in it. With one bundle per core,
   * that was a core whenever a chunk or merge ran alone: 22% of a 1M-record build's CPU samples.
   * With one worker, the loop waits in the pool's queue while a bundle runs, and the cores are
   * used by the bundle's own threads. A --targetParallelism equal to Beam's default is taken as not
   * given (so an explicit {@code --targetParallelism=3} on a 1- or 2-core machine also gets this).
   */
  static DirectShape directShape(DirectOptions o, int bundleThreads, int cores) {
    int beamDefault = new DirectOptions.AvailableParallelismFactory().create(o);
    int given = o.getTargetParallelism();
    if (given != beamDefault) return new DirectShape(given, bundleThreads);
    return new DirectShape(1, bundleThreads > 1 ? bundleThreads : Math.max(1, cores));
  }

  /**
   * p.run() on a thread of its own, reporting progress from the in-process counters until it
   * returns (at once on the DirectRunner with blockOnRun=false; at the job's end on Flink batch).
   * What run() throws is thrown here, as it was thrown.
   */
  private static PipelineResult runInBackground(Pipeline p, BuildProgress progress, ProgressListener listener,
      long interval) {
    CompletableFuture<PipelineResult> running = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        running.complete(p.run());
      } catch (Throwable e) {
        running.completeExceptionally(e);
      }
    }, "logdex-build-job");
    t.setDaemon(true);
    t.start();
    while (true) {
      try {
        return running.get(interval, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (listener != null) progress.report(null, false, listener);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while the build job ran", e);
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        if (c instanceof RuntimeException r) throw r;
        if (c instanceof Error err) throw err;
        throw new IllegalStateException(c.getMessage(), c);
      }
    }
  }

  /** Runs the build to its commit and returns the committed manifest. */
  public static BuildManifest run(LogdexBuildOptions options, ProgressListener listener)
      throws IOException {
    return run(options, listener, null);
  }

  /**
   * Runs a build whose output is an object store when objects is not null (--output is then the
   * launcher's stage, --publishedOutput the store's URL), and returns the committed manifest.
   */
  public static BuildManifest run(LogdexBuildOptions options, ProgressListener listener, ObjectCommit objects)
      throws IOException {
    BuildConfig config = config(options);
    // Let run() return at once on the DirectRunner, so progress can be polled; others ignore it.
    DirectOptions direct = options.as(DirectOptions.class);
    direct.setBlockOnRun(false);
    boolean onDirect = DirectRunner.class.equals(options.getRunner());
    if (onDirect) {
      DirectShape shape = directShape(direct, options.getBundleThreads(), Runtime.getRuntime().availableProcessors());
      direct.setTargetParallelism(shape.targetParallelism());
      options.setBundleThreads(shape.bundleThreads());
    }
    Pipeline p = Pipeline.create(options);
    BuildIndex build = BuildIndex.of(config);
    long planStarted = System.nanoTime();
    p.apply("BuildIndex", build); // plans: matches and splits the inputs on the launcher
    long planNanos = System.nanoTime() - planStarted;
    try {
      BuildPlan plan = build.plan();
      if (objects != null) objects.claim(plan);
      if (listener != null) {
        listener.phaseEnded(new BuildProgress.Snapshot(BuildProgress.Phase.PLAN, 0, plan.totalInputBytes(), 0, 0,
            0, plan.chunkCount(), 0, plan.partitions() + 1L, 0, 0, planNanos / 1e9, planNanos / 1e9));
      }
      long started = System.nanoTime();
      PipelineResult.State state = null;
      Throwable failure = null;
      PipelineResult result = null;
      FlinkProgressPoller remote = listener == null ? null : RemoteFlink.poller(options, listener);
      BuildProgress progress = new BuildProgress(plan.totalInputBytes(), plan.chunkCount(), plan.partitions(),
          started, () -> LiveProgress.peek(plan), () -> remote == null ? null : remote.latest());
      long interval = listener == null ? 2000 : Math.max(10, listener.intervalMillis());
      try (remote) {
        result = runInBackground(p, progress, listener, interval);
        while (true) {
          state = result.waitUntilFinish(Duration.millis(interval));
          if (state != null && state.isTerminal()) break;
          if (listener != null) progress.report(result, false, listener);
        }
        if (listener != null && state == PipelineResult.State.DONE) progress.report(result, true, listener);
      } catch (RuntimeException e) {
        failure = e;
      }
      if (options.getPhaseReport() != null && result != null) {
        PhaseReport.write(Path.of(options.getPhaseReport()), result, planNanos, System.nanoTime() - started);
      }
      Path out = Path.of(config.output()).toAbsolutePath().normalize();
      if (objects != null) {
        if (failure == null && state == PipelineResult.State.DONE) return objects.commit(plan);
      } else if (plan.generation().equals(BuildManifest.currentGeneration(out))) {
        return BuildManifest.read(out);
      }
      String reason = failure != null ? BuildFailures.reason(failure)
          : "the build job ended " + (state == null ? "without a state" : state.name().toLowerCase(java.util.Locale.ROOT));
      String kept;
      if (objects != null) {
        kept = objects.abandon(plan, reason);
      } else {
        Path dir = build.abandon(reason);
        kept = dir == null ? null : dir.toString();
      }
      String previous = plan.previousGeneration();
      String where = options.getPublishedOutput() != null ? options.getPublishedOutput() : out.toString();
      throw new BuildFailedException("build failed, nothing committed: " + reason
          + (previous == null ? "" : "; " + where + " still holds " + previous)
          + (kept == null ? "" : "; dead letters kept in " + kept + "/ until a build commits"));
    } finally {
      if (build.plan() != null) LiveProgress.forget(build.plan());
      build.releaseLock();
    }
  }
}
