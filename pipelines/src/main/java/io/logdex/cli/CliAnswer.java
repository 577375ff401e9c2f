package io.logdex.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * A query command's answer as the command line gives it, for {@code logdex serve}: the same
 * command object writes into the given stream, and its error becomes the same one line. So the
 * web API cannot drift from {@code get}, {@code search}, {@code read-at} and {@code stats}.
 */
public final class CliAnswer {
  /** The commands a server may run: read-only ones over an index. */
  private static final Set<String> QUERIES = Set.of("get", "search", "read-at", "stats");

  /** The exit code, and for a non-zero one the line the command line would print. */
  public record Result(int exitCode, String error) {}

  private CliAnswer() {}

  /**
   * Runs a query command with argv (its options, then the caller's values after {@code --}),
   * writing its output to out. Never throws for what the command throws: like {@code Main}, that
   * becomes an exit code and one line.
   */
  public static Result run(String command, List<String> argv, OutputStream out) {
    if (!QUERIES.contains(command)) throw new IllegalArgumentException("not a query command: " + command);
    Command c = Commands.all().stream().filter(x -> x.name().equals(command)).findFirst().orElseThrow();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
    PrintStream o = new PrintStream(out, false, StandardCharsets.UTF_8);
    int code;
    String message = null;
    try {
      code = c.run(argv, o, err);
      o.flush();
    } catch (Throwable t) { // as Main: a StackOverflowError is an answer too, not a dead worker
      ErrorReport r = ErrorReport.of(t);
      code = r.exitCode();
      message = "logdex " + command + ": " + r.message();
    }
    if (message == null && code != ExitCode.OK) {
      String text = errBytes.toString(StandardCharsets.UTF_8).strip();
      message = text.isEmpty() ? "logdex " + command + ": nothing found" : Main.oneLine(text.lines().findFirst().orElse(text));
    }
    return new Result(code, message);
  }
}
