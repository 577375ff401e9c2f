package io.logdex.transforms;

import io.logdex.format.FormatException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The output directory's generations. A build writes everything into a new directory {@code
 * gNNNNNN} and then switches to it by atomically replacing {@code manifest.json}, which names the
 * generation; only after that is the previous generation deleted. A crash at any moment therefore
 * leaves either the old manifest and its generation or the new ones, plus perhaps a stray
 * directory that the next build removes before it starts.
 */
public final class Generations {
  public static final String MANIFEST = "manifest.json";
  private static final Pattern NAME = Pattern.compile("g\\d{6}");
  private static final String TEMP_PREFIX = "." + MANIFEST + ".";
  private static final String TEMP_SUFFIX = ".tmp";

  private Generations() {}

  public static String name(int number) {
    if (number < 1 || number > 999_999) throw new IllegalArgumentException("generation " + number);
    return String.format(Locale.ROOT, "g%06d", number);
  }

  public static int number(String name) throws FormatException {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new FormatException("not a generation name: " + name, MANIFEST, -1);
    }
    return Integer.parseInt(name.substring(1));
  }

  public static boolean isGenerationName(String name) {
    return NAME.matcher(name).matches();
  }

  /**
   * Deletes every generation directory but keep (null: all of them) and leftover temporary
   * manifests: what a crashed or failed build left behind. Returns what it deleted.
   */
  public static List<String> removeStray(Path outputDir, String keep) throws IOException {
    List<String> removed = new ArrayList<>();
    if (!Files.isDirectory(outputDir)) return removed;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(outputDir)) {
      for (Path p : ds) {
        String n = p.getFileName().toString();
        boolean strayGeneration = isGenerationName(n) && !n.equals(keep) && Files.isDirectory(p);
        boolean strayTemp = n.startsWith(TEMP_PREFIX) && n.endsWith(TEMP_SUFFIX);
        if (strayGeneration || strayTemp) {
          deleteTree(p);
          removed.add(n);
        }
      }
    }
    removed.sort(null);
    return removed;
  }

  /**
   * Makes manifest the output's manifest.json, atomically, provided the current one still names
   * expectedPrevious (null: there is none). The check guards against a concurrent build having
   * committed meanwhile; it is not a lock.
   */
  public static void publish(Path outputDir, byte[] manifest, String expectedPrevious)
      throws IOException {
    Path temp = outputDir.resolve(TEMP_PREFIX + UUID.randomUUID() + TEMP_SUFFIX);
    try {
      try (FileChannel ch =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(manifest);
        while (b.hasRemaining()) ch.write(b);
        ch.force(true);
      }
      String current = BuildManifest.currentGeneration(outputDir);
      if (!Objects.equals(current, expectedPrevious)) {
        throw new IOException(
            "the output " + outputDir + " now holds generation " + current + ", not "
                + expectedPrevious + " as when this build started: another build committed meanwhile");
      }
      try {
        Files.move(temp, outputDir.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException("the output's file system cannot rename atomically: " + outputDir, e);
      }
      syncDirectory(outputDir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Fsyncs a directory so a rename in it survives a crash (a no-op where not supported). */
  static void syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open or force a directory; the rename itself is still atomic.
    }
  }

  /** Deletes a file or a directory and everything in it; missing is fine. */
  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
        if (exc instanceof NoSuchFileException) return FileVisitResult.CONTINUE;
        throw exc;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
        if (exc != null && !(exc instanceof NoSuchFileException)) throw exc;
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
