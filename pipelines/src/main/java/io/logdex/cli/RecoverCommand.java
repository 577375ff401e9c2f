package io.logdex.cli;

import io.logdex.format.log.LogRecovery;
import io.logdex.format.log.RecoveryReport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** {@code logdex recover}: cuts a log's torn tail (what a crashed writer leaves) after its last valid record. */
final class RecoverCommand implements Command {
  private static final CommandOptions OPTIONS =
      CommandOptions.of();

  @Override
  public String name() {
    return "recover";
  }

  @Override
  public String summary() {
    return "repair a log whose writer crashed: keep every complete record, drop the torn tail";
  }

  @Override
  public String usage() {
    return String.join(
        "\n",
        "usage: logdex recover FILE.log",
        "",
        "Truncates a plain log in place after its last complete valid record; rewrites a compressed",
        "log that lacks its seek table. Refuses (exit 3, nothing changed) damage that is not a torn",
        "tail: a valid record after the damage, or a compressed log that still has its seek table.",
        "Prints what it did: 'none', 'truncated' or 'rewritten', records kept, bytes dropped.",
        "");
  }

  @Override
  public int run(List<String> argv, PrintStream out, PrintStream err) throws Exception {
    Args a = OPTIONS.parse(argv);
    Path file = Path.of(a.onePositional("FILE.log"));
    if (!java.nio.file.Files.isRegularFile(file)) throw new java.nio.file.NoSuchFileException(file.toString());
    RecoveryReport r = LogRecovery.recover(file);
    out.println(r.action().name().toLowerCase(java.util.Locale.ROOT) + "\t" + r.recordsKept()
        + " records kept, " + r.droppedRecords() + " damaged records and " + r.droppedLogBytes()
        + " log bytes dropped, file " + r.fileBytesBefore() + " -> " + r.fileBytesAfter() + " bytes");
    return ExitCode.OK;
  }
}
