package io.logdex.transforms;

import java.io.IOException;

/**
 * A build option whose value the build cannot use (say, a --tempLocation on another file system
 * than the output), found before the build changes anything. The command line reports it as a
 * usage error, exit 2: the fix is in the command, not in the input.
 */
public final class BuildOptionException extends IOException {
  private static final long serialVersionUID = 1L;

  public BuildOptionException(String message) {
    super(message);
  }
}
