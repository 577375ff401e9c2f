package io.logdex.pipelines;

import io.logdex.format.FormatException;
import io.logdex.transforms.BuildFailedException;
import io.logdex.transforms.ObjectFiles;
import java.util.List;

/** Why a build job failed, in the words of the logdex error under the runner's wrappers. */
final class BuildFailures {
  private BuildFailures() {}

  /**
   * The message of the first logdex error in the cause chain (a failure policy verdict or a format
   * error naming file and offset), else of the innermost cause: runners wrap what a DoFn threw in
   * exceptions of their own whose messages repeat it with class names, and Flink sends a remote
   * one as a serialized copy ({@link CauseChain} restores it).
   */
  static String reason(Throwable t) {
    List<Throwable> chain = CauseChain.of(t);
    for (Throwable c : chain) {
      if (c instanceof BuildFailedException || c instanceof FormatException || c instanceof ObjectFiles.TransferException) {
        return oneLine(c.getMessage());
      }
    }
    Throwable innermost = chain.get(chain.size() - 1);
    String m = innermost.getMessage();
    return oneLine(m == null || m.isBlank() ? "the build job failed" : m);
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ');
  }
}
