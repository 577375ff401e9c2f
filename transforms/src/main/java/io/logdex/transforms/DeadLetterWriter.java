package io.logdex.transforms;

import io.logdex.format.encode.Encoder;
import io.logdex.format.encode.OutputFormat;
import io.logdex.format.tree.Node;
import io.logdex.io.oplog.BadRecord;
import io.logdex.io.snapshot.SnapshotDeadLetter;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A chunk's dead letters: one compact JSON object per bad record, {@code {"file", "offset",
 * "line", "length", "reason", "raw"}}, raw being the record's first bytes (at most 1 KiB, as text
 * with malformed UTF-8 replaced). Written under an attempt-private name and renamed into place on
 * close, so a retried chunk never leaves half a file under the final name.
 */
final class DeadLetterWriter implements Closeable {
  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private final Encoder encoder;
  private long count;
  private boolean done;

  DeadLetterWriter(Path target, Path temp) throws IOException {
    this.target = target;
    this.temp = temp;
    this.channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 64 * 1024);
    this.encoder = new Encoder(out, OutputFormat.JSON);
  }

  void write(BadRecord b) throws IOException {
    encoder.node(Node.objectBuilder()
        .put("file", Node.string(b.file()))
        .put("offset", Node.integer(b.offset()))
        .put("line", b.line() > 0 ? Node.integer(b.line()) : Node.NULL)
        .put("length", Node.integer(b.length()))
        .put("reason", Node.string(b.reason()))
        .put("raw", Node.string(b.rawText()))
        .build());
    count++;
  }

  /** A snapshot's dead letter: where reading stopped and why; the rest of the range is unread. */
  void write(SnapshotDeadLetter d) throws IOException {
    encoder.node(Node.objectBuilder()
        .put("file", Node.string(d.file()))
        .put("offset", Node.integer(d.offset()))
        .put("line", d.line() > 0 ? Node.integer(d.line()) : Node.NULL)
        .put("column", d.column() > 0 ? Node.integer(d.column()) : Node.NULL)
        .put("path", d.path() == null ? Node.NULL : Node.string(d.path()))
        .put("reason", Node.string(d.reason()))
        .put("unreadFrom", Node.integer(d.unreadFrom()))
        .build());
    count++;
  }

  long count() {
    return count;
  }

  /** Syncs the file and renames it to its final name; returns its size. */
  long commit() throws IOException {
    encoder.flush();
    channel.force(true);
    done = true;
    encoder.close();
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    return Files.size(target);
  }

  /** Deletes the temporary file; does nothing after commit. */
  @Override
  public void close() throws IOException {
    if (done) return;
    done = true;
    try {
      encoder.close();
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
