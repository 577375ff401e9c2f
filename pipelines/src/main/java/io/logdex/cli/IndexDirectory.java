package io.logdex.cli;

import io.logdex.transforms.LocalOutput;
import java.nio.file.Path;

/** The {@code --index=DIR} of the query commands: a local build output, never a URL read as a path. */
final class IndexDirectory {
  private IndexDirectory() {}

  static Path of(Args a) throws UsageException {
    String value = a.require("index");
    String scheme = LocalOutput.schemeOf(value);
    if (scheme != null) {
      throw new UsageException("--index=" + value + ": indexes are read from a local or mounted file system,"
          + " given as a plain path; " + scheme + ":// is not supported yet");
    }
    return Path.of(value);
  }
}
