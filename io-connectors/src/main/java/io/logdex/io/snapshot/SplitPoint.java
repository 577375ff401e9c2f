package io.logdex.io.snapshot;

import io.logdex.format.token.TokenizerState;
import java.io.Serializable;

/**
 * A planned split point: the position of the sub-document a reader starting there emits first,
 * and what it needs to start there without reading anything before.
 *
 * <ul>
 *   <li>{@link Kind#FILE_START}: the file's first record; read from offset 0.
 *   <li>{@link Kind#RESUME}: a sub-document whose ancestors were all known to be too big, with
 *       nothing held, when it started: the tokenizer state taken just before it (offset, grammar,
 *       path context), and per open container its start offset, kind and children so far, so the
 *       reader can emit container records for containers that opened before its range.
 *   <li>{@link Kind#ERROR}: the file breaks here; the reader emits the dead letter.
 *   <li>{@link Kind#BOUNDARY}: a point of another range, kept only for its position, where this
 *       range's reader stops.
 * </ul>
 *
 * For a {@link SnapshotFile.Layout#ZSTD_FRAMES} file a point also names the frame to decompress
 * from: the one holding the resume offset.
 */
final class SplitPoint implements Serializable {
  private static final long serialVersionUID = 1L;

  enum Kind {
    FILE_START,
    RESUME,
    ERROR,
    BOUNDARY
  }

  final Kind kind;
  final long position;
  final TokenizerState state;
  final long[] frameStarts;
  final long[] frameChildCounts;
  final boolean[] frameObjects;
  final long frameCompressed;
  final long frameUncompressed;
  final SnapshotDeadLetter deadLetter;

  private SplitPoint(Kind kind, long position, TokenizerState state, long[] frameStarts,
      long[] frameChildCounts, boolean[] frameObjects, long frameCompressed,
      long frameUncompressed, SnapshotDeadLetter deadLetter) {
    this.kind = kind;
    this.position = position;
    this.state = state;
    this.frameStarts = frameStarts;
    this.frameChildCounts = frameChildCounts;
    this.frameObjects = frameObjects;
    this.frameCompressed = frameCompressed;
    this.frameUncompressed = frameUncompressed;
    this.deadLetter = deadLetter;
  }

  static SplitPoint fileStart(long position) {
    return new SplitPoint(Kind.FILE_START, position, null, null, null, null, 0, 0, null);
  }

  static SplitPoint resume(long position, TokenizerState state, long[] frameStarts,
      long[] frameChildCounts, boolean[] frameObjects) {
    return new SplitPoint(Kind.RESUME, position, state, frameStarts, frameChildCounts,
        frameObjects, 0, 0, null);
  }

  static SplitPoint error(SnapshotDeadLetter deadLetter) {
    return new SplitPoint(Kind.ERROR, deadLetter.position(), null, null, null, null, 0, 0,
        deadLetter);
  }

  /** This point decompressing from the frame at (compressed, uncompressed) offsets. */
  SplitPoint inFrame(long compressed, long uncompressed) {
    return new SplitPoint(kind, position, state, frameStarts, frameChildCounts, frameObjects,
        compressed, uncompressed, deadLetter);
  }

  /** Only the position: what a range keeps of the first point past its end. */
  SplitPoint asBoundary() {
    return kind == Kind.BOUNDARY ? this
        : new SplitPoint(Kind.BOUNDARY, position, null, null, null, null, 0, 0, null);
  }

  /** Uncompressed offset where reading starts: the end of the token before the point. */
  long resumeOffset() {
    return kind == Kind.RESUME ? state.offset() : 0;
  }

  @Override
  public String toString() {
    return kind + "@" + position + (kind == Kind.RESUME ? " (resume at " + state.offset()
        + ", depth " + frameStarts.length + ")" : "");
  }
}
