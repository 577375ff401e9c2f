package io.logdex.format.index;

import java.util.Locale;

/**
 * The constants that define index format version {@value #VERSION}. They are not options: a reader
 * relies on every one of them, so changing any of them means a new format version.
 */
public final class IndexFormat {
  private IndexFormat() {}

  public static final int VERSION = 7;

  /** Physical page: {@link #PAGE_DATA_BYTES} of data followed by a CRC-32C of that page. */
  public static final int PAGE_BYTES = 16 * 1024;

  public static final int PAGE_DATA_BYTES = PAGE_BYTES - 4;

  /** DocIds per postings block; every block but a term's last holds exactly this many. */
  public static final int BLOCK_DOCS = 128;

  /** Postings blocks per skip group (the level-1 skip header covers this many blocks). */
  public static final int GROUP_BLOCKS = 32;

  /** Most terms per dictionary block. */
  public static final int DICT_BLOCK_TERMS = 256;

  /**
   * A dictionary block ends once its suffix bytes reach this many, so long terms cannot make a
   * lookup decode (or a hostile block allocate) much more than this.
   */
  public static final int DICT_BLOCK_SUFFIX_BYTES = 16 * 1024;

  /** Block entries per index page. */
  public static final int INDEX_PAGE_ENTRIES = 64;

  /** Doc records per doc-table block. */
  public static final int DOC_BLOCK_RECORDS = 128;

  /** Longest term, namespace byte included. */
  public static final int MAX_TERM_BYTES = 32 * 1024;

  /**
   * Longest path (UTF-8 bytes of its canonical spelling) that gets a path term. Deeper nodes are
   * reached from their nearest ancestor within it (FORMAT.md, "Terms"): indexing every path of a
   * chain a million deep would write O(depth²) term bytes, and lookups walk down from the ancestor.
   */
  public static final int MAX_PATH_BYTES = 4 * 1024;

  /**
   * The sparse snapshot path rule's span T (FORMAT.md, "Terms"): a node N inside a snapshot record,
   * with parent container P, gets a path term only if {@code end(N) - start(P) >= T}, so the walk
   * from N's nearest indexed ancestor down to N reads fewer than T bytes. 4 KiB, not 1 KiB: half
   * the path terms (365k against 712k on a 268 MB snapshot) and a 15% smaller index for the same
   * build CPU, while a walk of under 4 KiB of tokens is about 10 µs at the tokenizer's measured
   * 400-500 MB/s (BENCHMARKS.md, "Sparse snapshot path terms").
   */
  public static final int SNAPSHOT_PATH_SPAN = 4096;

  private static volatile int snapshotPathSpan = SNAPSHOT_PATH_SPAN;

  /**
   * The span writers apply and the manifest records: {@link #SNAPSHOT_PATH_SPAN} except in tests,
   * which shrink it so that most nodes of a small document are unindexed. Readers never need it
   * (they probe ancestors until a term is found), it is recorded so that a build says what it did.
   */
  public static int snapshotPathSpan() {
    return snapshotPathSpan;
  }

  /** For tests only: sets the span writers apply (at least 1); returns the previous one. */
  public static int setSnapshotPathSpanForTests(int span) {
    if (span < 1) throw new IllegalArgumentException("span must be at least 1: " + span);
    int old = snapshotPathSpan;
    snapshotPathSpan = span;
    return old;
  }

  /** Most longs a posting's payload may carry. */
  public static final int MAX_PAYLOAD_LONGS = 3;

  /** What an exhausted iterator returns from docId(), nextDoc() and advance(). */
  public static final long NO_MORE_DOCS = Long.MAX_VALUE;

  public static final long MAX_DOC_ID = Long.MAX_VALUE - 1;

  static final int HEADER_BYTES = 12;
  static final int TRAILER_BYTES = 16;

  static final int MAGIC_DICT = magic("LDXD");
  static final int MAGIC_POSTINGS = magic("LDXP");
  static final int MAGIC_PAYLOADS = magic("LDXY");
  static final int MAGIC_DOCS = magic("LDXT");
  static final int MAGIC_LENGTHS = magic("LDXL");
  static final int MAGIC_TERM_RUN = magic("LDXR");
  static final int MAGIC_DOC_RUN = magic("LDXS");
  static final int MAGIC_COLUMNS = magic("LDXC");
  static final int MAGIC_COLUMN_RUN = magic("LDXU");

  public static final String MANIFEST_FILE = "manifest.json";
  public static final String DOC_TABLE_FILE = "docs.table";
  public static final String DOC_LENGTHS_FILE = "docs.len";
  public static final String COLUMNS_FILE = "typed.cols";

  /** Values per typed-column block (a chunk's last block of a column may hold fewer). */
  public static final int COLUMN_BLOCK_VALUES = 1024;

  /**
   * The most bytes a typed-column block can take (its head, a 9-byte first docId and a 10-byte
   * first value, then at most 9 + 10 bytes per further value): a longer entry is corrupt, so a
   * reader's copy of a block spanning two pages is bounded.
   */
  static final int MAX_COLUMN_BLOCK_BYTES = 2 + 9 + 10 + (COLUMN_BLOCK_VALUES - 1) * (9 + 10);

  /** Most typed columns one chunk keeps; values of further fields stay field terms. */
  public static final int MAX_CHUNK_COLUMNS = 64;

  public static String dictFile(int partition) {
    return String.format(Locale.ROOT, "p%05d.dict", partition);
  }

  public static String postingsFile(int partition) {
    return String.format(Locale.ROOT, "p%05d.post", partition);
  }

  public static String payloadsFile(int partition) {
    return String.format(Locale.ROOT, "p%05d.pay", partition);
  }

  private static int magic(String s) {
    return (s.charAt(0) << 24) | (s.charAt(1) << 16) | (s.charAt(2) << 8) | s.charAt(3);
  }

  static String magicName(int magic) {
    StringBuilder sb = new StringBuilder(4);
    for (int shift = 24; shift >= 0; shift -= 8) {
      int c = (magic >>> shift) & 0xFF;
      if (c >= 0x20 && c < 0x7F) sb.append((char) c);
      else sb.append(String.format(Locale.ROOT, "\\x%02x", c));
    }
    return sb.toString();
  }

  static void checkDocId(long docId) {
    if (docId < 0 || docId > MAX_DOC_ID) {
      throw new IllegalArgumentException("docId out of range [0, Long.MAX_VALUE - 1]: " + docId);
    }
  }
}
