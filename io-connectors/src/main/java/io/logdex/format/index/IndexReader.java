package io.logdex.format.index;

import io.logdex.format.FormatException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opens a finished index and answers term lookups, boolean queries, prefix scans, doc records and
 * stats. Memory is bounded: the manifest, one small block-index root and top-terms list per
 * dictionary, and a {@link PageCache} of at most {@link ReaderOptions#cacheBytes()}; nothing grows
 * with the number of postings. Safe for concurrent use by any number of threads (iterators and
 * cursors it returns are per-thread). All corruption surfaces as {@link FormatException} naming the
 * file and the physical byte offset.
 */
public final class IndexReader implements Closeable {
  private final Path dir;
  private final IndexManifest manifest;
  private final PageCache cache;
  private final DocTableReader docTable;
  private final DocLengths lengths;
  private final TermDictionaryReader[] dicts;
  private final PagedFile[] postFiles;
  private final PagedFile[] payFiles;
  private final List<PagedFile> allFiles;
  private final Columns columns;

  private IndexReader(
      Path dir,
      IndexManifest manifest,
      PageCache cache,
      DocTableReader docTable,
      DocLengths lengths,
      TermDictionaryReader[] dicts,
      PagedFile[] postFiles,
      PagedFile[] payFiles,
      List<PagedFile> allFiles,
      Columns columns) {
    this.columns = columns;
    this.dir = dir;
    this.manifest = manifest;
    this.cache = cache;
    this.docTable = docTable;
    this.lengths = lengths;
    this.dicts = dicts;
    this.postFiles = postFiles;
    this.payFiles = payFiles;
    this.allFiles = allFiles;
  }

  public static IndexReader open(Path dir, ReaderOptions options) throws IOException {
    IndexManifest m = IndexManifest.read(dir);
    PageCache cache = new PageCache(options.cacheBytes());
    int p = m.partitions();
    List<PagedFile> opened = new ArrayList<>();
    try {
      PagedFile docs = openFile(dir, m, IndexFormat.DOC_TABLE_FILE, IndexFormat.MAGIC_DOCS, -1, cache, 0, opened);
      DocTableReader docTable = DocTableReader.open(docs);
      if (docTable.docs != m.docs() || docTable.totalWords != m.totalWords()) {
        throw docs.error("doc table holds " + docTable.docs + " docs, the manifest says " + m.docs(), docs.footerOffset);
      }
      PagedFile len = openFile(dir, m, IndexFormat.DOC_LENGTHS_FILE, IndexFormat.MAGIC_LENGTHS, -1, cache, 2 + 3 * p, opened);
      DocLengths lengths = DocLengths.open(len);
      if (lengths.docs != m.docs() || lengths.totalWords != m.totalWords()) {
        throw len.error("document lengths hold " + lengths.docs + " docs and " + lengths.totalWords
            + " words, the manifest says " + m.docs() + " and " + m.totalWords(), len.footerOffset);
      }
      TermDictionaryReader[] dicts = new TermDictionaryReader[p];
      PagedFile[] posts = new PagedFile[p];
      PagedFile[] pays = new PagedFile[p];
      for (int i = 0; i < p; i++) {
        PagedFile d = openFile(dir, m, IndexFormat.dictFile(i), IndexFormat.MAGIC_DICT, i, cache, 1 + 3 * i, opened);
        dicts[i] = TermDictionaryReader.open(d);
        IndexManifest.FileEntry e = m.file(IndexFormat.dictFile(i));
        if (dicts[i].terms != e.terms() || dicts[i].postings != e.postings()) {
          throw d.error("dictionary counts disagree with the manifest", d.footerOffset);
        }
        posts[i] = openFile(dir, m, IndexFormat.postingsFile(i), IndexFormat.MAGIC_POSTINGS, i, cache, 2 + 3 * i, opened);
        pays[i] = openFile(dir, m, IndexFormat.payloadsFile(i), IndexFormat.MAGIC_PAYLOADS, i, cache, 3 + 3 * i, opened);
      }
      PagedFile cols = openFile(dir, m, IndexFormat.COLUMNS_FILE, IndexFormat.MAGIC_COLUMNS, -1, cache, 1 + 3 * p, opened);
      return new IndexReader(dir, m, cache, docTable, lengths, dicts, posts, pays, Collections.unmodifiableList(opened),
          Columns.open(cols));
    } catch (IOException | RuntimeException e) {
      for (PagedFile f : opened) {
        try {
          f.close();
        } catch (IOException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  private static PagedFile openFile(
      Path dir, IndexManifest m, String name, int magic, int partition, PageCache cache, int fileId, List<PagedFile> opened)
      throws IOException {
    Path path = dir.resolve(name);
    IndexManifest.FileEntry e = m.file(name);
    if (e == null) throw new FormatException("manifest does not list " + name, dir.resolve(IndexFormat.MANIFEST_FILE).toString(), -1);
    long size;
    try {
      size = Files.size(path);
    } catch (NoSuchFileException ex) {
      throw new FormatException("file listed in the manifest is missing", path.toString(), -1);
    }
    if (size != e.bytes()) {
      throw new FormatException("file is " + size + " bytes, the manifest says " + e.bytes() + " (truncated or replaced?)", path.toString(), Math.min(size, e.bytes()));
    }
    PagedFile f = PagedFile.open(path, magic, cache, fileId);
    opened.add(f);
    if (f.headerValue != partition) throw f.error("file belongs to partition " + f.headerValue + ", expected " + partition, 8);
    return f;
  }

  public Path directory() {
    return dir;
  }

  public IndexManifest manifest() {
    return manifest;
  }

  public PageCache cache() {
    return cache;
  }

  /** The typed columns (numbers and times of top-level fields). */
  public Columns columns() {
    return columns;
  }

  private int partitionOf(byte[] term) {
    return Partitioner.partition(term, dicts.length);
  }

  public long docFreq(byte[] term) throws IOException {
    TermInfo t = dicts[partitionOf(term)].lookup(term);
    return t == null ? 0 : t.df;
  }

  /** The term's postings; an empty iterator if the term is absent. */
  public PostingsIterator postings(byte[] term) throws IOException {
    int p = partitionOf(term);
    return postings(p, dicts[p].lookup(term));
  }

  private PostingsIterator postings(int p, TermInfo t) throws IOException {
    if (t == null) return new EmptyIterator();
    if (t.df == 1) return new SingletonPostingsIterator(t.singleDoc, t.singlePayload, t.singlePayloadLen, t.singleFreq);
    return new BlockPostingsIterator(postFiles[p], payFiles[p], t);
  }

  /** A cursor over the document lengths (BM25's), for ascending docIds. */
  DocLengths.Cursor lengthsCursor() {
    return lengths.new Cursor();
  }

  /** The smallest document length (word count) in the index, which bounds BM25 scores. */
  int minLength() {
    return lengths.minLength;
  }

  /** The record of docId, or null if the index has no such document. */
  public DocRecord docRecord(long docId) throws IOException {
    return docTable.find(docId);
  }

  /**
   * Every doc record, in ascending docId order, streamed one doc block at a time (bounded memory;
   * cheaper than {@link #docRecord} per docId when every document is wanted).
   */
  public DocRecordIterator allDocs() {
    return new DocRecordIterator(docTable);
  }

  /** Most terms a prefix may expand to: a one-letter prefix must not open every term's postings. */
  public static final int MAX_PREFIX_TERMS = 10_000;

  /**
   * An iterator over the docs matching q, in ascending docId order; for phrases and exact-case
   * values (which need a {@link RecordVerifier}) over their candidates, a superset.
   */
  public DocIdIterator iterator(Query q) throws IOException {
    return iterator(q, true);
  }

  /**
   * The docs of q, with each phrase and exact value read as its candidates where upper (a superset
   * of q's docs) and as nothing where not (a subset); NOT flips between the two.
   */
  DocIdIterator iterator(Query q, boolean upper) throws IOException {
    if (q instanceof Query.Term) return postings(((Query.Term) q).raw());
    if (q instanceof Query.Prefix) return prefix((Query.Prefix) q);
    if (q instanceof Query.Range r) return columns.range(r.name(), r.kind(), r.lo(), r.hi());
    if (q instanceof Query.Phrase) return upper ? iterator(((Query.Phrase) q).candidates(), true) : new EmptyIterator();
    if (q instanceof Query.Exact) return upper ? iterator(((Query.Exact) q).candidates(), true) : new EmptyIterator();
    if (q instanceof Query.Not) return new ExclusionIterator(docTable.allDocs(), iterator(((Query.Not) q).clause(), !upper));
    if (q instanceof Query.Or) {
      List<DocIdIterator> subs = new ArrayList<>();
      for (Query c : ((Query.Or) q).clauses()) {
        DocIdIterator it = iterator(c, upper);
        if (it.cost() > 0) subs.add(it);
      }
      if (subs.isEmpty()) return new EmptyIterator();
      return subs.size() == 1 ? subs.get(0) : new DisjunctionIterator(subs);
    }
    return and(((Query.And) q).clauses(), upper, null);
  }

  /**
   * The AND of clauses; a word clause takes the scorer's postings of that word when share is given
   * (see {@link #rankedIterator}).
   */
  private DocIdIterator and(List<Query> clauses, boolean upper, HitScorer share) throws IOException {
    List<DocIdIterator> include = new ArrayList<>();
    List<DocIdIterator> exclude = new ArrayList<>();
    for (Query c : clauses) {
      if (c instanceof Query.Not) {
        DocIdIterator it = iterator(((Query.Not) c).clause(), !upper);
        if (it.cost() > 0) exclude.add(it);
      } else {
        DocIdIterator shared = share != null && c instanceof Query.Term t ? share.take(t.raw()) : null;
        DocIdIterator it = shared != null ? shared : iterator(c, upper);
        if (it.cost() == 0) return new EmptyIterator();
        include.add(it);
      }
    }
    DocIdIterator base =
        include.isEmpty() ? docTable.allDocs() : include.size() == 1 ? include.get(0) : new ConjunctionIterator(include);
    if (exclude.isEmpty()) return base;
    return new ExclusionIterator(base, exclude.size() == 1 ? exclude.get(0) : new DisjunctionIterator(exclude));
  }

  /**
   * q's matches for a ranked search. An AND of terms that each have a postings block is walked a
   * block of its rarest term at a time ({@link TermConjunctionIterator}), which hands the scorer its
   * words' frequencies as it filters. Otherwise the words every match holds (q itself, or word
   * clauses of its top AND) are walked with the scorer's own postings iterators, so their blocks
   * are decoded once and the scorer finds them already on the doc; other words the scorer advances
   * itself.
   */
  private DocIdIterator rankedIterator(Query q, HitScorer scorer) throws IOException {
    if (q instanceof Query.Term t) {
      DocIdIterator shared = scorer.take(t.raw());
      return shared != null ? shared : iterator(q, true);
    }
    if (q instanceof Query.And a) {
      // An AND of terms of many postings each: block by block, as a count does.
      BlockPostingsIterator[] its = new BlockPostingsIterator[a.clauses().size()];
      for (int i = 0; i < its.length && its.length > 1; i++) {
        if (!(a.clauses().get(i) instanceof Query.Term t) || !(postings(t.raw()) instanceof BlockPostingsIterator b)) {
          its = null;
          break;
        }
        its[i] = b;
      }
      if (its != null && its.length > 1) {
        TermConjunctionIterator and = new TermConjunctionIterator(its);
        for (int i = 0; i < its.length; i++) scorer.freqsFrom(((Query.Term) a.clauses().get(i)).raw(), and, its[i]);
        return and;
      }
      return and(a.clauses(), true, scorer);
    }
    return iterator(q, true);
  }

  /** The OR of every term with the prefix, at most {@link #MAX_PREFIX_TERMS} of them. */
  private DocIdIterator prefix(Query.Prefix p) throws IOException {
    List<DocIdIterator> subs = new ArrayList<>();
    TermCursor c = new MergedTermCursor(p.raw());
    while (c.next()) {
      if (subs.size() == MAX_PREFIX_TERMS) {
        throw new QueryException("query column " + p.column() + ": '" + p.spelling() + "' matches more than "
            + MAX_PREFIX_TERMS + " terms; use a longer prefix");
      }
      subs.add(c.postings());
    }
    if (subs.isEmpty()) return new EmptyIterator();
    return subs.size() == 1 ? subs.get(0) : new DisjunctionIterator(subs);
  }

  /** Whether q holds phrases or exact values, which only a record read can decide. */
  public static boolean needsRecords(Query q) {
    return VerifiedMatcher.needsRecords(q);
  }

  /** The number of docs matching q; q must not hold phrases or exact values (see the overload). */
  public long count(Query q) throws IOException {
    return count(q, null);
  }

  /** The number of docs matching q, whose phrases and exact values verifier checks on the records. */
  public long count(Query q, RecordVerifier verifier) throws IOException {
    if (VerifiedMatcher.needsRecords(q)) {
      long[] n = new long[1];
      scan(q, verifier, (d, r) -> {
        n[0]++;
        return true;
      });
      return n[0];
    }
    if (q instanceof Query.Term) return docFreq(((Query.Term) q).raw());
    if (q instanceof Query.And && allTerms(((Query.And) q).clauses())) {
      List<Query> clauses = ((Query.And) q).clauses();
      BlockPostingsIterator[] its = new BlockPostingsIterator[clauses.size()];
      boolean blocks = true;
      for (int i = 0; i < its.length; i++) {
        PostingsIterator it = postings(((Query.Term) clauses.get(i)).raw());
        if (it.docFreq() == 0) return 0;
        if (it instanceof BlockPostingsIterator) its[i] = (BlockPostingsIterator) it;
        else blocks = false; // a df == 1 term: the generic path costs nothing
      }
      if (blocks) {
        Arrays.sort(its, (a, b) -> Long.compare(a.docFreq(), b.docFreq()));
        return TermConjunction.count(its);
      }
    }
    DocIdIterator it = iterator(q);
    long n = 0;
    while (it.nextDoc() != DocIdIterator.NO_MORE_DOCS) n++;
    return n;
  }

  private static boolean allTerms(List<Query> clauses) {
    for (Query c : clauses) if (!(c instanceof Query.Term)) return false;
    return true;
  }

  /** The first limit matching docs in ascending docId order, with their records; as {@link #count(Query)}. */
  public List<Hit> search(Query q, int limit) throws IOException {
    return search(q, limit, null);
  }

  /** The first limit matching docs in ascending docId order, with their records. */
  public List<Hit> search(Query q, int limit, RecordVerifier verifier) throws IOException {
    return search(q, limit, verifier, SortOrder.INDEX);
  }

  /**
   * The best limit matching docs in the given order, with their records and BM25 scores. In index
   * order the walk stops at the limit; by score or time every match is visited and the best kept
   * in a heap of limit entries ({@link TopHits}), so memory is bounded by the limit, not the hits.
   */
  public List<Hit> search(Query q, int limit, RecordVerifier verifier, SortOrder sort) throws IOException {
    if (limit <= 0) return new ArrayList<>();
    HitScorer scorer = new HitScorer(this, q);
    if (sort == SortOrder.INDEX) {
      List<Hit> hits = new ArrayList<>(Math.min(limit, 1024));
      scan(q, verifier, (d, r) -> {
        hits.add(new Hit(d, r, scorer.score(d, r.wordCount())));
        return hits.size() < limit;
      });
      return hits;
    }
    ColumnCursor times = sort == SortOrder.TIME ? columns.cursor(TIME_FIELD, TypedValues.TIME) : null;
    TopHits top = new TopHits(limit);
    if (VerifiedMatcher.needsRecords(q)) {
      // Phrases and exact values are decided on the records, so every candidate's is read anyway.
      scan(q, verifier, (d, r) -> {
        float score = scorer.score(d, r.wordCount());
        long key = sortKey(sort, score, times, d);
        if (top.competitive(key, d)) top.offer(key, new Hit(d, r, score));
        return true;
      });
      return top.sorted();
    }
    // Otherwise no doc record is decoded until the best are known: lengths come from docs.len.
    DocIdIterator it = sort == SortOrder.SCORE ? rankedIterator(q, scorer) : iterator(q, true);
    DocLengths.Cursor len = lengths.new Cursor();
    if (sort == SortOrder.SCORE) {
      BlockMaxSearch.run(it, scorer, len, top);
      return withRecords(top.sorted());
    }
    for (long d = it.nextDoc(); d != DocIdIterator.NO_MORE_DOCS; d = it.nextDoc()) {
      float score = scorer.score(d, len.ofMatch(d));
      long key = sortKey(sort, score, times, d);
      if (top.competitive(key, d)) top.offer(key, new Hit(d, null, score));
    }
    return withRecords(top.sorted());
  }

  /** The heap key of a hit: by score, best first, or by the record's own time, earliest first. */
  private static long sortKey(SortOrder sort, float score, ColumnCursor times, long d) throws IOException {
    if (sort == SortOrder.SCORE) return BlockMaxSearch.key(score);
    if (times != null && times.advance(d) == d) return times.value();
    return Long.MAX_VALUE; // no time: after every timed record
  }

  /** The hits with their doc records, read in ascending docId order (one pass of the doc table). */
  List<Hit> withRecords(List<Hit> hits) throws IOException {
    Integer[] order = new Integer[hits.size()];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Long.compare(hits.get(a).docId(), hits.get(b).docId()));
    Hit[] out = new Hit[order.length];
    DocTableReader.Seeker seeker = docTable.new Seeker();
    for (int i : order) {
      Hit h = hits.get(i);
      DocRecord r = seeker.find(h.docId());
      if (r == null) throw docTable.file.error("a posting refers to doc " + h.docId() + ", which the doc table lacks", 0);
      out[i] = new Hit(h.docId(), r, h.score());
    }
    return new ArrayList<>(Arrays.asList(out));
  }

  /** The typed time that {@link SortOrder#TIME} sorts by: every log entry's own time (FORMAT.md, "Typed fields"). */
  static final String TIME_FIELD = "timestamp";

  /** Receives q's matches in ascending docId order; returns whether to go on. */
  private interface MatchSink {
    boolean accept(long docId, DocRecord record) throws IOException;
  }

  /**
   * Walks q's candidates (a superset of its docs), checks each on its record when q needs it, and
   * hands the matches to sink until it declines one.
   */
  private void scan(Query q, RecordVerifier verifier, MatchSink sink) throws IOException {
    VerifiedMatcher m = VerifiedMatcher.needsRecords(q) ? VerifiedMatcher.of(this, q, verifier) : null;
    DocIdIterator it = iterator(q, true);
    DocTableReader.Seeker seeker = docTable.new Seeker();
    for (long d = it.nextDoc(); d != DocIdIterator.NO_MORE_DOCS; d = it.nextDoc()) {
      DocRecord r = seeker.find(d);
      if (r == null) throw docTable.file.error("a posting refers to doc " + d + ", which the doc table lacks", 0);
      if (m != null && !m.matches(d, r)) continue;
      if (!sink.accept(d, r)) return;
    }
  }

  /** Terms starting with prefix, from every partition, merged in ascending byte order. */
  public TermCursor termsWithPrefix(byte[] prefix) throws IOException {
    return new MergedTermCursor(prefix.clone());
  }

  /** Path terms starting with pathPrefix (so "a.b" also yields "a.bc"; add "." or "[" to narrow). */
  public TermCursor pathsWithPrefix(String pathPrefix) throws IOException {
    byte[] body = pathPrefix.getBytes(StandardCharsets.UTF_8);
    byte[] t = new byte[body.length + 1];
    t[0] = Terms.PATH;
    System.arraycopy(body, 0, t, 1, body.length);
    return new MergedTermCursor(t);
  }

  public IndexStats stats() {
    Map<String, Long> sizes = new LinkedHashMap<>();
    for (IndexManifest.FileEntry f : manifest.files()) sizes.put(f.name(), f.bytes());
    List<TermFreq> all = new ArrayList<>();
    for (TermDictionaryReader d : dicts) all.addAll(d.topTerms);
    all.sort(TermFreq.BY_FREQUENCY);
    List<TermFreq> top = all.subList(0, Math.min(all.size(), manifest.topTerms()));
    return new IndexStats(
        manifest.docs(),
        manifest.terms(),
        manifest.postings(),
        manifest.totalWords(),
        manifest.partitions(),
        manifest.totalBytes(),
        Collections.unmodifiableMap(sizes),
        List.copyOf(top));
  }

  /** Reads every page of every file and checks its checksum (sequentially, bypassing the cache). */
  public void verify() throws IOException {
    for (PagedFile f : allFiles) f.verifyAllPages();
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (PagedFile f : allFiles) {
      try {
        f.close();
      } catch (IOException e) {
        if (first == null) first = e;
      }
    }
    if (first != null) throw first;
  }

  /** One partition's entries with a prefix. */
  private final class PartitionCursor {
    final int partition;
    final TermDictionaryReader.Cursor c;
    final byte[] prefix;
    boolean done;

    PartitionCursor(int partition, byte[] prefix) throws IOException {
      this.partition = partition;
      this.prefix = prefix;
      this.c = dicts[partition].new Cursor();
      done = !c.seekFloorBlock(prefix);
    }

    boolean next() throws IOException {
      while (!done && c.next()) {
        int cmp = Arrays.compareUnsigned(c.term, 0, Math.min(c.termLen, prefix.length), prefix, 0, prefix.length);
        if (cmp == 0 && c.termLen >= prefix.length) return true;
        if (cmp > 0) break;
      }
      done = true;
      return false;
    }
  }

  private final class MergedTermCursor implements TermCursor {
    private final PartitionCursor[] heap;
    private int size;
    private boolean started;
    private PartitionCursor current;

    MergedTermCursor(byte[] prefix) throws IOException {
      heap = new PartitionCursor[dicts.length];
      for (int i = 0; i < dicts.length; i++) heap[i] = new PartitionCursor(i, prefix);
    }

    @Override
    public boolean next() throws IOException {
      if (!started) {
        started = true;
        for (PartitionCursor pc : heap) if (pc.next()) heap[size++] = pc;
        for (int i = size / 2 - 1; i >= 0; i--) siftDown(i);
      } else if (size > 0) {
        if (!heap[0].next()) heap[0] = heap[--size];
        if (size > 0) siftDown(0);
      }
      current = size > 0 ? heap[0] : null;
      return current != null;
    }

    private boolean less(PartitionCursor a, PartitionCursor b) {
      return Arrays.compareUnsigned(a.c.term, 0, a.c.termLen, b.c.term, 0, b.c.termLen) < 0;
    }

    private void siftDown(int i) {
      PartitionCursor v = heap[i];
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

    private PartitionCursor current() {
      if (current == null) throw new IllegalStateException("no current term");
      return current;
    }

    @Override
    public byte[] term() {
      PartitionCursor pc = current();
      return Arrays.copyOf(pc.c.term, pc.c.termLen);
    }

    @Override
    public long docFreq() {
      return current().c.info.df;
    }

    @Override
    public PostingsIterator postings() throws IOException {
      PartitionCursor pc = current();
      TermInfo t = new TermInfo();
      t.copyFrom(pc.c.info);
      return IndexReader.this.postings(pc.partition, t);
    }
  }
}
