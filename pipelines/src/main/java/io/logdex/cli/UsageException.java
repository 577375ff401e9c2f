package io.logdex.cli;

/** The command line's words are off; exits with {@link ExitCode#USAGE}. */
public final class UsageException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UsageException(String message) {
    super(message);
  }
}
