package io.logdex.cli;

import io.logdex.format.FormatException;
import io.logdex.format.encode.Encoder;
import io.logdex.format.encode.OutputFormat;
import io.logdex.format.encode.Transcoder;
import io.logdex.format.path.KindedPath;
import io.logdex.format.path.MalformedPathException;
import io.logdex.format.token.Tokenizer;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.NodePaths;
import io.logdex.transforms.BuildOutput;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code logdex get}: the value at a kinded path of an indexed snapshot, read by seeking to its
 * bytes. A node inside a sub-document costs one read of that sub-document (64 KiB by default); a
 * container too big to be one is streamed from its exact byte span, in bounded memory.
 */
final class GetCommand implements Command {
  private static final CommandOptions OPTIONS =
      CommandOptions.query().value("index", "DIR").value("to", "FORM").flag("pretty");

  /** Records up to this size are parsed whole; larger ones are containers, streamed. */
  private static final int PARSE_LIMIT = 16 << 20;

  @Override
  public String name() {
    return "get";
  }

  @Override
  public String summary() {
    return "print the value at a kinded path of an indexed snapshot";
  }

  @Override
  public String usage() {
    return String.join(
        "\n",
        "usage: logdex get --index=DIR [--to=json|wire] [--pretty] [--] PATH",
        "",
        "Prints the node at PATH (e.g. 'cluster.name', 'nodes(ip-10-0-1-7)', 'events[3]') from the",
        "snapshot(s) indexed by 'logdex build', reading only that node's bytes. When several",
        "snapshots hold the path, the one with the highest commit wins.",
        "Exit 1 with a message when no snapshot holds the path. A value over 16 MiB, or past the",
        "path-term cap, is streamed from the snapshot through a temp file in java.io.tmpdir:",
        "stdout gets it whole or not at all.",
        "",
        "  --to=json|wire  output form (default json)",
        "  --pretty        indented JSON",
        "",
        "Options come before PATH; '--' ends them, for a PATH that starts with '-'.",
        "");
  }

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a = OPTIONS.parse(argv);
    OutputFormat format = outputFormat(a);
    KindedPath path = parsePath(a.onePositional("PATH"));
    try (BuildOutput output = BuildOutput.open(IndexDirectory.of(a))) {
      SnapshotLookup.Hit hit = SnapshotLookup.findCurrent(output, path);
      Node value = null;
      if (hit != null) {
        // A path too long for a term, or a container too big to parse: stream down to the node.
        boolean seeks = SnapshotLookup.seeksFrom(hit, path);
        if ((seeks && SnapshotLookup.overCap(path)) || (hit.doc().length() > PARSE_LIMIT && hit.recordPath().equals(path))) {
          if (stream(output, hit, path, format, out)) return ExitCode.OK;
          return notFound(path, err);
        }
        if (seeks) {
          // Below its nearest indexed ancestor: walked from there, fewer than T bytes for a node
          // without a term of its own (which is smaller than T itself).
          try {
            value = SnapshotLookup.read(output, hit, path);
          } catch (FormatException e) {
            throw new FormatException(e.reason(), e.source(), e.offset(), e.line(), e.column(),
                underRecord(hit.recordPath(), e.path()), e);
          }
        } else {
          Node record = output.snapshotNode(hit.doc(), PARSE_LIMIT);
          if (record != null) value = NodePaths.get(record, path.relativeTo(hit.recordPath()));
        }
      }
      if (value == null) return notFound(path, err);
      Encoder enc = new Encoder(out, format);
      enc.node(value);
      enc.flush();
      return ExitCode.OK;
    }
  }

  /**
   * Copies the node at path from hit's record, token by token; false when the record lacks it.
   * Streamed from the snapshot's bytes, so it can fail midway (the file changed since the build):
   * through a temp file, so stdout gets it whole or not at all.
   */
  private static boolean stream(BuildOutput output, SnapshotLookup.Hit hit, KindedPath path,
      OutputFormat format, PrintStream out) throws Exception {
    try (WholeOutput whole = new WholeOutput(); Tokenizer t = SnapshotLookup.seek(output, hit, path)) {
      if (t == null) return false;
      Encoder enc = new Encoder(whole.stream(), format);
      Transcoder.copyCurrentValue(t, enc);
      enc.flush();
      whole.copyTo(out);
      return true;
    } catch (FormatException e) {
      throw new FormatException(e.reason(), e.source(), e.offset(), e.line(), e.column(),
          underRecord(hit.recordPath(), e.path()), e);
    }
  }

  /** The tokenizer starts at the record, so the paths it names are relative to the record's. */
  private static String underRecord(KindedPath record, String relative) {
    if (relative == null || relative.isEmpty()) return record.toString();
    try {
      return record.resolve(KindedPath.parse(relative)).toString();
    } catch (IllegalArgumentException unparsable) {
      return record.toString();
    }
  }

  private static int notFound(KindedPath path, PrintStream err) {
    err.println("logdex get: no snapshot in the index holds path \"" + Main.oneLine(path.toString()) + "\"");
    return ExitCode.NOT_FOUND;
  }

  static OutputFormat outputFormat(Args a) {
    String to = a.get("to", "json");
    switch (to) {
      case "json":
        return a.flag("pretty") ? OutputFormat.JSON_PRETTY : OutputFormat.JSON;
      case "wire":
        if (a.flag("pretty")) throw new UsageException("--pretty applies to --to=json only");
        return OutputFormat.WIRE;
      default:
        throw new UsageException("--to takes json or wire, got: " + to);
    }
  }

  /** PATH parsed; a usage error when malformed. */
  static KindedPath parsePath(String text) {
    KindedPath path;
    try {
      path = KindedPath.parse(text);
    } catch (MalformedPathException e) {
      throw new UsageException("bad kinded path: " + e.getMessage());
    }
    return path;
  }
}
