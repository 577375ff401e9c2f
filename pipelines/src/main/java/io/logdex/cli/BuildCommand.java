package io.logdex.cli;

import io.logdex.format.Elide;
import io.logdex.pipelines.BuildJob;
import io.logdex.pipelines.LogdexBuildOptions;
import io.logdex.pipelines.store.StagedOutput;
import io.logdex.pipelines.store.StoreException;
import io.logdex.transforms.BuildFailedException;
import io.logdex.transforms.BuildManifest;
import io.logdex.transforms.OutputOwnership;
import io.logdex.format.tree.Node;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.runners.direct.DirectOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/** {@code logdex build}: runs the build pipeline (io.logdex.transforms.BuildIndex) on a Beam runner. */
final class BuildCommand implements Command {
  private static final CommandOptions OPTIONS =
      CommandOptions.passUnknown().value("progress", "MODE");

  @Override
  public String name() {
    return "build";
  }

  @Override
  public String summary() {
    return "index op-logs and snapshots into logs + an inverted/path index (Beam pipeline)";
  }

  @Override
  public String usage() {
    return String.join(
        "\n",
        "usage: logdex build [--snapshots=GLOB[@COMMIT],...] [--oplogs=GLOB,...] --output=DIR [options]",
        "                    [any Beam option]",
        "",
        "Reads op-logs (s3dlio TSV/CSV/JSONL, LogEntry JSONL, any JSONL/TSV; plain or zstd) in",
        "fixed-size chunks, writes each chunk's entries to a log, indexes words, fields and paths;",
        "indexes JSON/Tony snapshots in place, by sub-document (offset, length); and commits a new",
        "generation of DIR atomically (DIR/manifest.json names it). Building into an existing DIR",
        "adds only op-log entries above its maxCommit (and new snapshots), keeping the old ones.",
        "DIR must be new, empty, or a logdex output; anything else is refused (exit 2).",
        "",
        "A build fails (exit 3) and commits nothing, leaving DIR's current generation as it was,",
        "when a snapshot does not parse, an input yields no record, or bad records pass the limits",
        "below; its dead letters stay in DIR/gNNNNNN/dead-letter/ until a build commits.",
        "",
        "  --oplogs=GLOB            op-log files; comma-separated globs, each matching a file",
        "  --snapshots=GLOB[@C]     snapshot files (one JSON/Tony document each), as of commit C",
        "  --output=DIR             the output directory",
        "  --chunkBytes=N           bytes per chunk (default 67108864); part of the output layout",
        "  --partitions=N           term partitions (default: 1 per 256 MiB of input, at least 2",
        "                           from 16 MiB, at most 64)",
        "  --maxSubDocumentBytes=N  snapshots are indexed by their largest nodes of at most N bytes",
        "                           (default 65536); containers above it are documents of their own",
        "  --spillBudgetBytes=N     index memory per chunk before spilling runs (default 64 MiB)",
        "  --mergeFanIn=N           runs per merge pass (default 256)",
        "  --badRecords=skip|fail   skip: dead letters + counts (default); fail: stop at the first",
        "  --maxBadRecordsFraction=F  fail the build when more than F of one input's records are",
        "                           bad (default 0.01)",
        "  --maxBadRecords=N        fail the build when more than N records are bad in all",
        "                           (default -1: no limit)",
        "  --logCompression=zstd|none  logs as seekable zstd, 64 KiB frames (default), or plain",
        "  --format=auto|json|tony  syntax of JSON/Tony inputs: auto (default) strict JSON but Tony",
        "                           wire for names ending .tony (also .tony.zst ...); json or tony for",
        "                           every input. TSV/CSV op-logs go by name either way",
        "  --planThreads=N          threads that plan a big plain JSON snapshot's splits (default 0:",
        "                           one per core from 3 cores, else 1, serial); same splits either way",
        "  --runner=...             default DirectRunner (with --enforceImmutability=false",
        "                           --enforceEncodability=false); e.g. FlinkRunner --flinkMaster=[local]",
        "",
        "Options are Beam pipeline options: --name=value (or --name value where the next word is not",
        "an option; a true/false option takes only true or false that way). 'logdex build --help=beam'",
        "lists Beam's own options (--runner, --targetParallelism, ...), '--help=flink' the FlinkRunner's.",
        "",
        "  --progress=MODE          auto (default): tty on a terminal, else lines; tty: one line",
        "                           redrawn in place; lines: one line per phase (plan, ingest, merge,",
        "                           commit) as it ends; off: none. Progress goes to stderr",
        "",
        "Prints a summary at the end (also in DIR/manifest.json).",
        "");
  }

  /** Beam's (or the FlinkRunner's) options, in Beam's own words, for --help=beam|flink. */
  @Override
  public void help(String topic, PrintStream out) {
    if (topic == null) {
      Command.super.help(null, out);
      return;
    }
    PipelineOptionsFactory.register(LogdexBuildOptions.class);
    switch (topic) {
      case "beam":
        PipelineOptionsFactory.printHelp(out, PipelineOptions.class);
        PipelineOptionsFactory.printHelp(out, DirectOptions.class);
        break;
      case "flink":
        PipelineOptionsFactory.printHelp(out, flinkOptions());
        break;
      default:
        throw new UsageException("--help takes beam or flink, got: " + topic);
    }
    out.println();
    out.println("Give them to logdex build as --name=value, e.g. --runner=FlinkRunner --flinkMaster=[local].");
  }

