package io.logdex.format.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Makes a rename durable: on POSIX file systems the new name is durable only once its directory is. */
public final class FileSync {
  private FileSync() {}

  /** Forces a directory's entries to disk; throws where the platform cannot open a directory. */
  public static void directory(Path dir) throws IOException {
    if (dir == null) return;
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }
}
