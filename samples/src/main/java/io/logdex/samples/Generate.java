package io.logdex.samples;

import io.logdex.format.zstd.SeekableZstdWriter;
import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Set;

/**
 * The generator's command line. Same arguments, same bytes, on every run and machine; exit status
 * 0 on success, 1 on an I/O error, 2 on a usage error.
 */
public final class Generate {
  static final int OK = 0;
  static final int IO_ERROR = 1;
  static final int USAGE = 2;

  private static final String USAGE_TEXT = String.join("\n",
      "usage: Generate COMMAND [--name=value ...]   (Generate COMMAND --help for its options)",
      "",
      "commands:",
      "  snapshot         one cluster-state document (JSON or Tony wire) of about --bytes",
      "  snapshot-stream  the same resources as a stream: one document per line",
      "  commitlog        commit-log entries whose diffs change a generated snapshot",
      "  oplog            an s3dlio op-log (TSV or JSONL; plain, one zstd frame, or seekable frames)",
      "  samples          rewrite the committed sample files into --dir",
      "  deep             one document nested --depth levels deep (the depth benchmark)",
      "");

  private static final String SNAPSHOT_HELP = String.join("\n",
      "usage: Generate snapshot --bytes=SIZE --out=FILE|- [--format=json|pretty|wire] [--seed=N]",
      "",
      "  --bytes   document size, e.g. 1g, 200m, 64k (binary units); the result is within one",
      "            event (< 1 KB) below it; minimum 16k",
      "  --format  json (compact, default), pretty (indented JSON) or wire (Tony wire, one line)",
      "  --seed    any integer (default 1); the same seed and size give the same bytes",
      "  --out     output file, or - for standard output",
      "");

  private static final String STREAM_HELP = String.join("\n",
      "usage: Generate snapshot-stream --bytes=SIZE --out=FILE|- [--format=json|wire] [--seed=N]",
      "",
      "  One document per line: {kind: Cluster, spec}, then one Namespace per namespace, one Node",
      "  per node, then Events up to --bytes. json gives JSONL, wire a Tony wire stream.",
      "");

  private static final String COMMITLOG_HELP = String.join("\n",
      "usage: Generate commitlog --commits=N --out=FILE|- [--format=jsonl|tony] [--seed=N]",
      "                          [--snapshot-bytes=SIZE]",
      "",
      "  --commits         number of commits (each has 1 to 3 entries, seq 0..2)",
      "  --format          jsonl: diffs are RFC 7386 merge patches (default);",
      "                    tony: Tony wire stream with !insert/!delete/!replace diffs",
      "  --snapshot-bytes  the --bytes of the snapshot the diffs apply to (with the same --seed);",
      "                    without it, the layout of samples/data/cluster-state.json",
      "");

  private static final String OPLOG_HELP = String.join("\n",
      "usage: Generate oplog --records=N --out=FILE|- [--format=tsv|jsonl] [--zstd=none|single|multi]",
      "                      [--frame-bytes=SIZE] [--cut=any|line] [--seed=N]",
      "",
      "  --records      operations to write (5000000 TSV records are about 1.76 GB uncompressed)",
      "  --format       tsv (s3dlio's 13 columns, default) or jsonl",
      "  --zstd         none, single (one zstd frame at level 1, as s3dlio writes) or multi",
      "                 (independent frames plus a zstd seekable-format seek table);",
      "                 default: single when --out ends in .zst, else none",
      "  --frame-bytes  input bytes per frame for multi (default 1m, at most 1g)",
      "  --cut          any: frames end at exactly --frame-bytes, lines straddle frames (default);",
      "                 line: frames end after the last whole line",
      "");

  private static final String SAMPLES_HELP = String.join("\n",
      "usage: Generate samples --dir=DIR",
      "",
      "  Writes " + String.join(", ", SampleFiles.names()) + " into DIR.",
      "");

  private static final String DEEP_HELP = String.join("\n",
      "usage: Generate deep --depth=N --out=FILE|- [--shape=array|object]",
      "",
      "  array: [[[...\"leaf\"...]]] (2 bytes a level); object: {\"a\":{\"a\":...}} (6 bytes a level)",
      "");

