package io.logdex.transforms;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps two builds out of one output directory. Planning deletes stray generations, so a second
 * build started while one runs would delete the first one's unfinished generation; the commit's
 * check only catches the other order. The lock is an OS lock on {@code DIR/.lock}: the kernel
 * drops it when the holding process dies, even by {@code kill -9}, so there is never a stale lock
 * to clean up. The file stays, empty (so outputs stay byte-identical between runs), and is never
 * deleted: deleting a lock file races with a new holder.
 *
 * <p>Java's file locks belong to the whole JVM, so builds planned in one JVM share one lock,
 * counted: tests and user pipelines that plan several builds in one process keep working, and the
 * lock goes when the last of them is released (or the JVM exits).
 */
public final class BuildLock implements AutoCloseable {
  public static final String FILE = ".lock";
  private static final Map<Path, Held> HELD = new HashMap<>();

  private final Path dir;
  private boolean released;

  private BuildLock(Path dir) {
    this.dir = dir;
  }

  /** Takes the output directory's lock, or fails at once naming the process that holds it. */
  public static BuildLock acquire(Path outputDir) throws IOException {
    Path dir = outputDir.toAbsolutePath().normalize();
    synchronized (HELD) {
      Held h = HELD.get(dir);
      if (h == null) {
        h = Held.take(dir);
        HELD.put(dir, h);
      }
      h.count++;
    }
    return new BuildLock(dir);
  }

  /** Releases this holder's share of the lock; idempotent. */
  @Override
  public void close() throws IOException {
    synchronized (HELD) {
      if (released) return;
      released = true;
      Held h = HELD.get(dir);
      if (h != null && --h.count == 0) {
        HELD.remove(dir);
        h.release();
      }
    }
  }

  private static final class Held {
    final FileChannel channel;
    final FileLock lock;
    int count;

    private Held(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    static Held take(Path dir) throws IOException {
      Path file = dir.resolve(FILE);
      FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = ch.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      } catch (IOException e) {
        ch.close();
        throw e;
      }
      if (lock == null) {
        ch.close();
        throw new IOException("another build is running in " + dir + " (" + file
            + " is locked by another process); wait for it to end");
      }
      return new Held(ch, lock);
    }

    void release() throws IOException {
      try {
        lock.release();
      } finally {
        channel.close();
      }
    }
  }
}
