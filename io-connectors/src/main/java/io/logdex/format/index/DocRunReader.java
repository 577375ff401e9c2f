package io.logdex.format.index;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/** Streams a run written by {@link DocRunWriter} with one page buffer. */
final class DocRunReader implements Closeable {
  private final PagedFile file;
  private final PageCursor in;
  private final DocCodec codec = new DocCodec();
  private final long entries;
  private long read;
  final DocEntry doc = new DocEntry();

  DocRunReader(RunDescriptor run) throws IOException {
    this.file = PagedFile.openStreaming(Path.of(run.path()), IndexFormat.MAGIC_DOC_RUN);
    try {
      in = new PageCursor(file);
      in.seek(file.footerOffset, file.footerEnd);
      entries = in.readVLong();
      if (entries != run.entries()) {
        throw file.error("run holds " + entries + " records, its descriptor says " + run.entries(), file.footerOffset);
      }
      in.seek(IndexFormat.HEADER_BYTES, file.footerOffset);
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
  }

  String name() {
    return file.name;
  }

  long position() {
    return in.position();
  }

  boolean next() throws IOException {
    if (read == entries) {
      if (in.remaining() != 0) throw in.error("bytes after the last record of the run");
      return false;
    }
    codec.decode(in, doc);
    read++;
    return true;
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
