package io.logdex.cli;

import java.io.PrintStream;
import java.util.List;

/** One {@code logdex} sub-command. */
public interface Command {
  /** The word that selects it, e.g. {@code paths}. */
  String name();

  /** One line for the command list. */
  String summary();

  /** The full {@code --help} text. */
  String usage();

  /**
   * Prints the help {@code -h}/{@code --help} asks for: {@link #usage()} and the exit codes; topic
   * is null but for {@code build --help=beam|flink}.
   */
  default void help(String topic, PrintStream out) {
    if (topic != null) throw new UsageException("--help takes no value");
    out.print(usage());
    out.print("\n" + ExitCode.IN_WORDS);
  }

  /**
   * Runs it. Throws {@link UsageException} for bad words, {@link io.logdex.format.FormatException}
   * for bad input; returns an {@link ExitCode}.
   */
  int run(List<String> args, PrintStream out, PrintStream err) throws Exception;
}
