package io.logdex.format.index;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * BM25 as Lucene 9's {@code BM25Similarity} computes it, with its defaults k1 = 1.2 and b = 0.75:
 * per query word t matching document d,
 * {@code idf(t) · tf / (tf + k1 · (1 - b + b · dl / avgdl))}, with
 * {@code idf(t) = ln(1 + (N - n + 0.5) / (n + 0.5))}, summed over the query's words in d (Lucene 9
 * dropped the constant factor k1 + 1 from the numerator, so scores compare with Lucene's).
 *
 * <p>The statistics are the index's, whatever its partitioning: N is the index's documents, n the
 * word term's df (a term lives whole in one partition, so its df already counts every document),
 * avgdl the index's total words over N, tf the word's occurrences in d (the postings' frequency)
 * and dl d's word count (its record's {@code wordCount}, read from {@code docs.len}, exact; Lucene
 * rounds it to one byte).
 * The same records built with any partition count, chunk size or bundle split so score the same.
 */
public final class Bm25 {
  public static final double K1 = 1.2;
  public static final double B = 0.75;

  private final double n;
  private final double avgdl;

  public Bm25(long docs, long totalWords) {
    this.n = docs;
    this.avgdl = docs == 0 ? 1 : Math.max(Double.MIN_NORMAL, (double) totalWords / docs);
  }

  /** Lucene's idf of a term in df of the index's documents. */
  public double idf(long df) {
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** One word's part of a document's score. */
  public double score(double idf, int tf, long dl) {
    double norm = K1 * (1 - B + B * dl / avgdl);
    return idf * tf / (tf + norm);
  }

  /**
   * The words a query scores: its word terms outside any NOT, phrases' words included, each once in
   * order of first appearance. Prefixes, field values and ranges filter without scoring (Lucene
   * scores a prefix query as a constant).
   */
  public static List<byte[]> scoredWords(Query q) {
    Set<String> seen = new LinkedHashSet<>();
    List<byte[]> out = new ArrayList<>();
    collect(q, seen, out);
    return out;
  }

  private static void collect(Query q, Set<String> seen, List<byte[]> out) {
    if (q instanceof Query.Term t) {
      byte[] b = t.raw();
      if (b.length > 1 && b[0] == Terms.WORD && seen.add(new String(b, java.nio.charset.StandardCharsets.ISO_8859_1))) out.add(b);
    } else if (q instanceof Query.Phrase p) {
      collect(p.candidates(), seen, out);
    } else if (q instanceof Query.And a) {
      for (Query c : a.clauses()) collect(c, seen, out);
    } else if (q instanceof Query.Or o) {
      for (Query c : o.clauses()) collect(c, seen, out);
    }
  }
}
