package io.logdex.transforms;

import java.io.IOException;

/**
 * The build read its inputs but must not commit them ({@link FailurePolicy}): the output keeps
 * its current generation. The message is one line for people, naming the input and its dead
 * letters.
 */
public final class BuildFailedException extends IOException {
  private static final long serialVersionUID = 1L;

  public BuildFailedException(String message) {
    super(message);
  }
}
