package io.logdex.cli;

/** The command line's exit codes; scripts and scheduled jobs branch on them. */
public final class ExitCode {
  public static final int OK = 0;
  /** The answer is "no such thing": an unknown path, no hits, no entry at that position. */
  public static final int NOT_FOUND = 1;
  public static final int USAGE = 2;
  /** Bad input or a corrupt file. */
  public static final int BAD_INPUT = 3;
  /**
   * A bug in logdex, or the JVM gave out (stack, memory): "internal error: ...; please report it".
   * LOGDEX_DEBUG=1 prints the stack trace as well.
   */
  public static final int INTERNAL = 4;

  /** The codes as every {@code --help} (and the README) lists them. */
  static final String IN_WORDS = "Exit codes: 0 ok, 1 not found (no match), 2 usage, 3 bad input, 4 internal error\n"
      + "(" + Main.DEBUG_VARIABLE + "=1 prints its stack trace).\n";

  private ExitCode() {}
}
