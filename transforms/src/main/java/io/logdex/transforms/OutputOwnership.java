package io.logdex.transforms;

import io.logdex.format.FormatException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether logdex may build into a directory: only a new or empty one, or one that holds
 * a logdex manifest (committed or pending). Anything else is somebody's files, and a build there
 * is refused before it creates or deletes anything; there is deliberately no option to force it.
 */
public final class OutputOwnership {
  private OutputOwnership() {}

  /** The directory is not logdex's to write. */
  public static final class NotOwnedException extends IOException {
    private static final long serialVersionUID = 1L;

    NotOwnedException(String message) {
      super(message);
    }
  }

  /**
   * Creates the output directory if it does not exist, or checks that logdex owns it. Throws
   * {@link NotOwnedException} for a foreign directory, a {@link FormatException} for a damaged
   * logdex manifest.
   */
  public static void claim(Path outputDir) throws IOException {
    if (!Files.exists(outputDir, LinkOption.NOFOLLOW_LINKS)) {
      Files.createDirectories(outputDir);
      return;
    }
    if (!Files.isDirectory(outputDir)) {
      throw new NotOwnedException("refusing to build into " + outputDir + ": it is a file, not a directory");
    }
    if (Files.exists(outputDir.resolve(Generations.MANIFEST), LinkOption.NOFOLLOW_LINKS)) {
      try {
        BuildManifest.read(outputDir);
      } catch (BuildManifest.NotABuildManifestException e) {
        throw new NotOwnedException("refusing to build into " + outputDir + ": its manifest.json was not"
            + " written by logdex (" + e.getMessage() + "); build into an empty or new directory");
      }
      return;
    }
    if (Files.exists(outputDir.resolve(PendingBuild.FILE), LinkOption.NOFOLLOW_LINKS)) {
      PendingBuild.read(outputDir);
      return;
    }
    List<String> foreign = new ArrayList<>();
    int count = 0;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(outputDir)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        // An empty lock file is what a first build leaves if it dies before writing anything else.
        if (n.equals(BuildLock.FILE) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.size(p) == 0) {
          continue;
        }
        count++;
        if (foreign.size() < 3) foreign.add(n);
      }
    }
    if (count > 0) {
      foreign.sort(null);
      throw new NotOwnedException("refusing to build into " + outputDir + ": it is not empty and holds no"
          + " logdex manifest (it holds " + String.join(", ", foreign) + (count > foreign.size() ? ", …" : "")
          + "); build into an empty or new directory");
    }
  }
}
