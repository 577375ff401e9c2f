package io.logdex.cli;

import io.logdex.format.Elide;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The {@code logdex} command line. Errors go to stderr on one line, worded by {@link ErrorReport};
 * exit codes are in {@link ExitCode}.
 */
public final class Main {
  /** Set in the environment, LOGDEX_DEBUG=1 adds the stack trace after an error's line. */
  static final String DEBUG_VARIABLE = "LOGDEX_DEBUG";

  private final Map<String, Command> commands = new LinkedHashMap<>();
  private final boolean debug;

  Main(List<Command> all) {
    this(all, "1".equals(System.getenv(DEBUG_VARIABLE)));
  }

  Main(List<Command> all, boolean debug) {
    for (Command c : all) commands.put(c.name(), c);
    this.debug = debug;
  }

  public static void main(String[] argv) {
    boolean debug = "1".equals(System.getenv(DEBUG_VARIABLE));
    if (!debug) quietRunnerLogs();
    PrintStream out =
        new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
            false,
            StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    // A thread other than main that dies would get the JVM's "Exception in thread" stack trace.
    Thread.setDefaultUncaughtExceptionHandler((thread, t) -> {
      err.println("logdex: " + ErrorReport.of(t).message());
      if (debug) t.printStackTrace(err);
    });
    int code = new Main(Commands.all(), debug).run(Arrays.asList(argv), out, err);
    // stdout closed early (e.g. piped into head) is not the command's failure: checkError is not
    // consulted.
    out.flush();
    System.exit(code);
  }

  /**
   * Flink logs a failed task's stack trace at WARN and the FlinkRunner the job's at ERROR, and
   * Beam's GCS file system warns with a stack trace when it has no credentials, all before the
   * one line the command prints for the failure; only LOGDEX_DEBUG=1 shows them. Set before the
   * first logger exists; a level given with -D (JAVA_OPTS) is kept.
   */
  private static void quietRunnerLogs() {
    Map<String, String> levels = Map.of(
        "org.apache.flink", "off", "org.apache.beam.runners.flink", "off", "org.apache.beam", "error", "com.google", "error");
    levels.forEach((logger, level) -> {
      String key = "org.slf4j.simpleLogger.log." + logger;
      if (System.getProperty(key) == null) System.setProperty(key, level);
    });
  }

  int run(List<String> argv, PrintStream out, PrintStream err) {
    ParseResult top;
    try {
      top = PicocliFactory.commandLine(topLevel()).parseArgs(argv.toArray(new String[0]));
    } catch (ParameterException e) {
      err.println("logdex: " + CommandOptions.inWords(e, false, argv) + " (try logdex --help)");
      return ExitCode.USAGE;
    }
    if (top.isVersionHelpRequested()) {
      out.print(Version.text());
      return ExitCode.OK;
    }
    List<String> words = top.matchedPositionals().isEmpty() ? List.of() : top.matchedPositionals().get(0).stringValues();
    if (words.isEmpty() || top.isUsageHelpRequested() || words.get(0).equals("help")) {
      (words.isEmpty() && !top.isUsageHelpRequested() ? err : out).print(overview());
      return words.isEmpty() && !top.isUsageHelpRequested() ? ExitCode.USAGE : ExitCode.OK;
    }
    Command c = commands.get(words.get(0));
    if (c == null) {
      err.println("logdex: unknown command '" + oneLine(words.get(0)) + "' (try logdex --help)");
      return ExitCode.USAGE;
    }
    List<String> rest = words.subList(1, words.size());
    try {
      return c.run(rest, out, err);
    } catch (HelpRequested h) {
      try {
        c.help(h.topic(), out);
        return ExitCode.OK;
      } catch (Throwable t) {
        return failed(c, t, err);
      }
    } catch (Throwable t) { // errors too: a StackOverflowError is one line, not a stack trace
      return failed(c, t, err);
    }
  }

  private int failed(Command c, Throwable t, PrintStream err) {
    ErrorReport r = ErrorReport.of(t);
    err.println("logdex " + c.name() + ": " + r.message() + (r.usage() ? " (try logdex " + c.name() + " --help)" : ""));
    if (debug) t.printStackTrace(err);
    return r.exitCode();
  }

  /** logdex's own options, then the command's name and its words, which the command parses. */
  private static CommandSpec topLevel() {
    CommandSpec spec = PicocliFactory.spec();
    spec.addOption(OptionSpec.builder("--help", "-h").usageHelp(true).build());
    spec.addOption(OptionSpec.builder("--version", "-V").versionHelp(true).build());
    spec.addPositional(PositionalParamSpec.builder().index("0..*").arity("0..*").type(List.class).auxiliaryTypes(String.class).build());
    // Everything from the command's name on is the command's: "logdex search -n 3 x".
    spec.parser().stopAtPositional(true).unmatchedOptionsAllowedAsOptionParameters(false).expandAtFiles(false);
    return spec;
  }

  /** s on one line and elided in the middle, for echoing what a user typed or a file holds. */
  static String oneLine(String s) {
    return s == null ? "" : Elide.forMessage(s, Elide.DEFAULT_MAX_BYTES);
  }

  private String overview() {
    StringBuilder sb = new StringBuilder("usage: logdex [-h|--help] [-V|--version] COMMAND [options]\n\ncommands:\n");
    for (Command c : commands.values()) {
      sb.append(String.format("  %-10s %s%n", c.name(), c.summary()));
    }
    sb.append("\n'logdex COMMAND --help' (or -h) describes one; 'logdex --version' (-V) prints the versions.\n"
        + "Options take their value as --name=value or --name value; on a query command (search, get,\n"
        + "read-at, stats) they come before the query, and '--' ends them.\n"
        + ExitCode.IN_WORDS);
    return sb.toString();
  }
}
