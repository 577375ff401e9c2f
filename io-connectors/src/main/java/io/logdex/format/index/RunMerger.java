package io.logdex.format.index;

import io.logdex.format.FormatException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * K-way streaming merge of sorted runs into a partition's final files (or the doc table). Memory is
 * one page buffer and one term per open run, and at most {@link BuildOptions#fanIn()} runs are open:
 * with more runs, earlier passes merge groups of fanIn into intermediate runs in {@code tmpDir}
 * (deleted once consumed) until one pass can finish. Duplicate (term, docId) postings collapse to
 * one whose term frequency is their sum (a spill may cut a document's words in two), and duplicate
 * doc records to one; they must carry identical payloads/records. The output depends only
 * on the set of entries, never on how they were split into runs or in which order runs are given.
 * Input runs are left in place: a retried Beam bundle may need them.
 */
public final class RunMerger {
  private final int fanIn;

  public RunMerger(BuildOptions options) {
    this.fanIn = options.fanIn();
  }

  public PartitionSummary mergeTermRuns(
      int partition, List<RunDescriptor> runs, IndexOptions index, Path outDir, Path tmpDir)
      throws IOException {
    for (RunDescriptor r : runs) {
      if (r.kind() != RunDescriptor.Kind.TERMS || r.partition() != partition) {
        throw new IllegalArgumentException("not a term run of partition " + partition + ": " + r);
      }
    }
    Set<String> temps = new HashSet<>();
    try {
      List<RunDescriptor> current = reduceToFanIn(runs, temps, group -> {
        Path out = Files.createTempFile(tmpDir, "merge-t" + partition + "-", ".run");
        temps.add(out.toString());
        try (TermRunWriter w = new TermRunWriter(out, partition)) {
          mergeTerms(group, w);
          return w.finish();
        }
      });
      PartitionWriter w = new PartitionWriter(outDir, partition, index.topTerms());
      try {
        mergeTerms(current, w);
        return w.finish();
      } catch (IOException | RuntimeException e) {
        w.abort();
        throw e;
      }
    } finally {
      for (String t : temps) Files.deleteIfExists(Path.of(t));
    }
  }

  /** Merges one group of runs into a new intermediate run. */
  private interface GroupMerge {
    RunDescriptor merge(List<RunDescriptor> group) throws IOException;
  }

  /**
   * Merges runs until no more than fanIn remain, so memory stays bounded by the fan-in however many
   * runs there are. Each step merges only as many of the smallest runs as the final pass needs
   * removed (at most fanIn), as in an optimal merge pattern: with fanIn + k runs, k + 1 small runs
   * are merged once and the rest are read once, where merging every group of fanIn would copy all
   * the postings twice. Intermediate runs are recorded in temps. The choice of runs changes which
   * bytes are read twice, never the output, which depends only on the set of entries.
   */
  private List<RunDescriptor> reduceToFanIn(List<RunDescriptor> runs, Set<String> temps, GroupMerge merge)
      throws IOException {
    List<RunDescriptor> current = new ArrayList<>(runs);
    while (current.size() > fanIn) {
      int take = Math.min(fanIn, current.size() - fanIn + 1);
      // Smallest first; ties by position, so the same runs give the same plan.
      Integer[] order = new Integer[current.size()];
      for (int i = 0; i < order.length; i++) order[i] = i;
      List<RunDescriptor> all = current;
      Arrays.sort(order, (a, b) -> {
        int c = Long.compare(all.get(a).bytes(), all.get(b).bytes());
        return c != 0 ? c : Integer.compare(a, b);
      });
      boolean[] chosen = new boolean[current.size()];
      for (int i = 0; i < take; i++) chosen[order[i]] = true;
      List<RunDescriptor> group = new ArrayList<>(take);
      List<RunDescriptor> next = new ArrayList<>(current.size() - take + 1);
      for (int i = 0; i < current.size(); i++) (chosen[i] ? group : next).add(current.get(i));
      next.add(merge.merge(group));
      deleteConsumed(current, next, temps);
      current = next;
    }
    return current;
  }

  public DocTableSummary mergeDocRuns(List<RunDescriptor> runs, Path outDir, Path tmpDir)
      throws IOException {
    for (RunDescriptor r : runs) {
      if (r.kind() != RunDescriptor.Kind.DOCS) throw new IllegalArgumentException("not a doc run: " + r);
    }
    Set<String> temps = new HashSet<>();
    try {
      List<RunDescriptor> current = reduceToFanIn(runs, temps, group -> {
        Path out = Files.createTempFile(tmpDir, "merge-docs-", ".run");
        temps.add(out.toString());
        try (DocRunWriter w = new DocRunWriter(out)) {
          mergeDocs(group, w);
          return w.finish();
        }
      });
      DocTableWriter w = new DocTableWriter(outDir);
      try {
        mergeDocs(current, w);
        return w.finish();
      } catch (IOException | RuntimeException e) {
        w.abort();
        throw e;
      }
    } finally {
      for (String t : temps) Files.deleteIfExists(Path.of(t));
    }
  }

  private static void deleteConsumed(
      List<RunDescriptor> consumed, List<RunDescriptor> kept, Set<String> temps) throws IOException {
    Set<String> keep = new HashSet<>();
    for (RunDescriptor r : kept) keep.add(r.path());
    for (RunDescriptor r : consumed) {
      if (temps.contains(r.path()) && !keep.contains(r.path())) {
        Files.deleteIfExists(Path.of(r.path()));
        temps.remove(r.path());
      }
    }
  }

  /**
   * Two-level merge: a heap of runs by term, and for the current term a heap of the runs holding
   * it by docId. Term bytes are compared once per (run, term), not once per posting; within a term
   * the comparisons are of longs.
   */
  private static void mergeTerms(List<RunDescriptor> runs, PostingSink sink) throws IOException {
    TermRunReader[] readers = new TermRunReader[runs.size()];
    try {
      for (int i = 0; i < readers.length; i++) readers[i] = new TermRunReader(runs.get(i));
      IntHeap byTerm =
          new IntHeap(readers.length) {
            @Override
            boolean less(int a, int b) {
              TermRunReader x = readers[a];
              TermRunReader y = readers[b];
              int c = TermOrder.compare(x.term, 0, x.termLen, y.term, 0, y.termLen);
              return c != 0 ? c < 0 : a < b;
            }
          };
      IntHeap byDoc =
          new IntHeap(readers.length) {
            @Override
            boolean less(int a, int b) {
              long x = readers[a].docId;
              long y = readers[b].docId;
              return x != y ? x < y : a < b;
            }
          };
      for (int i = 0; i < readers.length; i++) if (readers[i].next()) byTerm.push(i);
      byte[] term = new byte[64];
      long[] lastPay = new long[IndexFormat.MAX_PAYLOAD_LONGS];
      while (byTerm.size > 0) {
        TermRunReader f = readers[byTerm.top()];
        int termLen = f.termLen;
        if (term.length < termLen) term = new byte[Math.max(termLen, term.length * 2)];
        System.arraycopy(f.term, 0, term, 0, termLen);
        if (!heldByAnother(byTerm, readers, f)) {
          // Most terms of an op-log (hashes, timestamps) are in one run only: its postings are
          // already in docId order and distinct, so they bypass the doc heap, and the run goes
          // back into the term heap with one sift instead of a pop and a push.
          boolean more;
          boolean newTerm = true;
          do {
            sink.add(term, termLen, newTerm, f.docId, f.payload, f.payloadLen, f.freq);
            newTerm = false;
            more = f.next();
          } while (more && f.sameTerm);
          if (more) {
            byTerm.siftTop();
          } else {
            byTerm.pop();
          }
          continue;
        }
        int first = byTerm.pop();
        byDoc.push(first);
        while (byTerm.size > 0) {
          TermRunReader t = readers[byTerm.top()];
          if (t.termLen != termLen || !Arrays.equals(t.term, 0, termLen, term, 0, termLen)) break;
          byDoc.push(byTerm.pop());
        }
        // A posting is held (lastDoc, lastPay, lastFreq) until the next differs from it, so that
        // the same docId from other runs adds its frequency before the posting is written.
        boolean newTerm = true;
        boolean held = false;
        long lastDoc = -1;
        int lastPayLen = 0;
        int lastFreq = 0;
        while (byDoc.size > 0) {
          int top = byDoc.top();
          TermRunReader r = readers[top];
          if (held && r.docId == lastDoc) {
            if (lastPayLen != r.payloadLen || !Arrays.equals(lastPay, 0, lastPayLen, r.payload, 0, r.payloadLen)) {
              throw new FormatException(
                  "conflicting payloads for "
                      + Terms.describe(Arrays.copyOf(term, termLen))
                      + " in doc "
                      + r.docId
                      + " between runs",
                  r.name(),
                  PagedFile.physicalOffset(r.position()));
            }
            lastFreq = (int) Math.min(Integer.MAX_VALUE, (long) lastFreq + r.freq);
          } else {
            if (held) {
              sink.add(term, termLen, newTerm, lastDoc, lastPay, lastPayLen, lastFreq);
              newTerm = false;
            }
            held = true;
            lastDoc = r.docId;
            lastPayLen = r.payloadLen;
            lastFreq = r.freq;
            System.arraycopy(r.payload, 0, lastPay, 0, lastPayLen);
          }
          // A term's runs mostly hold disjoint docId ranges (each spill's own documents), so the
          // top run stays the smallest for long stretches: stream it while its docIds are below
          // every other run's, rather than sift the heap per posting. Below that bound no other
          // run can hold the same docId, so the order and the duplicate check are unchanged.
          long bound = byDoc.secondDoc(readers);
          boolean more = r.next();
          while (more && r.sameTerm && r.docId < bound) {
            sink.add(term, termLen, newTerm, lastDoc, lastPay, lastPayLen, lastFreq);
            newTerm = false;
            lastDoc = r.docId;
            lastPayLen = r.payloadLen;
            lastFreq = r.freq;
            System.arraycopy(r.payload, 0, lastPay, 0, lastPayLen);
            more = r.next();
          }
          if (!more) {
            byDoc.pop();
          } else if (r.sameTerm) {
            byDoc.siftTop();
          } else {
            byDoc.pop();
            byTerm.push(top);
          }
        }
        if (held) sink.add(term, termLen, newTerm, lastDoc, lastPay, lastPayLen, lastFreq);
      }
    } finally {
      for (TermRunReader r : readers) if (r != null) r.close();
    }
  }

  /** Whether a run other than the top of byTerm (top's reader) is at the same term. */
  private static boolean heldByAnother(IntHeap byTerm, TermRunReader[] readers, TermRunReader top) {
    // The second smallest entry of a binary heap is one of the root's children.
    for (int c = 1; c <= 2 && c < byTerm.size; c++) {
      TermRunReader r = readers[byTerm.heap[c]];
      if (r.termLen == top.termLen && Arrays.equals(r.term, 0, r.termLen, top.term, 0, top.termLen)) {
        return true;
      }
    }
    return false;
  }

  /** A binary min-heap of small ints under an order given by the subclass. */
  private abstract static class IntHeap {
    final int[] heap;
    int size;

    IntHeap(int capacity) {
      heap = new int[capacity];
    }

    abstract boolean less(int a, int b);

    int top() {
      return heap[0];
    }

    /** The smallest docId of the entries under the top (one of its two children), or MAX_VALUE. */
    long secondDoc(TermRunReader[] readers) {
      long d = Long.MAX_VALUE;
      for (int c = 1; c <= 2 && c < size; c++) d = Math.min(d, readers[heap[c]].docId);
      return d;
    }

    void push(int v) {
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (!less(v, heap[parent])) break;
        heap[i] = heap[parent];
        i = parent;
      }
      heap[i] = v;
    }

    int pop() {
      int v = heap[0];
      heap[0] = heap[--size];
      if (size > 0) siftTop();
      return v;
    }

    /** Restores the order after the top element's key grew. */
    void siftTop() {
      int v = heap[0];
      int i = 0;
      while (true) {
        int child = 2 * i + 1;
        if (child >= size) break;
        if (child + 1 < size && less(heap[child + 1], heap[child])) child++;
        if (!less(heap[child], v)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = v;
    }
  }

  private static void mergeDocs(List<RunDescriptor> runs, DocSink sink) throws IOException {
    DocRunReader[] readers = new DocRunReader[runs.size()];
    try {
      for (int i = 0; i < readers.length; i++) readers[i] = new DocRunReader(runs.get(i));
      DocHeap heap = new DocHeap(readers);
      DocEntry last = new DocEntry();
      boolean any = false;
      while (heap.size > 0) {
        DocRunReader top = readers[heap.top()];
        if (any && top.doc.docId == last.docId) {
          if (!top.doc.sameAs(last)) {
            throw new FormatException(
                "two different records for doc " + last.docId + ": " + last + " and " + top.doc,
                top.name(),
                PagedFile.physicalOffset(top.position()));
          }
        } else {
          sink.add(top.doc);
          last.copyFrom(top.doc);
          any = true;
        }
        heap.advanceTop();
      }
    } finally {
      for (DocRunReader r : readers) if (r != null) r.close();
    }
  }

  /** Min-heap of run indices by (docId, run index). */
  private static final class DocHeap {
    private final DocRunReader[] runs;
    private final int[] heap;
    int size;

    DocHeap(DocRunReader[] runs) throws IOException {
      this.runs = runs;
      this.heap = new int[runs.length];
      for (int i = 0; i < runs.length; i++) if (runs[i].next()) heap[size++] = i;
      for (int i = size / 2 - 1; i >= 0; i--) siftDown(i);
    }

    int top() {
      return heap[0];
    }

    void advanceTop() throws IOException {
      if (!runs[heap[0]].next()) heap[0] = heap[--size];
      if (size > 0) siftDown(0);
    }

    private boolean less(int a, int b) {
      long x = runs[a].doc.docId;
      long y = runs[b].doc.docId;
      return x != y ? x < y : a < b;
    }

    private void siftDown(int i) {
      int v = heap[i];
      while (true) {
        int child = 2 * i + 1;
        if (child >= size) break;
        if (child + 1 < size && less(heap[child + 1], heap[child])) child++;
        if (!less(heap[child], v)) break;
        heap[i] = heap[child];
        i = child;
      }
      heap[i] = v;
    }
  }
}
