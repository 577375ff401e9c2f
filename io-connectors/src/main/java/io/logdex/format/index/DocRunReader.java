package io.logdex.format.index;

import java.io.IOException;

/** Streams a run written by {@link DocRunWriter} with one page buffer. */
final class DocRunReader extends RunFileReader {
  private final DocCodec codec = new DocCodec();
  final DocEntry doc = new DocEntry();

  DocRunReader(RunDescriptor run) throws IOException {
    super(run, IndexFormat.MAGIC_DOC_RUN, "records");
  }

  @Override
  boolean next() throws IOException {
    if (exhausted("record")) return false;
    codec.decode(in, doc);
    read++;
    return true;
  }
}
