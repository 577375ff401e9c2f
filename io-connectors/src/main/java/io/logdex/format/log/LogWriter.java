package io.logdex.format.log;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Appends records to a new log file. The file becomes visible only when complete: records go to
 * {@code <name>.inprogress} in the same directory, and {@link #close} fsyncs it, renames it
 * atomically to its name and fsyncs the directory. {@link #abort} deletes the temporary file.
 *
 * <p>Appends are serialized, so concurrent callers each get a distinct position and their records
 * never interleave; with {@link Durability#FSYNC_EACH} they share fsyncs (group commit). Memory is
 * one block (or one zstd frame), however many records are written.
 *
 * <p>After any I/O failure the writer refuses further work: close then throws and leaves the
 * temporary file for {@link LogRecovery}; abort deletes it.
 */
public final class LogWriter implements Closeable {
  public static final String IN_PROGRESS_SUFFIX = ".inprogress";

  private enum State { OPEN, FAILED, CLOSED, ABORTED }

  private final Path target;
  private final Path temp;
  private final LogWriterOptions options;
  private final FileChannel channel;
  private final LogEncoder encoder;
  private final Object syncLock = new Object();
  private State state = State.OPEN;
  private Throwable failure;
  private int sinceSync;
  private volatile long flushedEnd;
  private long syncedEnd; // guarded by syncLock

  private LogWriter(Path target, Path temp, LogWriterOptions options, FileChannel channel)
      throws IOException {
    this.target = target;
    this.temp = temp;
    this.options = options;
    this.channel = channel;
    this.encoder =
        new LogEncoder(
            Channels.newOutputStream(channel), options.blockSize(), options.compression(),
            options.zstdLevel(), options.zstdFrameSize());
  }

  public static LogWriter create(Path target) throws IOException {
    return create(target, LogWriterOptions.defaults());
  }

  /**
   * @throws FileAlreadyExistsException if target exists (unless replaceExisting), or its
   *     temporary file does: another writer is at work, or one crashed and left it for recovery
   */
  public static LogWriter create(Path target, LogWriterOptions options) throws IOException {
    Path abs = target.toAbsolutePath();
    if (!options.replaceExisting() && Files.exists(abs)) {
      throw new FileAlreadyExistsException(abs.toString(), null, "log already exists");
    }
    Path temp = abs.resolveSibling(abs.getFileName() + IN_PROGRESS_SUFFIX);
    FileChannel ch;
    try {
      ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    } catch (FileAlreadyExistsException e) {
      throw new FileAlreadyExistsException(
          temp.toString(), null,
          "another writer is writing " + abs + ", or one crashed (recover or delete the file)");
    }
    try {
      return new LogWriter(abs, temp, options, ch);
    } catch (IOException | RuntimeException e) {
      ch.close();
      Files.deleteIfExists(temp);
      throw e;
    }
  }

  public Path target() {
    return target;
  }

  /** Where records are written until close. */
  public Path tempFile() {
    return temp;
  }

  public LogWriterOptions options() {
    return options;
  }

  public long append(byte[] payload) throws IOException {
    return append(payload, 0, payload.length);
  }

  /** Appends one record and returns its position, durable as the options say when this returns. */
  public long append(byte[] payload, int off, int len) throws IOException {
    long pos;
    long end;
    boolean sync;
    synchronized (this) {
      ensureOpen();
      try {
        pos = encoder.append(payload, off, len);
        sync = afterAppend();
        end = flushedEnd;
      } catch (IOException | RuntimeException e) {
        fail(e);
        throw e;
      }
    }
    if (sync) syncTo(end);
    return pos;
  }

  /**
   * Appends a record of exactly length bytes read from in, holding at most one block of it. Other
   * appenders wait meanwhile. If in ends early or fails, the writer fails (the log would hold a
   * partial record).
   */
  public long append(InputStream in, long length) throws IOException {
    long pos;
    long end;
    boolean sync;
    synchronized (this) {
      ensureOpen();
      try {
        pos = encoder.append(in, length);
        sync = afterAppend();
        end = flushedEnd;
      } catch (IOException | RuntimeException e) {
        fail(e);
        throw e;
      }
    }
    if (sync) syncTo(end);
    return pos;
  }

  /** Records appended so far. */
  public synchronized long records() {
    return encoder.records();
  }

  /** Uncompressed log bytes written so far: where the next record would go, padding aside. */
  public synchronized long position() {
    return encoder.position();
  }

  /** Hands buffered records to the operating system and fsyncs them now, whatever the options. */
  public void sync() throws IOException {
    long end;
    synchronized (this) {
      ensureOpen();
      try {
        encoder.flush();
        flushedEnd = encoder.position();
        end = flushedEnd;
      } catch (IOException e) {
        fail(e);
        throw e;
      }
    }
    syncTo(end);
  }

  /**
   * Finishes the log, fsyncs it, renames it into place and fsyncs the directory. Does nothing if
   * already closed or aborted.
   */
  @Override
  public synchronized void close() throws IOException {
    if (state == State.CLOSED || state == State.ABORTED) return;
    if (state == State.FAILED) {
      throw new IOException(
          "log writer for " + target + " failed earlier; its partial output stays at " + temp
              + " for LogRecovery, or abort() deletes it", failure);
    }
    try {
      encoder.finish();
      channel.force(true);
      channel.close();
      if (!options.replaceExisting() && Files.exists(target)) {
        throw new FileAlreadyExistsException(target.toString(), null,
            "appeared while the log was being written; the new log stays at " + temp);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      FileSync.directory(target.getParent());
      state = State.CLOSED;
    } catch (IOException | RuntimeException e) {
      fail(e);
      throw e;
    }
  }

  /** Deletes the temporary file; the target is left as it was. Does nothing after close. */
  public synchronized void abort() throws IOException {
    if (state == State.CLOSED || state == State.ABORTED) return;
    state = State.ABORTED;
    encoder.discard();
    try {
      channel.close();
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private boolean afterAppend() throws IOException {
    switch (options.durability()) {
      case NONE:
        return false;
      case FSYNC_BATCH:
        if (++sinceSync < options.syncEvery()) return false;
        sinceSync = 0;
        break;
      case FSYNC_EACH:
        break;
    }
    encoder.flush();
    flushedEnd = encoder.position();
    return true;
  }

  /** Forces the file unless an fsync that began after end was flushed has already covered it. */
  private void syncTo(long end) throws IOException {
    synchronized (syncLock) {
      if (syncedEnd >= end) return;
      long covered = flushedEnd; // read before force: everything flushed up to here is covered
      try {
        channel.force(false);
      } catch (ClosedChannelException e) {
        synchronized (this) {
          if (state == State.CLOSED) return; // close fsynced everything
        }
        throw e;
      } catch (IOException e) {
        synchronized (this) {
          fail(e);
        }
        throw e;
      }
      syncedEnd = covered;
    }
  }

  private void ensureOpen() {
    if (state != State.OPEN) {
      throw new IllegalStateException("log writer for " + target + " is " + state.name().toLowerCase(java.util.Locale.ROOT), failure);
    }
  }

  private void fail(Throwable e) {
    if (state == State.OPEN) {
      state = State.FAILED;
      failure = e;
    }
  }
}
