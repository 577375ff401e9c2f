package io.logdex.io.snapshot;

import io.logdex.format.FormatException;
import io.logdex.format.token.TokenKind;
import io.logdex.format.token.Tokenizer;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayDeque;

/**
 * The items of one file from a split point on, in file order: a cutter over the file's
 * uncompressed bytes, with a {@link RetainingInputStream} between them so that sub-documents get
 * their bytes from the same read. When the retained copy lacks a range (see that class), the
 * bytes are read again from the file: a positional read of a plain file, a decompression from
 * this reader's own starting frame otherwise.
 *
 * <p>The first bad byte ends the stream with one dead letter: the planned one when the plan has
 * it (so every reader that gets there reports the same), else the cutter's.
 */
final class SnapshotItemStream implements Closeable {
  private final SnapshotFile file;
  private final SnapshotSpec spec;
  private final SplitPoint from;
  private final SnapshotDeadLetter plannedError;
  private final ArrayDeque<SnapshotItem> ready = new ArrayDeque<>();
  private FileInput input;
  private RetainingInputStream retained;
  private SubDocumentCutter cutter;
  private Tokenizer tokens;
  private SnapshotTokenObserver observer;
  private boolean done;
  private long rereads;

  /**
   * @param from where to start: null or FILE_START for the file's first byte, a RESUME point, or
   *     an ERROR point (the stream is then its dead letter alone)
   * @param plannedError the dead letter the plan ends with, or null
   */
  SnapshotItemStream(SnapshotFile file, SnapshotSpec spec, SplitPoint from,
      SnapshotDeadLetter plannedError) throws IOException {
    this.file = file;
    this.spec = spec;
    this.from = from;
    this.plannedError = plannedError;
    if (from != null && from.kind == SplitPoint.Kind.ERROR) {
      ready.add(SnapshotItem.of(from.deadLetter));
      done = true;
      return;
    }
    if (from != null && from.kind == SplitPoint.Kind.BOUNDARY) {
      throw new IllegalArgumentException("cannot read from a boundary point: " + from);
    }
    boolean resume = from != null && from.kind == SplitPoint.Kind.RESUME;
    long offset = resume ? from.resumeOffset() : 0;
    input = openAt(offset);
    int capacity = spec.retention();
    retained = new RetainingInputStream(input, offset, capacity,
        Math.min(capacity, 2 * spec.tokenizer.bufferSize() + 1024));
    Listener listener = new Listener();
    long cap = spec.maxSubDocumentBytes;
    if (resume) {
      Tokenizer t = Tokenizer.resume(retained, from.state, file.name(), spec.tokenizerFor(file.name()));
      tokens = t;
      cutter = SubDocumentCutter.resume(t, cap, true, spec.stream(), listener, offset,
          from.frameStarts, from.frameChildCounts, from.frameObjects);
    } else {
      Tokenizer t = Tokenizer.fromStream(retained, 0, file.name(), spec.tokenizerFor(file.name()));
      tokens = t;
      cutter = new SubDocumentCutter(t, cap, true, spec.stream(), listener);
    }
  }

  private FileInput openAt(long offset) throws IOException {
    long frameCompressed = from == null ? 0 : from.frameCompressed;
    long frameUncompressed = from == null ? 0 : from.frameUncompressed;
    return file.open(offset, frameCompressed, frameUncompressed);
  }

  /** Shows every token from now on to observer as well (see {@link SnapshotTokenObserver}). */
  void observe(SnapshotTokenObserver observer) {
    this.observer = observer;
  }

  /** The next item, or null at the end. */
  SnapshotItem next() throws IOException {
    while (ready.isEmpty() && !done) {
      try {
        TokenKind k = cutter.read();
        if (observer != null) observer.token(tokens, k);
        if (!cutter.process()) {
          done = true;
          break;
        }
        retained.keepFrom(cutter.keepFrom());
      } catch (FormatException e) {
        done = true;
        ready.add(SnapshotItem.of(
            plannedError != null ? plannedError : cutter.deadLetter(file.name(), e)));
      }
    }
    return ready.poll();
  }

  /** Raw bytes read from the file so far, for progress. */
  long rawBytesRead() {
    return input == null ? 0 : input.rawBytesRead();
  }

  /** Sub-documents whose bytes had to be read again (the retained copy had dropped them). */
  long rereads() {
    return rereads;
  }

  private byte[] bytesOf(long start, int length) throws IOException {
    byte[] b = retained.copy(start, length);
    if (b != null) return b;
    rereads++;
    b = new byte[length];
    try (FileInput again = openAt(Math.max(start, from == null ? 0 : from.resumeOffset()))) {
      again.skipTo(start);
      int got = 0;
      while (got < length) {
        int n = again.read(b, got, length - got);
        if (n < 0) {
          throw new FormatException("the file ended while reading a sub-document of " + length
              + " bytes again; was it changed while being read?", file.name(), start + got);
        }
        got += n;
      }
    }
    return b;
  }

  private final class Listener implements SubDocumentCutter.Listener {
    @Override
    public void subDocument(long start, long end, String path, long childCount)
        throws IOException {
      long length = end - start;
      byte[] bytes = spec.keepsBytes(length, childCount == SnapshotRecord.SCALAR)
          ? bytesOf(start, (int) length) : null;
      ready.add(SnapshotItem.of(new SnapshotRecord(file.name(), SnapshotRecord.Kind.SUBDOCUMENT,
          path, start, length, childCount, bytes)));
    }

    @Override
    public void container(long start, long end, String path, long childCount) {
      ready.add(SnapshotItem.of(new SnapshotRecord(file.name(), SnapshotRecord.Kind.CONTAINER,
          path, start, end - start, childCount, null)));
    }
  }

  @Override
  public void close() throws IOException {
    done = true;
    if (input != null) input.close();
  }
}
