package io.logdex.format.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes a sorted term run: after the header, one entry per posting {@code [vint shared][vint
 * suffixLen][suffix][vlong doc][u8 payloadLen | (freq > 1) << 2][vlong freq - 2]?[zlong payload]*}, the term prefix-compressed against
 * the previous entry's and {@code doc} the docId itself for a new term or the gap from the previous
 * docId for the same term (shared == previous length, empty suffix). Footer: {@code [vlong
 * entries]}. Streaming; holds one page and the previous term.
 */
final class TermRunWriter implements PostingSink, AutoCloseable {
  private final Path path;
  private final int partition;
  private final PagedFileWriter out;
  private final GrowableBytes entry = new GrowableBytes(256);
  private byte[] prev = new byte[64];
  private int prevLen = -1;
  private long prevDoc;
  private long entries;

  TermRunWriter(Path path, int partition) throws IOException {
    this.path = path;
    this.partition = partition;
    this.out = PagedFileWriter.create(path);
    out.writeHeader(IndexFormat.MAGIC_TERM_RUN, partition);
  }

  @Override
  public void add(byte[] term, int termLen, boolean newTerm, long docId, long[] payload, int payloadLen, int freq)
      throws IOException {
    if (freq < 1) throw new IllegalArgumentException("term frequency " + freq);
    entry.reset();
    if (!newTerm && prevLen >= 0) {
      if (docId <= prevDoc) throw new IllegalStateException("postings of a term must increase");
      entry.writeVInt(prevLen);
      entry.writeVInt(0);
      entry.writeVLong(docId - prevDoc);
    } else {
      int shared = 0;
      if (prevLen >= 0) {
        shared = Arrays.mismatch(prev, 0, prevLen, term, 0, termLen);
        if (shared < 0 || shared == termLen || (shared < prevLen && (prev[shared] & 0xFF) > (term[shared] & 0xFF))) {
          throw new IllegalStateException("terms must strictly increase in a run");
        }
      }
      entry.writeVInt(shared);
      entry.writeVInt(termLen - shared);
      entry.writeBytes(term, shared, termLen - shared);
      entry.writeVLong(docId);
      if (prev.length < termLen) prev = new byte[Math.max(termLen, prev.length * 2)];
      System.arraycopy(term, 0, prev, 0, termLen);
      prevLen = termLen;
    }
    // Most frequencies are 1: they cost no byte beyond a bit of the payload length's.
    if (freq == 1) {
      entry.writeByte(payloadLen);
    } else {
      entry.writeByte(payloadLen | 4);
      entry.writeVLong(freq - 2L);
    }
    for (int i = 0; i < payloadLen; i++) entry.writeZLong(payload[i]);
    out.write(entry);
    prevDoc = docId;
    entries++;
  }

  RunDescriptor finish() throws IOException {
    GrowableBytes footer = new GrowableBytes(16);
    footer.writeVLong(entries);
    long bytes = out.finish(IndexFormat.MAGIC_TERM_RUN, footer);
    out.close();
    return new RunDescriptor(RunDescriptor.Kind.TERMS, partition, path.toString(), entries, bytes);
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
