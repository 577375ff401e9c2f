package io.logdex.format.index;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A final file written under a temporary name and renamed into place once complete and synced,
 * so a crashed or retried writer never leaves a half-written file under the final name.
 */
final class StagedFile {
  final Path target;
  final Path temp;

  StagedFile(Path dir, String name) throws IOException {
    this.target = dir.resolve(name);
    this.temp = Files.createTempFile(dir, "." + name + ".", ".tmp");
  }

  void commit() throws IOException {
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  void abort() {
    try {
      Files.deleteIfExists(temp);
    } catch (IOException ignored) {
      // Best effort: a leftover temp file is harmless and named as one.
    }
  }
}
