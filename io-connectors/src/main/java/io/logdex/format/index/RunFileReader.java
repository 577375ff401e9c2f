package io.logdex.format.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * What reading any run file shares: open it for streaming with one page buffer, check the entry
 * count in its footer against the descriptor that named it, and refuse bytes after the last
 * entry. Subclasses decode their entries in {@code next()}.
 */
abstract class RunFileReader implements Closeable {
  protected final PagedFile file;
  protected final PageCursor in;
  protected final long entries;
  protected long read;

  RunFileReader(RunDescriptor run, int magic, String unit) throws IOException {
    this.file = PagedFile.openStreaming(Path.of(run.path()), magic);
    try {
      in = new PageCursor(file);
      in.seek(file.footerOffset, file.footerEnd);
      entries = in.readVLong();
      if (entries != run.entries()) {
        throw file.error("run holds " + entries + " " + unit + ", its descriptor says " + run.entries(), file.footerOffset);
      }
      in.seek(IndexFormat.HEADER_BYTES, file.footerOffset);
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  final String name() {
    return file.name;
  }

  final long position() {
    return in.position();
  }

  /** True once every entry was read; a run with bytes after its last entry is corrupt. */
  protected final boolean exhausted(String unit) throws IOException {
    if (read != entries) return false;
    if (in.remaining() != 0) throw in.error("bytes after the last " + unit + " of the run");
    return true;
  }

  abstract boolean next() throws IOException;

  @Override
  public final void close() throws IOException {
    file.close();
  }
}
