package io.logdex.transforms;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A build's scratch directory: its chunk attempts, term and doc runs and merge temporaries. It
 * lives under {@code --tempLocation} (as in Beam: a location every worker can read, since a
 * partition's runs are merged on whichever worker gets it), by default {@code OUTPUT/.tmp/}, and
 * never inside a generation. The pending manifest names it before it is created, so a crashed
 * build's scratch is removed by the next build's recovery; nothing else under --tempLocation is
 * ever deleted. This is a local output's; an object-store output's scratch is a prefix under
 * --tempLocation's URL of the same name ({@link ObjectStoreTarget}).
 */
final class ScratchDir {
  /** The default --tempLocation, a name logdex reserves in its output directory. */
  static final String DEFAULT = ".tmp";
  private static final Pattern NAME =
      Pattern.compile("logdex-g\\d{6}-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private ScratchDir() {}

  /**
   * Where builds into the local outputDir put their scratch directories: tempLocation, else {@code
   * OUTPUT/.tmp}. An object-store tempLocation is refused rather than passed over: a local build
   * renames its scratch files into the output, which needs one file system (an object-store
   * output takes one: {@link ObjectStoreTarget}).
   */
  static Path base(Path outputDir, String tempLocation) throws BuildOptionException {
    if (tempLocation == null || tempLocation.isEmpty()) return outputDir.resolve(DEFAULT);
    String scheme = LocalOutput.schemeOf(tempLocation);
    if (scheme != null && !scheme.equalsIgnoreCase("file")) {
      throw new BuildOptionException("--tempLocation=" + tempLocation + " is an object store, but the output "
          + outputDir + " is a local directory, whose build renames its scratch files into it; give a local"
          + " --tempLocation on the output's file system, or none (scratch then goes to " + outputDir.resolve(DEFAULT)
          + "), or build into an object store");
    }
    return (scheme == null ? Path.of(tempLocation) : Path.of(java.net.URI.create(tempLocation)))
        .toAbsolutePath().normalize();
  }

  /** A new scratch directory's name for the build writing generation. */
  static String name(String generation) {
    return "logdex-" + generation + "-" + UUID.randomUUID();
  }

  /** Whether a pending manifest's scratch path is one logdex made (so may delete). */
  static boolean isScratchPath(String path) {
    Path p = Path.of(path);
    return p.isAbsolute() && p.normalize().equals(p) && p.getFileName() != null
        && NAME.matcher(p.getFileName().toString()).matches();
  }

  /**
   * Refuses, before the build changes anything, a scratch base inside one of the output's
   * generations, or on another file system than the output: chunk attempts are renamed from
   * scratch into the generation, and only a rename within one file system is atomic. Copying
   * instead would need a second temporary inside the generation, which a killed attempt would
   * leave in the committed output.
   */
  static void check(Path base, Path outputDir) throws IOException {
    if (base.startsWith(outputDir) && !base.equals(outputDir)
        && Generations.isGenerationName(outputDir.relativize(base).getName(0).toString())) {
      // A generation's contents are what its manifest says; scratch there could be committed or retired.
      throw new BuildOptionException("--tempLocation=" + base + " is inside a generation of the output " + outputDir
          + "; give a directory outside it, or none (scratch then goes to " + outputDir.resolve(DEFAULT) + ")");
    }
    Path existing = base;
    while (existing != null && !Files.exists(existing)) existing = existing.getParent();
    if (existing == null || Files.getFileStore(existing).equals(Files.getFileStore(outputDir))) return;
    throw new BuildOptionException("--tempLocation=" + base + " is on another file system than the output " + outputDir
        + ": a build renames its scratch files into the output, which needs one file system;"
        + " give a --tempLocation on the output's file system, or none (scratch then goes to "
        + outputDir.resolve(DEFAULT) + ")");
  }

  /**
   * Deletes a scratch directory the pending manifest named, then the default base {@code
   * OUTPUT/.tmp} if that left it empty; a user's --tempLocation itself is never removed.
   */
  static void remove(Path outputDir, Path scratch) throws IOException {
    Generations.deleteTree(scratch);
    Path base = outputDir.resolve(DEFAULT);
    if (base.equals(scratch.getParent()) && Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
      try {
        Files.deleteIfExists(base);
      } catch (DirectoryNotEmptyException e) {
        // another build's scratch (or something of the user's): not ours to remove
      }
    }
  }
}
