package io.logdex.transforms;

import io.logdex.format.FormatException;
import io.logdex.format.log.FileSync;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.LinkOption;
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
 * The output directory's generations. A build records its new generation {@code gNNNNNN} in the
 * pending manifest ({@link PendingBuild}), writes everything into it, and switches to it by
 * atomically replacing {@code manifest.json}, which names it and retains the one before (readers
 * that opened the old manifest may still read it). Only then are older generations deleted. A
 * crash at any moment leaves either the old manifest and its generations or the new ones, plus
 * what the pending manifest names for the next build to finish or remove. Nothing is deleted
 * that neither manifest names.
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
   * Settles what earlier builds left and claims a new generation for this build; the caller holds
   * the build lock. A build that committed but died before its clean-up has that clean-up finished;
   * a build that died before committing has its generation and temporary manifest deleted (both
   * named by the pending manifest). Failed builds' generations stay (their dead letters), as do
   * the generations the committed manifest retains. The new generation takes the next number that
   * no directory holds yet, is recorded in the pending manifest, and only then created.
   */
  static PendingBuild begin(Path outputDir, BuildManifest current) throws IOException {
    return begin(outputDir, current, outputDir.resolve(ScratchDir.DEFAULT));
  }

  /**
   * {@link #begin(Path, BuildManifest)} with the build's scratch directory under scratchBase
   * (see {@link ScratchDir}): named in the pending manifest, then created with the generation.
   */
  static PendingBuild begin(Path outputDir, BuildManifest current, Path scratchBase) throws IOException {
    ScratchDir.check(scratchBase, outputDir);
    PendingBuild pending = PendingBuild.read(outputDir);
    if (pending == null) pending = PendingBuild.none();
    String committed = current == null ? null : current.generation();
    if (pending.building() != null) {
      if (pending.building().equals(committed)) {
        finish(outputDir, pending, committed);
        pending = PendingBuild.none();
      } else {
        deleteTree(outputDir.resolve(pending.building()));
        if (pending.manifestTemp() != null) Files.deleteIfExists(outputDir.resolve(pending.manifestTemp()));
        if (pending.scratch() != null) ScratchDir.remove(outputDir, Path.of(pending.scratch()));
        pending = pending.building(null, null, null);
      }
    }
    int last = 0;
    List<String> named = new ArrayList<>(pending.generations());
    if (current != null) {
      named.add(committed);
      named.addAll(current.retained());
    }
    for (String g : named) last = Math.max(last, number(g));
    int n = last + 1;
    // A directory of that name that no manifest names is not ours: pass it by, never reuse it.
    while (Files.exists(outputDir.resolve(name(n)), LinkOption.NOFOLLOW_LINKS)) n++;
    String generation = name(n);
    Path scratch = scratchBase.resolve(ScratchDir.name(generation));
    pending = pending.withRetire(current == null ? List.of() : current.retained())
        .building(generation, TEMP_PREFIX + UUID.randomUUID() + TEMP_SUFFIX, scratch.toString());
    pending.write(outputDir);
    Files.createDirectory(outputDir.resolve(generation));
    Files.createDirectories(scratch);
    return pending;
  }

  /**
   * After the commit of {@code committed}: deletes its scratch directory (and the {@code tmp/} that
   * builds before scratch moved to --tempLocation kept inside the generation), the generations the
   * pending manifest retires and those of failed builds (their dead letters served until now),
   * then the pending manifest itself. Idempotent, so a retried commit or the next build can finish
   * it after a crash.
   */
  static void finish(Path outputDir, PendingBuild pending, String committed) throws IOException {
    if (pending.scratch() != null) ScratchDir.remove(outputDir, Path.of(pending.scratch()));
    deleteTree(outputDir.resolve(committed).resolve(BuildPlan.TMP_DIR));
    for (String g : pending.retire()) {
      if (!g.equals(committed)) deleteTree(outputDir.resolve(g));
    }
    for (PendingBuild.Failed f : pending.failed()) deleteTree(outputDir.resolve(f.generation()));
    PendingBuild.remove(outputDir);
  }

  /**
   * Records that the build writing {@code generation} failed and will not commit: its scratch and
   * everything in its generation but its dead letters is deleted; those stay, named in the pending
   * manifest with the reason, until a build commits. Returns the dead-letter directory kept, or
   * null when there was nothing to keep.
   * Does nothing when the output's pending manifest is not that build's (another build's state).
   */
  public static Path abandon(Path outputDir, String generation, String reason) throws IOException {
    PendingBuild pending = PendingBuild.read(outputDir);
    if (pending == null || !generation.equals(pending.building())) return null;
    Path dir = outputDir.resolve(generation);
    Path deadLetters = dir.resolve(BuildPlan.DEAD_LETTER_DIR);
    boolean keep = hasFiles(deadLetters);
    if (keep) {
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
        for (Path p : ds) if (!p.getFileName().toString().equals(BuildPlan.DEAD_LETTER_DIR)) deleteTree(p);
      }
    } else {
      deleteTree(dir);
    }
    if (pending.manifestTemp() != null) Files.deleteIfExists(outputDir.resolve(pending.manifestTemp()));
    if (pending.scratch() != null) ScratchDir.remove(outputDir, Path.of(pending.scratch()));
    pending.failedWith(reason, keep).write(outputDir);
    return keep ? deadLetters : null;
  }

  private static boolean hasFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return false;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      return ds.iterator().hasNext();
    }
  }

  /**
   * Makes manifest the output's manifest.json, atomically, through the temporary name the pending
   * manifest gave this build, provided the current one still names expectedPrevious (null: there
   * is none). The check guards against a concurrent build having committed meanwhile; it is not a
   * lock.
   */
  public static void publish(Path outputDir, byte[] manifest, String expectedPrevious, String tempName)
      throws IOException {
    Path temp = outputDir.resolve(tempName);
    try {
      writeSynced(temp, manifest);
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

  /**
   * Writes bytes as the whole content of file (created or truncated) and fsyncs it: what a
   * manifest's temporary file needs before the rename that publishes it.
   */
  static void writeSynced(Path file, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) ch.write(b);
      ch.force(true);
    }
  }

  /** Fsyncs a directory so a rename in it survives a crash (a no-op where not supported). */
  static void syncDirectory(Path dir) {
    try {
      FileSync.directory(dir);
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
