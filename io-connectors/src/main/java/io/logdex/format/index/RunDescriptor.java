package io.logdex.format.index;

import java.io.Serializable;

/**
 * One sorted run file written by a {@link ShardBuilder} spill or an intermediate merge pass. Small
 * and serializable so it can cross a Beam GroupByKey keyed by {@code kind}/{@code partition}.
 *
 * @param partition the term partition, or -1 for doc runs
 * @param path where the run file is (a string, since {@code java.nio.file.Path} is not serializable)
 * @param entries postings (term runs) or doc records (doc runs) in the run
 * @param bytes physical size of the run file
 */
public record RunDescriptor(Kind kind, int partition, String path, long entries, long bytes)
    implements Serializable {
  public enum Kind {
    TERMS,
    DOCS,
    /** A chunk's typed columns ({@link ColumnRunWriter}); partition -1, merged with the doc runs. */
    COLUMNS
  }
}
