package io.logdex.benchmarks;

import io.logdex.format.index.IndexReader;
import io.logdex.format.index.Query;
import io.logdex.transforms.BuildOutput;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.FSDirectory;

/**
 * The top-10 query of {@link OpLogIngestVsLucene} again, on the indexes a run of it left in
 * WORKDIR, with Lucene and logdex alternating call by call, so that a machine whose load changes
 * during the measurement slows both alike (the harness times all of Lucene's runs, then all of
 * logdex's). Not JMH, for the harness's reasons; the same calls, the same checks.
 *
 * <p>Usage: {@code RankedTopAlternating WORKDIR N [RUNS [WORD]]}, N the harness's record count.
 */
public final class RankedTopAlternating {
  private RankedTopAlternating() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: RankedTopAlternating WORKDIR N [RUNS [WORD]]");
      System.exit(2);
    }
    Path work = Path.of(args[0]);
    int runs = args.length > 2 ? Integer.parseInt(args[2]) : 101;
    String word = args.length > 3 ? args[3] : "dlio";
    try (FSDirectory d = FSDirectory.open(work.resolve("lucene-" + args[1]));
        DirectoryReader r = DirectoryReader.open(d);
        BuildOutput b = BuildOutput.open(work.resolve("logdex-" + args[1]))) {
      IndexSearcher s = new IndexSearcher(r);
      s.setQueryCache(null);
      BooleanQuery lq = OpLogIngestVsLucene.luceneQuery(word);
      IndexReader idx = b.index();
      Query q = Query.parse("op:GET " + word);
      long[] lucene = new long[runs];
      long[] logdex = new long[runs];
      for (int i = -100; i < runs; i++) {
        long t0 = System.nanoTime();
        long lc = OpLogIngestVsLucene.luceneTop10(s, lq);
        long t1 = System.nanoTime();
        long xc = OpLogIngestVsLucene.logdexTop10(b, idx, q);
        long t2 = System.nanoTime();
        if ((lc >>> 32) != OpLogIngestVsLucene.TOP || (xc >>> 32) != OpLogIngestVsLucene.TOP) {
          throw new IllegalStateException("fewer than " + OpLogIngestVsLucene.TOP + " hits");
        }
        if (i >= 0) {
          lucene[i] = t1 - t0;
          logdex[i] = t2 - t1;
        }
      }
      long lm = Medians.median(lucene);
      long xm = Medians.median(logdex);
      System.out.printf("top-10 of op:GET %s, %d alternating runs: Lucene median %.2f ms, logdex %.2f ms, logdex/Lucene %.2f%n",
          word, runs, lm / 1e6, xm / 1e6, (double) xm / lm);
    }
  }
}
