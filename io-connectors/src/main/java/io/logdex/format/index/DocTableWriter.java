package io.logdex.format.index;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the doc table: records in increasing docId order, in blocks of {@link
 * IndexFormat#DOC_BLOCK_RECORDS} ({@code [vint count]} then {@link DocCodec} records, the codec reset
 * per block so any block decodes alone), indexed by a {@link BlockIndexWriter} keyed by the first
 * docId as 8 big-endian bytes. Footer: block-index root, then {@code [vlong docs][vlong totalWords]}.
 * Beside it, every record's word count goes to {@code docs.len} ({@link DocLengthsWriter}), which
 * ranking reads instead of the records.
 */
final class DocTableWriter implements DocSink {
  private final StagedFile file;
  private final PagedFileWriter out;
  private final BlockIndexWriter index;
  private final DocLengthsWriter lengths;
  private final DocCodec codec = new DocCodec();
  private final GrowableBytes records = new GrowableBytes(4096);
  private final GrowableBytes block = new GrowableBytes(4096);
  private final byte[] key = new byte[8];
  private int blockCount;
  private long docs;
  private long totalWords;

  DocTableWriter(Path dir) throws IOException {
    file = new StagedFile(dir, IndexFormat.DOC_TABLE_FILE);
    out = PagedFileWriter.create(file.temp);
    out.writeHeader(IndexFormat.MAGIC_DOCS, -1);
    index = new BlockIndexWriter(out);
    lengths = new DocLengthsWriter(dir);
  }

  static void key(long docId, byte[] into) {
    for (int i = 0; i < 8; i++) into[i] = (byte) (docId >>> (56 - 8 * i));
  }

  @Override
  public void add(DocEntry d) throws IOException {
    if (blockCount == 0) {
      codec.reset();
      key(d.docId, key);
    }
    codec.encode(d, records);
    docs++;
    totalWords += d.wordCount;
    lengths.add(d.docId, d.wordCount);
    if (++blockCount == IndexFormat.DOC_BLOCK_RECORDS) flushBlock();
  }

  private void flushBlock() throws IOException {
    block.reset();
    block.writeVInt(blockCount);
    block.append(records);
    index.addBlock(key, 8, block);
    records.reset();
    blockCount = 0;
  }

  DocTableSummary finish() throws IOException {
    if (blockCount > 0) flushBlock();
    GrowableBytes footer = new GrowableBytes(256);
    index.finish(footer);
    footer.writeVLong(docs);
    footer.writeVLong(totalWords);
    long bytes = out.finish(IndexFormat.MAGIC_DOCS, footer);
    out.sync();
    out.close();
    long lengthsBytes = lengths.finish();
    lengths.commit();
    file.commit();
    return new DocTableSummary(docs, totalWords, bytes, lengthsBytes);
  }

  void abort() {
    try {
      out.close();
    } catch (IOException ignored) {
      // Already failing; the temp file is removed below.
    }
    file.abort();
    lengths.abort();
  }
}
