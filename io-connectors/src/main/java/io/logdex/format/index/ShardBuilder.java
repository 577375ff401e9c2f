package io.logdex.format.index;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Accumulates one bundle's documents and terms within a fixed memory budget and spills them as
 * sorted runs: per spill one term run per non-empty partition and one doc run. Memory is bounded
 * by {@link BuildOptions#memoryBudgetBytes()} (array capacities, counted honestly, including the
 * scratch a spill sorts with), never by the input; the budget is only exceeded when one term alone
 * needs more arena than is left after a spill. Terms may be added before or after their document's
 * record, and the same (term, docId) any number of times.
 *
 * <p>Not thread-safe: one per Beam bundle. {@code runPrefix} must be unique among the builders
 * writing to {@code runDir}.
 */
public final class ShardBuilder implements Closeable {
  private final Path runDir;
  private final String runPrefix;
  private final long budget;
  private final PostingBuffer postings;
  private final DocBuffer docs = new DocBuffer();
  private final List<RunDescriptor> runs = new ArrayList<>();
  private final long[] noPayload = new long[0];
  private int spills;
  private long postingsAdded;
  private long docsAdded;
  private boolean finished;

  public ShardBuilder(Path runDir, String runPrefix, IndexOptions index, BuildOptions build) {
    this.runDir = runDir;
    this.runPrefix = runPrefix;
    this.budget = build.memoryBudgetBytes();
    this.postings = new PostingBuffer(index.partitions());
  }

  public void addDocument(DocRecord record) throws IOException {
    checkOpen();
    if (!docs.hasRoom() && !docs.grow(budget - bytesAllocated())) {
      spill();
      if (!docs.hasRoom()) docs.grow(Long.MAX_VALUE);
    }
    docs.add(record);
    docsAdded++;
  }

  public void addTerm(long docId, byte[] term) throws IOException {
    addTerm(docId, term, 0, term.length, noPayload, 0);
  }

  public void addTerm(long docId, byte[] term, long... payload) throws IOException {
    addTerm(docId, term, 0, term.length, payload, payload.length);
  }

  /** Adds a posting of term[off, off+len) for docId with payload[0, payloadLen) (0 to 3 longs). */
  public void addTerm(long docId, byte[] term, int off, int len, long[] payload, int payloadLen)
      throws IOException {
    checkOpen();
    IndexFormat.checkDocId(docId);
    if (len < 1 || len > IndexFormat.MAX_TERM_BYTES) throw new IllegalArgumentException("term length " + len + " not in [1, " + IndexFormat.MAX_TERM_BYTES + "]");
    if (payloadLen < 0 || payloadLen > IndexFormat.MAX_PAYLOAD_LONGS) throw new IllegalArgumentException("payload of " + payloadLen + " longs");
    int hash = Partitioner.murmur3(term, off, len, 0);
    int id = postings.find(term, off, len, hash);
    if (!postings.hasRoom(id < 0, len, payloadLen)
        && !postings.grow(id < 0, len, payloadLen, budget - bytesAllocated())) {
      spill();
      id = -1;
      if (!postings.hasRoom(true, len, payloadLen)) postings.grow(true, len, payloadLen, Long.MAX_VALUE);
    }
    if (id < 0) id = postings.insert(term, off, len, hash);
    postings.add(id, docId, payload, payloadLen);
    postingsAdded++;
  }

  /** Adds every word of text (see {@link Words}) as a word term. */
  public void addWords(long docId, CharSequence text) throws IOException {
    try {
      Words.forEach(
          text,
          w -> {
            try {
              addTerm(docId, Terms.word(w));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  public void addField(long docId, String name, String value) throws IOException {
    addTerm(docId, Terms.field(name, value));
  }

  public void addPath(long docId, String kindedPath, long... payload) throws IOException {
    addTerm(docId, Terms.path(kindedPath), payload);
  }

  /** Spills what is buffered and returns every run this builder wrote. */
  public List<RunDescriptor> finish() throws IOException {
    checkOpen();
    if (!postings.isEmpty() || !docs.isEmpty()) spill();
    finished = true;
    return Collections.unmodifiableList(new ArrayList<>(runs));
  }

  /** Capacity of every buffer this builder holds, in bytes. */
  public long bytesAllocated() {
    return postings.bytesAllocated() + docs.bytesAllocated();
  }

  public int spillCount() {
    return spills;
  }

  public long postingsAdded() {
    return postingsAdded;
  }

  public long docsAdded() {
    return docsAdded;
  }

  private void spill() throws IOException {
    int s = spills++;
    if (!postings.isEmpty()) {
      postings.spill(
          p -> runDir.resolve(String.format(Locale.ROOT, "%s-s%05d-t%05d.run", runPrefix, s, p)),
          runs);
    }
    if (!docs.isEmpty()) {
      runs.add(docs.spill(runDir.resolve(String.format(Locale.ROOT, "%s-s%05d-docs.run", runPrefix, s))));
    }
  }

  private void checkOpen() {
    if (finished) throw new IllegalStateException("ShardBuilder already finished");
  }

  @Override
  public void close() {
    finished = true;
  }
}
