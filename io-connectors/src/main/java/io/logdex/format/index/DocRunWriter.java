package io.logdex.format.index;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a run of doc records in increasing docId order ({@link DocCodec}); footer {@code [vlong count]}. */
final class DocRunWriter implements DocSink, AutoCloseable {
  private final Path path;
  private final PagedFileWriter out;
  private final DocCodec codec = new DocCodec();
  private final GrowableBytes entry = new GrowableBytes(64);
  private long entries;

  DocRunWriter(Path path) throws IOException {
    this.path = path;
    this.out = PagedFileWriter.create(path);
    out.writeHeader(IndexFormat.MAGIC_DOC_RUN, -1);
  }

  @Override
  public void add(DocEntry d) throws IOException {
    entry.reset();
    codec.encode(d, entry);
    out.write(entry);
    entries++;
  }

  RunDescriptor finish() throws IOException {
    GrowableBytes footer = new GrowableBytes(16);
    footer.writeVLong(entries);
    long bytes = out.finish(IndexFormat.MAGIC_DOC_RUN, footer);
    out.close();
    return new RunDescriptor(RunDescriptor.Kind.DOCS, -1, path.toString(), entries, bytes);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
