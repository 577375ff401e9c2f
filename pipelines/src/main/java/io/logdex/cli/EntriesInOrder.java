package io.logdex.cli;

import io.logdex.format.FormatException;
import io.logdex.format.history.StreamingCompactor;
import io.logdex.format.index.DocRecord;
import io.logdex.format.log.LogEntry;
import io.logdex.transforms.BuildOutput;
import io.logdex.transforms.ChunkSummary;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The log entries of a build with {@code after < commit <= upTo}, one at a time in (commit, seq,
 * docId) order, never all at once. A chunk's log is in input order, which is nearly always
 * ascending, so each log is cut into its maximal ascending runs (found from the doc table, which
 * holds every entry's commit and seq, without decoding a diff) and the runs are k-way merged: one
 * pending doc record per run. A log in reverse order would make a run per entry; past {@link
 * #MAX_RUNS} runs it fails rather than hold them.
 */
final class EntriesInOrder implements StreamingCompactor.EntrySource {
  static final int MAX_RUNS = 1 << 18;
  private static final Comparator<DocRecord> ORDER = Comparator.comparingLong(DocRecord::commit)
      .thenComparingLong(DocRecord::seq).thenComparingLong(DocRecord::docId);

  /** One ascending run of a chunk's docs: [ordinal, end), head = the record at ordinal. */
  private static final class Run {
    final long chunkBase;
    long ordinal;
    final long end;
    DocRecord head;

    Run(long chunkBase, long ordinal, long end) {
      this.chunkBase = chunkBase;
      this.ordinal = ordinal;
      this.end = end;
    }
  }

  private final BuildOutput output;
  private final long after;
  private final long upTo;
  private final PriorityQueue<Run> queue = new PriorityQueue<>((a, b) -> ORDER.compare(a.head, b.head));
  private DocRecord last;

  /** @param after Long.MIN_VALUE: no lower bound */
  EntriesInOrder(BuildOutput output, long after, long upTo) throws IOException {
    this.output = output;
    this.after = after;
    this.upTo = upTo;
    List<Run> runs = new ArrayList<>();
    for (ChunkSummary c : logChunks(output)) {
      long base = (long) c.id() << 40;
      DocRecord prev = null;
      long start = -1;
      for (long ord = 0; ord < c.entries(); ord++) {
        DocRecord r = record(base | ord);
        if (!inRange(r)) continue;
        if (prev != null && ORDER.compare(prev, r) > 0) {
          runs.add(new Run(base, start, ord));
          if (runs.size() > MAX_RUNS) {
            throw new FormatException("the log's entries are too far out of (commit, seq) order to merge (more than "
                + MAX_RUNS + " ascending runs)", output.logName(c.id()), r.offset());
          }
          start = -1;
        }
        if (start < 0) start = ord;
        prev = r;
      }
      if (start >= 0) runs.add(new Run(base, start, c.entries()));
    }
    for (Run r : runs) if (advance(r)) queue.add(r);
  }

  /**
   * The chunks whose docs are diffs of the state. s3dlio operations are events, never diffs (their
   * "commit" is the operation's idx): a chunk of them ({@link BuildOutput#isOperationLog}) is left
   * out whole, unread.
   */
  static List<ChunkSummary> logChunks(BuildOutput output) throws IOException {
    List<ChunkSummary> out = new ArrayList<>();
    for (ChunkSummary c : output.manifest().chunks()) {
      if (output.isSnapshot(c.id()) || c.log() == null || c.entries() == 0 || output.isOperationLog(c.id())) continue;
      out.add(c);
    }
    return out;
  }

  private DocRecord record(long docId) throws IOException {
    DocRecord r = output.index().docRecord(docId);
    if (r == null) {
      throw new FormatException("the manifest counts doc " + (docId & ((1L << 40) - 1)) + " of chunk "
          + (docId >>> 40) + " but the index has no record of it", output.generationDir().toString(), -1);
    }
    return r;
  }

  private boolean inRange(DocRecord r) {
    return r.hasCommit() && (after == Long.MIN_VALUE || r.commit() > after) && r.commit() <= upTo;
  }

  /** Moves r's head to its next in-range record; false when it has none. */
  private boolean advance(Run r) throws IOException {
    while (r.ordinal < r.end) {
      DocRecord d = record(r.chunkBase | r.ordinal++);
      if (inRange(d)) {
        r.head = d;
        return true;
      }
    }
    return false;
  }

  @Override
  public LogEntry next() throws IOException {
    while (true) {
      Run r = queue.poll();
      if (r == null) return null;
      last = r.head;
      LogEntry e = output.entry(last);
      if (advance(r)) queue.add(r);
      // An operation in a chunk of diffs (a JSONL mixing both) is still not a diff.
      if (!BuildOutput.isOperation(e)) return e;
    }
  }

  /** The record of the entry next() returned last, or null. */
  DocRecord last() {
    return last;
  }
}
