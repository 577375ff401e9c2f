package io.logdex.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A command's output that reaches stdout whole or not at all. A document converted token by token
 * can fail at its last byte, after gigabytes were written; on stdout that would leave the front
 * of a document that a pipe's reader cannot tell from a whole one. So the output goes to a temp
 * file (bounded memory, however big) and is copied to stdout only when the command succeeded.
 * The file is deleted when this is closed, on success and failure alike; it lives in
 * {@code java.io.tmpdir} (set with {@code JAVA_OPTS=-Djava.io.tmpdir=DIR}), which must have room
 * for the output.
 */
final class WholeOutput implements AutoCloseable {
  private final Path file;
  private final FileChannel channel;
  private final OutputStream stream;

  WholeOutput() throws IOException {
    file = Files.createTempFile("logdex-out-", ".tmp");
    FileChannel ch = null;
    try {
      ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } finally {
      if (ch == null) Files.deleteIfExists(file);
    }
    channel = ch;
    stream = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
  }

  /** Where the command writes; nothing of it reaches stdout before {@link #copyTo}. */
  OutputStream stream() {
    return stream;
  }

  /** Copies everything written to out; call once the command has succeeded. */
  void copyTo(OutputStream out) throws IOException {
    stream.flush();
    channel.position(0);
    InputStream in = Channels.newInputStream(channel);
    in.transferTo(out);
    out.flush();
  }

  @Override
  public void close() throws IOException {
    try {
      channel.close();
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
