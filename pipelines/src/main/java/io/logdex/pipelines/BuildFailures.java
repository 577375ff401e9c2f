package io.logdex.pipelines;

import io.logdex.format.FormatException;
import io.logdex.transforms.BuildFailedException;

/** Why a build job failed, in the words of the logdex error under the runner's wrappers. */
final class BuildFailures {
  private BuildFailures() {}

  /**
   * The message of the first logdex error in the cause chain (a failure policy verdict or a format
   * error naming file and offset), else of the innermost cause: runners wrap what a DoFn threw in
   * exceptions of their own whose messages repeat it with class names.
   */
  static String reason(Throwable t) {
    Throwable innermost = t;
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c instanceof BuildFailedException || c instanceof FormatException) return oneLine(c.getMessage());
      innermost = c;
    }
    String m = innermost.getMessage();
    return oneLine(m == null || m.isBlank() ? "the build job failed" : m);
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }
}
