package io.logdex.format.index;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes {@code docs.len} (docs/FORMAT.md, "Document lengths"): every document's word count in
 * docId order, in blocks of {@link IndexFormat#DOC_BLOCK_RECORDS} keyed by the first docId as 8
 * big-endian bytes through a {@link BlockIndexWriter}, so that BM25 reads a length without
 * decoding a doc record. Block: {@code [vint count << 1 | dense][vlong firstDoc][vint minLength]},
 * then, unless dense (the docIds are consecutive, as a chunk numbers them), {@link PForCodec} of
 * {@code doc - prev - 1} for the other count - 1 docs, then {@link PForCodec} of
 * {@code length - minLength} for every doc (exact: a long record is a PFOR exception, not a
 * rounded norm). Footer: block-index root, then {@code [vlong docs][vlong totalWords][vint
 * minLength]}, the smallest length of all (0 with no documents), which bounds BM25 scores.
 */
final class DocLengthsWriter {
  private final StagedFile file;
  private final PagedFileWriter out;
  private final BlockIndexWriter index;
  private final long[] docs = new long[IndexFormat.DOC_BLOCK_RECORDS];
  private final long[] lengths = new long[IndexFormat.DOC_BLOCK_RECORDS];
  private final long[] scratch = new long[IndexFormat.DOC_BLOCK_RECORDS];
  private final int[] hist = new int[65];
  private final GrowableBytes block = new GrowableBytes(512);
  private final byte[] key = new byte[8];
  private int n;
  private long count;
  private long totalWords;
  private int minLength = Integer.MAX_VALUE;

  DocLengthsWriter(Path dir) throws IOException {
    file = new StagedFile(dir, IndexFormat.DOC_LENGTHS_FILE);
    out = PagedFileWriter.create(file.temp);
    out.writeHeader(IndexFormat.MAGIC_LENGTHS, -1);
    index = new BlockIndexWriter(out);
  }

  /** Adds a document's word count; docIds must increase. */
  void add(long docId, int wordCount) throws IOException {
    docs[n] = docId;
    lengths[n++] = wordCount;
    count++;
    totalWords += wordCount;
    minLength = Math.min(minLength, wordCount);
    if (n == docs.length) flushBlock();
  }

  private void flushBlock() throws IOException {
    boolean dense = docs[n - 1] - docs[0] == n - 1;
    long min = Long.MAX_VALUE;
    for (int i = 0; i < n; i++) min = Math.min(min, lengths[i]);
    block.reset();
    block.writeVInt(n << 1 | (dense ? 1 : 0));
    block.writeVLong(docs[0]);
    block.writeVInt((int) min);
    if (!dense && n > 1) {
      for (int i = 1; i < n; i++) scratch[i - 1] = docs[i] - docs[i - 1] - 1;
      PForCodec.encode(scratch, n - 1, block, hist);
    }
    for (int i = 0; i < n; i++) scratch[i] = lengths[i] - min;
    PForCodec.encode(scratch, n, block, hist);
    DocTableWriter.key(docs[0], key);
    index.addBlock(key, 8, block);
    n = 0;
  }

  /** Writes the last block and the footer; returns the file's bytes. */
  long finish() throws IOException {
    if (n > 0) flushBlock();
    GrowableBytes footer = new GrowableBytes(256);
    index.finish(footer);
    footer.writeVLong(count);
    footer.writeVLong(totalWords);
    footer.writeVInt(count == 0 ? 0 : minLength);
    long bytes = out.finish(IndexFormat.MAGIC_LENGTHS, footer);
    out.sync();
    out.close();
    return bytes;
  }

  /** Renames the finished file into place. */
  void commit() throws IOException {
    file.commit();
  }

  void abort() {
    try {
      out.close();
    } catch (IOException ignored) {
      // Already failing; the temp file is removed below.
    }
    file.abort();
  }
}
