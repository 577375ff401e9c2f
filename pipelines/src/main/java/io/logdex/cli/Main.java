package io.logdex.cli;

import io.logdex.format.FormatException;
import java.io.BufferedOutputStream;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code logdex} command line. Errors go to stderr on one line; exit codes are in {@link
 * ExitCode}.
 */
public final class Main {
  private final Map<String, Command> commands = new LinkedHashMap<>();

  Main(List<Command> all) {
    for (Command c : all) commands.put(c.name(), c);
  }

  public static void main(String[] argv) {
    PrintStream out =
        new PrintStream(
            new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16),
            false,
            StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    int code = new Main(Commands.all()).run(Arrays.asList(argv), out, err);
    out.flush();
    if (out.checkError() && code == ExitCode.OK) {
      // stdout closed early (e.g. piped into head) is not the command's failure.
      code = ExitCode.OK;
    }
    System.exit(code);
  }

  int run(List<String> argv, PrintStream out, PrintStream err) {
    if (argv.isEmpty() || argv.get(0).equals("--help") || argv.get(0).equals("-h") || argv.get(0).equals("help")) {
      (argv.isEmpty() ? err : out).print(overview());
      return argv.isEmpty() ? ExitCode.USAGE : ExitCode.OK;
    }
    Command c = commands.get(argv.get(0));
    if (c == null) {
      err.println("logdex: unknown command '" + argv.get(0) + "' (try logdex --help)");
      return ExitCode.USAGE;
    }
    List<String> rest = argv.subList(1, argv.size());
    if (rest.contains("--help") || rest.contains("-h")) {
      out.print(c.usage());
      return ExitCode.OK;
    }
    try {
      return c.run(rest, out, err);
    } catch (UsageException e) {
      err.println("logdex " + c.name() + ": " + e.getMessage() + " (try logdex " + c.name() + " --help)");
      return ExitCode.USAGE;
    } catch (FormatException e) {
      err.println("logdex " + c.name() + ": " + oneLine(e.getMessage()));
      return ExitCode.BAD_INPUT;
    } catch (NoSuchFileException | FileNotFoundException e) {
      err.println("logdex " + c.name() + ": no such file: " + oneLine(e.getMessage()));
      return ExitCode.USAGE;
    } catch (Exception e) {
      Throwable root = e;
      while (root.getCause() != null && root.getCause() != root) {
        if (root instanceof FormatException) break;
        root = root.getCause();
      }
      if (root instanceof FormatException) {
        err.println("logdex " + c.name() + ": " + oneLine(root.getMessage()));
        return ExitCode.BAD_INPUT;
      }
      err.println("logdex " + c.name() + ": " + e.getClass().getSimpleName() + ": " + oneLine(String.valueOf(e.getMessage())));
      return ExitCode.BAD_INPUT;
    }
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
  }

  private String overview() {
    StringBuilder sb = new StringBuilder("usage: logdex COMMAND [options]\n\ncommands:\n");
    for (Command c : commands.values()) {
      sb.append(String.format("  %-10s %s%n", c.name(), c.summary()));
    }
    sb.append("\n'logdex COMMAND --help' describes one. Exit codes: 0 ok, 1 not found, 2 usage, 3 bad input.\n");
    return sb.toString();
  }
}
