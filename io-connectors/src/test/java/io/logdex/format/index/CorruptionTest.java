package io.logdex.format.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import io.logdex.format.TruncatedInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files are detected and named; hostile length fields fail without allocating. */
class CorruptionTest {
  @TempDir static Path tmp;
  static Path clean;
  static IndexFixture f;

  @BeforeAll
  static void build() throws IOException {
    f = IndexFixture.generate(3, 3000);
    clean = tmp.resolve("clean");
    f.build(clean, tmp.resolve("work"), new IndexOptions(2, 10), new BuildOptions(256 * 1024, 4), 3, 1);
  }

  private static int copies;

  static Path copy() throws IOException {
    Path d = Files.createDirectories(tmp.resolve("c" + copies++));
    try (Stream<Path> s = Files.list(clean)) {
      for (Path p : (Iterable<Path>) s::iterator) Files.copy(p, d.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }
    return d;
  }

  /** Reads everything through the query paths (not verify()), so each read path meets the damage. */
  static void readEverything(Path dir) throws IOException {
    try (IndexReader r = IndexReader.open(dir, new ReaderOptions(1 << 20))) {
      long[] buf = new long[3];
      TermCursor c = r.termsWithPrefix(new byte[0]);
      while (c.next()) {
        PostingsIterator it = r.postings(c.term());
        while (it.nextDoc() != DocIdIterator.NO_MORE_DOCS) {
          it.payload(buf);
          it.freq();
        }
      }
      r.count(Query.parse("-common"));
      for (DocRecord d : f.records) r.docRecord(d.docId());
    }
  }

  static void flip(Path file, long at) throws IOException {
    byte[] b = Files.readAllBytes(file);
    b[(int) at] ^= 0x10;
    Files.write(file, b);
  }

  @Test
  void aFlippedByteInAnyFileIsDetectedAndNamed() throws IOException {
    Random r = new Random(1);
    String[] names = {"p00000.dict", "p00001.post", "p00000.pay", "docs.table", "manifest.json"};
    for (String name : names) {
      long size = Files.size(clean.resolve(name));
      long[] spots = {0, 5, size / 2, size - 1, (long) (r.nextDouble() * size)};
      for (long at : spots) {
        Path d = copy();
        flip(d.resolve(name), at);
        FormatException e = assertThrows(FormatException.class, () -> readEverything(d), name + " @" + at);
        assertTrue(e.getMessage().contains(name), e.getMessage());
        // verify() finds page damage without any query touching it.
        if (!name.equals("manifest.json")) {
          FormatException v = assertThrows(FormatException.class, () -> {
            try (IndexReader x = IndexReader.open(d, ReaderOptions.defaults())) {
              x.verify();
            }
          });
          assertTrue(v.getMessage().contains(name), v.getMessage());
        }
      }
    }
  }

  @Test
  void aMiddlePageFlipSurfacesThroughQueriesWithItsOffset() throws IOException {
    Path d = copy();
    Path docs = d.resolve("docs.table");
    long size = Files.size(docs);
    assertTrue(size > 2 * IndexFormat.PAGE_BYTES, "want a doc table of 3+ pages, got " + size);
    flip(docs, IndexFormat.PAGE_BYTES + 100);
    try (IndexReader r = IndexReader.open(d, ReaderOptions.defaults())) {
      FormatException e = assertThrows(FormatException.class, () -> {
        for (DocRecord rec : f.records) r.docRecord(rec.docId());
      });
      assertTrue(e.getMessage().contains("docs.table"));
      assertEquals(IndexFormat.PAGE_BYTES, e.offset());
      assertTrue(e.getMessage().contains("checksum mismatch in page 1"), e.getMessage());
    }
  }

  @Test
  void truncationIsDetected() throws IOException {
    for (String name : new String[] {"p00001.dict", "docs.table", "p00000.post"}) {
      Path d = copy();
      Path p = d.resolve(name);
      byte[] b = Files.readAllBytes(p);
      Files.write(p, java.util.Arrays.copyOf(b, b.length - 3000));
      FormatException e = assertThrows(FormatException.class, () -> readEverything(d));
      assertTrue(e.getMessage().contains(name) && e.getMessage().contains("manifest says"), e.getMessage());
    }
    // Truncated on a page boundary and with the manifest edited to agree: the trailer is missing.
    Path d = copy();
    Path p = d.resolve("p00000.post");
    byte[] b = Files.readAllBytes(p);
    int cut = (b.length / IndexFormat.PAGE_BYTES) * IndexFormat.PAGE_BYTES;
    assertTrue(cut > 0 && cut < b.length);
    Files.write(p, java.util.Arrays.copyOf(b, cut));
    rewriteManifestSize(d, "p00000.post", b.length, cut);
    FormatException e = assertThrows(FormatException.class, () -> IndexReader.open(d, ReaderOptions.defaults()));
    assertTrue(e instanceof TruncatedInputException && e.getMessage().contains("p00000.post"), e.getMessage());
  }

  /** Edits one size in the manifest and refreshes its checksum, as a careless tool might. */
  static void rewriteManifestSize(Path d, String name, long from, long to) throws IOException {
    Path m = d.resolve("manifest.json");
    String s = Files.readString(m);
    String before = "\"name\": \"" + name + "\"";
    int at = s.indexOf(before);
    int bytesAt = s.indexOf("\"bytes\": " + from, at);
    s = s.substring(0, bytesAt) + "\"bytes\": " + to + s.substring(bytesAt + ("\"bytes\": " + from).length());
    Files.writeString(m, refreshCrc(s));
  }

  static String refreshCrc(String s) {
    int crcAt = s.lastIndexOf("\n  \"crc32c\": \"");
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(s.substring(0, crcAt + 1).getBytes(StandardCharsets.UTF_8));
    return s.substring(0, crcAt + 1) + String.format("  \"crc32c\": \"%08x\"\n}\n", crc.getValue());
  }

  @Test
  void anotherFormatVersionIsRefusedClearly() throws IOException {
    Path d = copy();
    Path m = d.resolve("manifest.json");
    int other = IndexFormat.VERSION + 1;
    String current = "\"formatVersion\": " + IndexFormat.VERSION;
    String text = Files.readString(m);
    assertTrue(text.contains(current), text);
    Files.writeString(m, refreshCrc(text.replace(current, "\"formatVersion\": " + other)));
    FormatException e = assertThrows(FormatException.class, () -> IndexReader.open(d, ReaderOptions.defaults()));
    assertTrue(e.getMessage().contains("version " + other + " is not supported") && e.getMessage().contains("manifest.json"), e.getMessage());

    // A data file from another version, checksums intact.
    Path d2 = copy();
    Path dict = d2.resolve("p00000.dict");
    byte[] logical = PagedFiles.logical(dict);
    assertEquals(IndexFormat.VERSION, logical[7]);
    logical[7] = (byte) other;
    PagedFiles.writeLogical(dict, logical);
    FormatException e2 = assertThrows(FormatException.class, () -> IndexReader.open(d2, ReaderOptions.defaults()));
    assertTrue(e2.getMessage().contains("version " + other + " is not supported") && e2.getMessage().contains("p00000.dict"), e2.getMessage());
  }

  @Test
  void aFileOfAnotherKindOrPartitionIsRefused() throws IOException {
    Path d = copy();
    Files.copy(d.resolve("p00000.post"), d.resolve("p00000.pay"), StandardCopyOption.REPLACE_EXISTING);
    rewriteManifestSize(d, "p00000.pay", Files.size(clean.resolve("p00000.pay")), Files.size(d.resolve("p00000.pay")));
    FormatException e = assertThrows(FormatException.class, () -> IndexReader.open(d, ReaderOptions.defaults()));
    assertTrue(e.getMessage().contains("magic is LDXP"), e.getMessage());
  }

  // ---- hostile content behind valid checksums ----

  static FormatException openDictWithFooter(byte[] footer) throws IOException {
    Path d = copy();
    Path dict = d.resolve("p00000.dict");
    PagedFiles.writeLogical(dict, PagedFiles.withFooter(PagedFiles.logical(dict), footer, IndexFormat.MAGIC_DICT));
    try (PagedFile pf = PagedFile.open(dict, IndexFormat.MAGIC_DICT, new PageCache(1 << 20), 1)) {
      return assertThrows(FormatException.class, () -> TermDictionaryReader.open(pf));
    }
  }

  @Test
  void hostileFooterCountsDoNotAllocate() throws IOException {
    GrowableBytes g = new GrowableBytes(16);
    g.writeVInt(Integer.MAX_VALUE); // block-index root entries
    openDictWithFooter(java.util.Arrays.copyOf(g.array(), g.length()));

    g.reset();
    g.writeVInt(1);
    g.writeVInt(1 << 30); // key length
    g.writeBytes(new byte[64], 0, 64);
    openDictWithFooter(java.util.Arrays.copyOf(g.array(), g.length()));

    g.reset();
    g.writeVInt(0); // empty root
    g.writeVLong(0);
    g.writeVLong(0);
    g.writeVInt(Integer.MAX_VALUE); // top terms
    g.writeBytes(new byte[64], 0, 64);
    FormatException e = openDictWithFooter(java.util.Arrays.copyOf(g.array(), g.length()));
    assertTrue(e.getMessage().contains("top-terms count"), e.getMessage());

    g.reset();
    g.writeVLong(-1L); // 10-byte varint that does not fit a count
    openDictWithFooter(java.util.Arrays.copyOf(g.array(), g.length()));
  }

  /** A dictionary with one single-term block whose five streams are given raw. */
  static Path dictWithEntry(Path dir, byte[]... streams) throws IOException {
    GrowableBytes body = new GrowableBytes(64);
    for (byte[] st : streams) {
      body.writeVLong((long) st.length << 1);
      body.writeBytes(st, 0, st.length);
    }
    return dictWithBlockBody(dir, bytes(body));
  }

  /** A dictionary with one single-term block whose streams section is given raw. */
  static Path dictWithBlockBody(Path dir, byte[] body) throws IOException {
    Path p = dir.resolve("hostile.dict");
    try (PagedFileWriter w = PagedFileWriter.create(p)) {
      w.writeHeader(IndexFormat.MAGIC_DICT, 0);
      BlockIndexWriter bi = new BlockIndexWriter(w);
      GrowableBytes block = new GrowableBytes(64);
      block.writeVLong(IndexFormat.HEADER_BYTES);
      block.writeVLong(IndexFormat.HEADER_BYTES);
      block.writeVInt(1);
      block.writeBytes(body, 0, body.length);
      bi.addBlock(new byte[] {'w', 'a'}, 2, block);
      GrowableBytes footer = new GrowableBytes(64);
      bi.finish(footer);
      footer.writeVLong(1);
      footer.writeVLong(1);
      footer.writeVInt(0);
      w.finish(IndexFormat.MAGIC_DICT, footer);
    }
    return p;
  }

  static byte[] vlongs(long... vs) {
    GrowableBytes g = new GrowableBytes(16);
    for (long v : vs) g.writeVLong(v);
    return bytes(g);
  }

  static final byte[] WA = {'w', 'a'};
  static final byte[] NONE = {};

  @Test
  void hostileDictionaryEntriesFailOnLookup() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("hostile"));
    // The well-formed entry first, so each case below fails for its own reason only.
    TermInfo ok = lookup(dictWithEntry(dir, vlongs(0, 2), vlongs(0), vlongs(GrowableBytes.zigzag(7)), NONE, WA));
    assertEquals(1, ok.df);
    assertEquals(7, ok.singleDoc);

