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
  /** Scratch for terms built in place: an ASCII word, or an ASCII field term. */
  private final byte[] termBuf = new byte[2 + Terms.MAX_FIELD_NAME_BYTES + Terms.MAX_FIELD_VALUE_BYTES];
  /**
   * Terms queued by {@link #queueTerm}, not yet interned: bytes, each one's end and docId. At most
   * QUEUED_TERMS terms and the bytes of one longest term (a full queue is interned first), so a
   * record with any number of words holds a fixed amount here.
   */
  private static final int QUEUED_TERMS = 64;
  private final byte[] queued = new byte[IndexFormat.MAX_TERM_BYTES];
  private final int[] queuedEnd = new int[QUEUED_TERMS];
  private final int[] queuedHash = new int[QUEUED_TERMS];
  private final long[] queuedDoc = new long[QUEUED_TERMS];
  private int queuedCount;
  private int spills;
  private long postingsAdded;
  private long docsAdded;
  private boolean finished;
  private ColumnRunWriter columns; // typed values, streamed to their own run as they come

  public ShardBuilder(Path runDir, String runPrefix, IndexOptions index, BuildOptions build) {
    this.runDir = runDir;
    this.runPrefix = runPrefix;
    this.budget = build.memoryBudgetBytes();
    this.postings = new PostingBuffer(index.partitions());
  }

  public void addDocument(DocRecord record) throws IOException {
    checkOpen();
    flushTerms();
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
    checkTerm(docId, len);
    if (payloadLen < 0 || payloadLen > IndexFormat.MAX_PAYLOAD_LONGS) throw new IllegalArgumentException("payload of " + payloadLen + " longs");
    flushTerms();
    intern(docId, term, off, len, Partitioner.murmur3(term, off, len, 0), payload, payloadLen);
  }

  private static void checkTerm(long docId, int len) {
    IndexFormat.checkDocId(docId);
    if (len < 1 || len > IndexFormat.MAX_TERM_BYTES) throw new IllegalArgumentException("term length " + len + " not in [1, " + IndexFormat.MAX_TERM_BYTES + "]");
  }

  /**
   * As {@link #addTerm(long, byte[], int, int, long[], int)} without a payload, but the term may
   * be interned later: at the next call of any other add, {@link #flushTerms}, or
   * {@link #finish}, in the order queued. Postings, spills and runs are exactly those of adding
   * the same terms one by one; what changes is that the hash-table lookups of a record's terms
   * are made together, so their cache misses overlap (see {@link #flushTerms}).
   */
  public void queueTerm(long docId, byte[] term, int off, int len) throws IOException {
    checkOpen();
    checkTerm(docId, len);
    int start = queuedCount == 0 ? 0 : queuedEnd[queuedCount - 1];
    if (queuedCount == QUEUED_TERMS || start + len > queued.length) {
      flushTerms();
      start = 0;
    }
    System.arraycopy(term, off, queued, start, len);
    queuedEnd[queuedCount] = start + len;
    queuedDoc[queuedCount++] = docId;
  }

  /**
   * Interns the queued terms in order. Most lookups of an op-log's terms miss the cache twice
   * (hash slot, then the term's bytes in the arena), and one at a time each miss waits for the
   * one before. So the terms are hashed first and their slots and bytes touched in one loop of
   * independent loads, which the memory system serves in parallel; the lookups that follow then
   * hit the cache. The touching decides nothing: only the order of memory traffic changes.
   */
  public void flushTerms() throws IOException {
    int n = queuedCount;
    if (n == 0) return;
    queuedCount = 0;
    byte[] q = queued;
    for (int i = 0, start = 0; i < n; start = queuedEnd[i++]) {
      queuedHash[i] = Partitioner.murmur3(q, start, queuedEnd[i] - start, 0);
    }
    postings.touch(queuedHash, queuedEnd, n);
    for (int i = 0, start = 0; i < n; start = queuedEnd[i++]) {
      intern(queuedDoc[i], q, start, queuedEnd[i] - start, queuedHash[i], noPayload, 0);
    }
  }

  private void intern(long docId, byte[] term, int off, int len, int hash, long[] payload, int payloadLen)
      throws IOException {
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

  /**
   * Adds every word of text (see {@link Words}) as a word term and returns how many words it
   * has, duplicates included.
   */
  public int addWords(long docId, CharSequence text) throws IOException {
    // Most values are ASCII: their words are built in place, with no String per word. Text with
    // any other char takes the general path, so the word rule stays in one place (Words).
    int n = text.length();
    for (int i = 0; i < n; i++) {
      if (text.charAt(i) >= 0x80) return addWordsSlowly(docId, text);
    }
    byte[] buf = termBuf;
    buf[0] = Terms.WORD;
    int words = 0;
    int i = 0;
    while (i < n) {
      char c = text.charAt(i);
      if (!Words.isAsciiWordChar(c)) {
        i++;
        continue;
      }
      int len = 1;
      do {
        if (len <= Words.MAX_WORD_CODE_POINTS) buf[len++] = (byte) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
        i++;
      } while (i < n && Words.isAsciiWordChar(c = text.charAt(i)));
      addTerm(docId, buf, 0, len, noPayload, 0);
      words++;
    }
    return words;
  }

  private int addWordsSlowly(long docId, CharSequence text) throws IOException {
    int[] words = new int[1];
    try {
      Words.forEach(
          text,
          w -> {
            try {
              words[0]++;
              addTerm(docId, Terms.word(w));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return words[0];
  }

  /** Adds the field term {@code name:value} (see {@link Terms#field}). */
  public void addField(long docId, String name, String value) throws IOException {
    int nl = name.length();
    int vl = value.length();
    if (nl == 0 || nl > Terms.MAX_FIELD_NAME_BYTES || !isAscii(name) || !isAscii(value)) {
      addTerm(docId, Terms.field(name, value));
      return;
    }
    // ASCII: one byte per char, so the value's cut is a plain length; built in place.
    byte[] buf = termBuf;
    buf[0] = Terms.FIELD;
    for (int i = 0; i < nl; i++) {
      char c = name.charAt(i);
      if (c == ':') throw new IllegalArgumentException("field name must be non-empty and without ':': " + name);
      buf[1 + i] = (byte) c;
    }
    buf[1 + nl] = ':';
    int cut = Math.min(vl, Terms.MAX_FIELD_VALUE_BYTES);
    for (int i = 0; i < cut; i++) buf[2 + nl + i] = Terms.asciiFieldByte(value.charAt(i));
    addTerm(docId, buf, 0, 2 + nl + cut, noPayload, 0);
  }

  /**
   * As {@link #addField} for an ASCII name and value given as bytes, but queued ({@link
   * #queueTerm}): the same term bytes, with no String per field. False, with nothing added, when
   * the name or value is not plain ASCII, the name is empty, too long or holds ':'; the caller then
   * takes addField, whose rules decide those cases.
   */
  public boolean queueAsciiField(long docId, byte[] name, int nameOff, int nameLen, byte[] value, int valueOff, int valueLen)
      throws IOException {
    if (nameLen == 0 || nameLen > Terms.MAX_FIELD_NAME_BYTES) return false;
    byte[] buf = termBuf; // queueTerm copies it before anything else uses it
    buf[0] = Terms.FIELD;
    for (int i = 0; i < nameLen; i++) {
      byte c = name[nameOff + i];
      if (c < 0 || c == ':') return false;
      buf[1 + i] = c;
    }
    buf[1 + nameLen] = ':';
    // The cut is checked over the whole value: a non-ASCII byte anywhere sends it to addField.
    int cut = Math.min(valueLen, Terms.MAX_FIELD_VALUE_BYTES);
    for (int i = 0; i < valueLen; i++) {
      byte c = value[valueOff + i];
      if (c < 0) return false;
      if (i < cut) buf[2 + nameLen + i] = Terms.asciiFieldByte(c);
    }
    queueTerm(docId, buf, 0, 2 + nameLen + cut);
    return true;
  }

  private static boolean isAscii(String s) {
    for (int i = 0, n = s.length(); i < n; i++) if (s.charAt(i) >= 0x80) return false;
    return true;
  }

  public void addPath(long docId, String kindedPath, long... payload) throws IOException {
    addTerm(docId, Terms.path(kindedPath), payload);
  }

  /**
   * A typed value of a top-level field ({@link TypedValues}), in ascending docId order; false when
   * this builder already holds its most columns, and the caller keeps the value as a field term.
   */
  public boolean addTyped(long docId, String name, byte kind, long value) throws IOException {
    checkOpen();
    // Queued terms may wait: columns are a run of their own, apart from postings and spills.
    if (columns == null) columns = new ColumnRunWriter(runDir.resolve(runPrefix + "-columns.run"));
    return columns.add(docId, name, kind, value);
  }

  /** Spills what is buffered and returns every run this builder wrote. */
  public List<RunDescriptor> finish() throws IOException {
    checkOpen();
    flushTerms();
    if (!postings.isEmpty() || !docs.isEmpty()) spill();
    if (columns != null) {
      RunDescriptor r = columns.finish();
      if (r != null) runs.add(r);
    }
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
    if (columns != null) {
      try {
        columns.close();
      } catch (IOException ignored) {
        // Only a run file's handle; the run is abandoned with the builder.
      }
    }
  }
}