  private Generate() {}

  public static void main(String[] args) {
    OutputStream stdout = new FileOutputStream(FileDescriptor.out);
    System.exit(run(args, stdout, System.err));
  }

  /** Runs one command; {@code stdout} receives the output when --out is "-". */
  static int run(String[] args, OutputStream stdout, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      err.print(USAGE_TEXT);
      return args.length == 0 ? USAGE : OK;
    }
    String command = args[0];
    try {
      switch (command) {
        case "snapshot":
          return snapshot(args, stdout, err, false);
        case "snapshot-stream":
          return snapshot(args, stdout, err, true);
        case "commitlog":
          return commitlog(args, stdout, err);
        case "oplog":
          return oplog(args, stdout, err);
        case "samples":
          return samples(args, err);
        case "deep":
          return deep(args, stdout, err);
        default:
          throw new UsageException("unknown command '" + command + "'");
      }
    } catch (UsageException e) {
      err.println("Generate " + command + ": " + e.getMessage());
      err.println("(Generate " + command + " --help for usage)");
      return USAGE;
    } catch (IOException | RuntimeException e) {
      // Words for people, not the exception's class (java.nio.file.NoSuchFileException: out/x).
      String what = e instanceof java.nio.file.NoSuchFileException ? "no such file: " + e.getMessage()
          : e instanceof java.nio.file.AccessDeniedException ? "permission denied: " + e.getMessage()
          : e.getMessage() == null ? "failed" : e.getMessage();
      err.println("Generate " + command + ": " + io.logdex.format.Elide.forMessage(what, 960));
      return IO_ERROR;
    }
  }

  private static int snapshot(String[] args, OutputStream stdout, PrintStream err, boolean stream)
      throws IOException {
    CliArgs a = CliArgs.parse(args, 1, Set.of("bytes", "format", "seed", "out"));
    if (a.help()) {
      err.print(stream ? STREAM_HELP : SNAPSHOT_HELP);
      return OK;
    }
    long bytes = a.size("bytes", -1);
    if (bytes < 0) {
      throw new UsageException("missing --bytes");
    }
    if (bytes < 16 * 1024) {
      throw new UsageException("--bytes must be at least 16k");
    }
    DocFormat format = DocFormat.parse(a.get("format", "json"));
    if (stream && format == DocFormat.PRETTY_JSON) {
      throw new UsageException("a stream is one document per line: use --format=json or wire");
    }
    long seed = seed(a);
    Layout layout = format == DocFormat.PRETTY_JSON ? Layout.forPrettyBytes(bytes) : Layout.forBytes(bytes);
    return emit(a.require("out"), stdout, err, out -> stream
        ? SnapshotGenerator.writeStream(out, layout, format, seed)
        : SnapshotGenerator.write(out, layout, format, seed));
  }

  private static int commitlog(String[] args, OutputStream stdout, PrintStream err) throws IOException {
    CliArgs a = CliArgs.parse(args, 1, Set.of("commits", "format", "seed", "out", "snapshot-bytes"));
    if (a.help()) {
      err.print(COMMITLOG_HELP);
      return OK;
    }
    long commits = CliArgs.parseCount("commits", a.require("commits"));
    DocFormat format;
    switch (a.get("format", "jsonl")) {
      case "jsonl":
      case "json":
        format = DocFormat.JSON;
        break;
      case "tony":
      case "wire":
        format = DocFormat.WIRE;
        break;
      default:
        throw new UsageException("unknown format '" + a.get("format", "") + "' (expected jsonl or tony)");
    }
    long snapshotBytes = a.size("snapshot-bytes", 0);
    if (a.has("snapshot-bytes") && snapshotBytes < 16 * 1024) {
      throw new UsageException("--snapshot-bytes must be at least 16k");
    }
    Layout layout = a.has("snapshot-bytes") ? Layout.forBytes(snapshotBytes) : Layout.sample();
    long seed = seed(a);
    return emit(a.require("out"), stdout, err, out -> CommitLogGenerator.write(out, layout, commits, format, seed));
  }

  private static int oplog(String[] args, OutputStream stdout, PrintStream err) throws IOException {
    CliArgs a = CliArgs.parse(args, 1, Set.of("records", "format", "zstd", "frame-bytes", "cut", "seed", "out"));
    if (a.help()) {
      err.print(OPLOG_HELP);
      return OK;
    }
    long records = CliArgs.parseCount("records", a.require("records"));
    String outName = a.require("out");
    OpLogGenerator.Format format = choose("format", a.get("format", "tsv"), OpLogGenerator.Format.values());
    String zstd = a.get("zstd", outName.endsWith(".zst") ? "single" : "none");
    OpLogGenerator.Compression compression = choose("zstd", zstd, OpLogGenerator.Compression.values());
    long frameBytes = a.size("frame-bytes", 1 << 20);
    if (frameBytes < 1 || frameBytes > SeekableZstdWriter.MAX_FRAME_SIZE) {
      throw new UsageException("--frame-bytes must be between 1 and 1g");
    }
    if (compression != OpLogGenerator.Compression.MULTI && (a.has("frame-bytes") || a.has("cut"))) {
      throw new UsageException("--frame-bytes and --cut apply to --zstd=multi only");
    }
    OpLogGenerator.Cut cut = choose("cut", a.get("cut", "any"), OpLogGenerator.Cut.values());
    OpLogGenerator.Options options = OpLogGenerator.Options.defaults().records(records).format(format)
        .compression(compression).frameBytes((int) frameBytes).cut(cut).seed(seed(a));
    return emit(outName, stdout, err, out -> OpLogGenerator.write(out, options));
  }

  private static int samples(String[] args, PrintStream err) throws IOException {
    CliArgs a = CliArgs.parse(args, 1, Set.of("dir"));
    if (a.help()) {
      err.print(SAMPLES_HELP);
      return OK;
    }
    Path dir = Paths.get(a.require("dir"));
    SampleFiles.writeAll(dir);
    err.println("wrote " + SampleFiles.names() + " to " + dir);
    return OK;
  }

  private static int deep(String[] args, OutputStream stdout, PrintStream err) throws IOException {
    CliArgs a = CliArgs.parse(args, 1, Set.of("depth", "shape", "out"));
    if (a.help()) {
      err.print(DEEP_HELP);
      return OK;
    }
    long depth = CliArgs.parseCount("depth", a.require("depth"));
    DeepGenerator.Shape shape = choose("shape", a.get("shape", "array"), DeepGenerator.Shape.values());
    return emit(a.require("out"), stdout, err, out -> DeepGenerator.write(out, shape, depth));
  }

  private static long seed(CliArgs a) {
    String s = a.get("seed", "1");
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new UsageException("--seed must be an integer, got '" + s + "'");
    }
  }

  private static <E extends Enum<E>> E choose(String option, String value, E[] choices) {
    for (E e : choices) {
      if (e.name().toLowerCase(Locale.ROOT).equals(value)) {
        return e;
      }
    }
    StringBuilder names = new StringBuilder();
    for (E e : choices) {
      names.append(names.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
    }
    throw new UsageException("--" + option + " must be one of " + names + ", got '" + value + "'");
  }

  private interface Writer {
    long write(OutputStream out) throws IOException;
  }

  /** Runs a generator into the file or stdout and reports size and speed on stderr. */
  private static int emit(String outName, OutputStream stdout, PrintStream err, Writer writer) throws IOException {
    long t0 = System.nanoTime();
    long bytes;
    if (outName.equals("-")) {
      OutputStream out = new BufferedOutputStream(stdout, 1 << 20);
      bytes = writer.write(out);
      out.flush();
    } else {
      Path path = Paths.get(outName);
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20)) {
        bytes = writer.write(out);
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    err.printf(Locale.ROOT, "generated %,d bytes in %.2f s (%.0f MB/s) to %s%n", bytes, seconds,
        bytes / 1e6 / Math.max(seconds, 1e-9), outName);
    return OK;
  }
}