    expectLookupFailure(dictWithEntry(dir, vlongs(0, 1 << 30), vlongs(0), vlongs(0), NONE, WA)); // suffix length
    expectLookupFailure(dictWithEntry(dir, vlongs(0, 3), vlongs(0), vlongs(0), NONE, WA)); // suffixes run out
    expectLookupFailure(dictWithEntry(dir, vlongs(0, 2), vlongs(9), vlongs(0), NONE, WA)); // kind 9: low bits set
    expectLookupFailure(dictWithEntry(dir, vlongs(0, 2), vlongs(3), vlongs(0), NONE, WA)); // 3 payload longs missing
    expectLookupFailure(dictWithEntry(dir, vlongs(0, 2), vlongs(0), vlongs(GrowableBytes.zigzag(-1)), NONE, WA)); // docId -1
    // Stray bytes after the block's last term: a lookup stops at its term, a scan checks the end.
    Path stray = dictWithEntry(dir, vlongs(0, 2), vlongs(0), vlongs(0, 0), NONE, WA);
    try (PagedFile pf = PagedFile.open(stray, IndexFormat.MAGIC_DICT, new PageCache(1 << 20), 1)) {
      TermDictionaryReader.Cursor c = TermDictionaryReader.open(pf).new Cursor();
      assertTrue(c.seekFirst());
      assertTrue(c.next());
      FormatException e = assertThrows(FormatException.class, c::next);
      assertTrue(e.getMessage().contains("singles stream has bytes after"), e.getMessage());
    }
    // postings length overflows the offset, refused by the dictionary
    expectLookupFailure(dictWithEntry(dir, vlongs(0, 2), vlongs(1L << 42), NONE, vlongs(Long.MAX_VALUE, 0), WA));