  /** By name: the Flink runner is a runtime choice of the classpath, not a compile-time one here. */
  @SuppressWarnings("unchecked")
  private static Class<? extends PipelineOptions> flinkOptions() {
    try {
      return (Class<? extends PipelineOptions>) Class.forName("org.apache.beam.runners.flink.FlinkPipelineOptions");
    } catch (ClassNotFoundException e) {
      throw new UsageException("the Flink runner is not on this classpath");
    }
  }

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a = OPTIONS.parse(argv);
    ProgressPrinter progress = ProgressPrinter.of(a.get("progress", "auto"), System.console() != null, err);
    PipelineOptionsFactory.register(LogdexBuildOptions.class);
    List<String> beamArgs = withDefaults(BeamArgs.joined(a.passThrough()));
    LogdexBuildOptions options;
    StagedOutput staged;
    try {
      options = PipelineOptionsFactory.fromArgs(beamArgs.toArray(new String[0])).as(LogdexBuildOptions.class);
      staged = StagedOutput.configure(options);
      BuildJob.config(options);
    } catch (StoreException e) {
      throw new UsageException(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new UsageException(BeamOptionWords.of(e.getMessage(), beamArgs));
    }
    if (staged == null) FileSystems.setDefaultPipelineOptions(options);
    InputPatterns.requireMatches("oplogs", listOrEmpty(options.getOplogs()), false);
    InputPatterns.requireMatches("snapshots", listOrEmpty(options.getSnapshots()), true);
    BuildManifest m;
    try {
      m = staged == null ? BuildJob.run(options, progress) : staged.run(options, progress);
    } catch (BuildFailedException e) {
      endProgress(progress);
      // Made of parts that are each short (the input, its dead letters, the generation kept): the
      // line is kept whole, where a single long path or excerpt would be elided.
      err.println("logdex build: " + Elide.forMessage(e.getMessage(), 4096));
      return ExitCode.BAD_INPUT;
    } catch (RuntimeException e) {
      endProgress(progress);
      // Planning runs inside the pipeline's construction, which wraps what it throws.
      for (Throwable c = e; c != null; c = c.getCause()) {
        if (c instanceof OutputOwnership.NotOwnedException) {
          err.println("logdex build: " + Elide.forMessage(c.getMessage(), 4096));
          return ExitCode.USAGE;
        }
      }
      throw e;
    }
    endProgress(progress);
    printSummary(m, staged == null ? options.getOutput() : staged.url(), out);
    return ExitCode.OK;
  }

  private static void endProgress(ProgressPrinter progress) {
    if (progress != null) progress.end();
  }

  private static List<String> listOrEmpty(List<String> l) {
    return l == null ? List.of() : l;
  }

  /** The DirectRunner unless another is named, without its per-element checks unless asked for. */
  static List<String> withDefaults(List<String> given) {
    List<String> args = new ArrayList<>(given);
    String runner = null;
    for (String s : given) if (s.startsWith("--runner=")) runner = s.substring("--runner=".length());
    if (runner == null) {
      runner = "DirectRunner";
      args.add("--runner=DirectRunner");
    }
    if (runner.equals("DirectRunner") || runner.equals("direct")) {
      if (given.stream().noneMatch(s -> s.startsWith("--enforceImmutability"))) args.add("--enforceImmutability=false");
      if (given.stream().noneMatch(s -> s.startsWith("--enforceEncodability"))) args.add("--enforceEncodability=false");
    }
    return args;
  }

  static void printSummary(BuildManifest m, String output, PrintStream out) {
    Node s = m.node().get("summary");
    Node o = m.node().get("outputs");
    out.printf(Locale.ROOT, "committed %s in %s%n", m.generation(), output);
    out.printf(Locale.ROOT,
        "  read      %d inputs, %s stored (%s decoded), %d records, %d bad records (dead letters), %d skipped%n",
        m.count("inputs"), mb(num(s, "readBytes")), mb(num(s, "decodedBytes")), m.count("inputRecords"),
        m.count("badRecords"), m.count("skipped"));
    out.printf(Locale.ROOT, "  wrote     %d entries in %d logs (%s), %d dead-letter files (%s)%n",
        m.count("entries"), num(o.get("logs"), "files"), mb(num(o.get("logs"), "bytes")),
        num(o.get("deadLetters"), "files"), mb(num(o.get("deadLetters"), "bytes")));
    out.printf(Locale.ROOT, "  index     %d docs, %d terms, %d postings, %d words, %d files (%s)%n",
        m.count("docs"), m.count("terms"), m.count("postings"), m.count("totalWords"),
        num(o.get("index"), "files"), mb(num(o.get("index"), "bytes")));
    out.printf(Locale.ROOT, "  time      %s s, %s MB/s, %s records/s%n",
        s.get("seconds").text(), s.get("mbPerSecond").text(), s.get("recordsPerSecond").text());
  }

  private static long num(Node o, String key) {
    Node v = o == null ? null : o.get(key);
    return v == null || v.kind() != Node.Kind.INTEGER ? 0 : v.longValue();
  }

  static String mb(long bytes) {
    return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
  }
}