    // Hostile stream headers: a stored length beyond the block, a raw length beyond any block, and
    // a zstd frame that is garbage or decodes to another length.
    expectLookupFailure(dictWithBlockBody(dir, vlongs(Long.MAX_VALUE)));
    expectLookupFailure(dictWithBlockBody(dir, vlongs((4L << 1) | 1, Integer.MAX_VALUE, 1, 2, 3, 4)));
    expectLookupFailure(dictWithBlockBody(dir, vlongs((4L << 1) | 1, 40, 1, 2, 3, 4)));
    byte[] frame = com.github.luben.zstd.Zstd.compress(new byte[40]);
    GrowableBytes wrongSize = new GrowableBytes(64);
    wrongSize.writeVLong(((long) frame.length << 1) | 1);
    wrongSize.writeVInt(39);
    wrongSize.writeBytes(frame, 0, frame.length);
    expectLookupFailure(dictWithBlockBody(dir, bytes(wrongSize)));

    TermInfo t = lookup(dictWithEntry(dir, vlongs(0, 2), vlongs(1L << 42), NONE, vlongs(1L << 50, 0), WA));
    // The pointer is checked against the postings file before anything is read.
    Path post = clean.resolve("p00000.post");
    try (PagedFile pf = PagedFile.open(post, IndexFormat.MAGIC_POSTINGS, new PageCache(1 << 20), 2);
        PagedFile pay = PagedFile.open(clean.resolve("p00000.pay"), IndexFormat.MAGIC_PAYLOADS, new PageCache(1 << 20), 3)) {
      assertThrows(FormatException.class, () -> new BlockPostingsIterator(pf, pay, t));
      // A huge df over a real but short region runs out of bytes instead of allocating or looping.
      t.postLength = 40;
      t.payLength = 0;
      PostingsIterator it = new BlockPostingsIterator(pf, pay, t);
      assertThrows(FormatException.class, () -> {
        while (it.nextDoc() != DocIdIterator.NO_MORE_DOCS) {}
      });
      PostingsIterator it2 = new BlockPostingsIterator(pf, pay, t);
      assertThrows(FormatException.class, () -> it2.advance(1L << 50));
    }
  }

  static byte[] bytes(GrowableBytes g) {
    return java.util.Arrays.copyOf(g.array(), g.length());
  }

  static TermInfo lookup(Path dict) throws IOException {
    try (PagedFile pf = PagedFile.open(dict, IndexFormat.MAGIC_DICT, new PageCache(1 << 20), 1)) {
      return TermDictionaryReader.open(pf).lookup(new byte[] {'w', 'a'});
    }
  }

  static void expectLookupFailure(Path dict) throws IOException {
    try (PagedFile pf = PagedFile.open(dict, IndexFormat.MAGIC_DICT, new PageCache(1 << 20), 1)) {
      TermDictionaryReader r = TermDictionaryReader.open(pf);
      FormatException e = assertThrows(FormatException.class, () -> r.lookup(new byte[] {'w', 'a'}));
      assertTrue(e.getMessage().contains("hostile.dict"), e.getMessage());
    }
  }

  @Test
  void hostileRunsAndDocBlocksFail() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("hostile-runs"));
    Path run = dir.resolve("t.run");
    try (PagedFileWriter w = PagedFileWriter.create(run)) {
      w.writeHeader(IndexFormat.MAGIC_TERM_RUN, 0);
      GrowableBytes e = new GrowableBytes(32);
      e.writeVInt(0);
      e.writeVInt(Integer.MAX_VALUE);
      e.writeBytes(new byte[20], 0, 20);
      w.write(e);
      GrowableBytes footer = new GrowableBytes(8);
      footer.writeVLong(1);
      w.finish(IndexFormat.MAGIC_TERM_RUN, footer);
    }
    RunDescriptor rd = new RunDescriptor(RunDescriptor.Kind.TERMS, 0, run.toString(), 1, Files.size(run));
    try (TermRunReader r = new TermRunReader(rd)) {
      assertThrows(FormatException.class, r::next);
    }
    // A descriptor that disagrees with the run is refused up front.
    assertThrows(FormatException.class, () -> new TermRunReader(new RunDescriptor(RunDescriptor.Kind.TERMS, 0, run.toString(), 5, 0)).close());

    // Doc table with a block claiming 2^31-1 records.
    Path docs = copy().resolve("docs.table");
    byte[] logical = PagedFiles.logical(docs);
    logical[IndexFormat.HEADER_BYTES] = (byte) 0xFF;
    logical[IndexFormat.HEADER_BYTES + 1] = (byte) 0xFF;
    logical[IndexFormat.HEADER_BYTES + 2] = (byte) 0xFF;
    logical[IndexFormat.HEADER_BYTES + 3] = (byte) 0xFF;
    logical[IndexFormat.HEADER_BYTES + 4] = (byte) 0x07;
    PagedFiles.writeLogical(docs, logical);
    try (PagedFile pf = PagedFile.open(docs, IndexFormat.MAGIC_DOCS, new PageCache(1 << 20), 0)) {
      DocTableReader t = DocTableReader.open(pf);
      FormatException e = assertThrows(FormatException.class, () -> t.find(f.docs.firstKey()));
      assertTrue(e.getMessage().contains("doc block of 2147483647 records"), e.getMessage());
      assertThrows(FormatException.class, () -> t.allDocs().nextDoc());
    }
  }

  @Test
  void conflictingDuplicatesAreErrors() throws IOException {
    Path work = Files.createDirectories(tmp.resolve("dups"));
    IndexOptions io = new IndexOptions(1, 0);
    BuildOptions bo = BuildOptions.defaults();
    ShardBuilder one = new ShardBuilder(work, "x", io, bo);
    one.addTerm(1, Terms.path("a"), 1, 2);
    one.addTerm(1, Terms.path("a"), 1, 3);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, one::finish);
    assertTrue(e.getMessage().contains("path:a") && e.getMessage().contains("doc 1"), e.getMessage());

    ShardBuilder a = new ShardBuilder(work, "a", io, bo);
    ShardBuilder b = new ShardBuilder(work, "b", io, bo);
    a.addTerm(7, Terms.path("p"), 1);
    b.addTerm(7, Terms.path("p"), 2);
    List<RunDescriptor> runs = new java.util.ArrayList<>(a.finish());
    runs.addAll(b.finish());
    Path out = Files.createDirectories(tmp.resolve("dups-out"));
    FormatException fe = assertThrows(FormatException.class, () -> new RunMerger(bo).mergeTermRuns(0, runs, io, out, work));
    assertTrue(fe.getMessage().contains("conflicting payloads for path:p in doc 7"), fe.getMessage());
    // Nothing half-written is left under a final name.
    try (Stream<Path> s = Files.list(out)) {
      assertEquals(0, s.count());
    }

    ShardBuilder c = new ShardBuilder(work, "c", io, bo);
    ShardBuilder dd = new ShardBuilder(work, "d", io, bo);
    c.addDocument(new DocRecord(3, 0, 0, 10, 1));
    dd.addDocument(new DocRecord(3, 0, 0, 11, 1));
    List<RunDescriptor> docRuns = new java.util.ArrayList<>(c.finish());
    docRuns.addAll(dd.finish());
    FormatException de = assertThrows(FormatException.class, () -> new RunMerger(bo).mergeDocRuns(docRuns, out, work));
    assertTrue(de.getMessage().contains("two different records for doc 3"), de.getMessage());
  }

  @Test
  void manifestRoundTripsAndRejectsGarbage() throws IOException {
    IndexManifest m = IndexManifest.read(clean);
    assertEquals(f.docs.size(), m.docs());
    Map<String, Long> sizes = new TreeMap<>();
    for (IndexManifest.FileEntry e : m.files()) sizes.put(e.name(), e.bytes());
    try (Stream<Path> s = Files.list(clean)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        String n = p.getFileName().toString();
        if (!n.equals("manifest.json")) assertEquals(Files.size(p), sizes.get(n), n);
      }
    }
    assertEquals(Files.readString(clean.resolve("manifest.json")), m.toJson());
    Path d = copy();
    for (String garbage : new String[] {"", "{", "[1]", "{\"format\": \"other\"}", "{\"a\": 1e5}", "{\"a\": {\"a\": {\"a\": {\"a\": {\"a\": {\"a\": {\"a\": {\"a\": {\"a\": {\"a\": {\"a\": {\"a\": {\"a\": {\"a\": {\"a\": {\"a\": {\"a\": {\"a\": 1}}}}}}}}}}}}}}}}}}"}) {
      Files.writeString(d.resolve("manifest.json"), garbage);
      FormatException e = assertThrows(FormatException.class, () -> IndexManifest.read(d), garbage);
      assertTrue(e.getMessage().contains("manifest.json"));
    }
  }
}
