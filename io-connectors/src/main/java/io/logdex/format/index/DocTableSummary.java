package io.logdex.format.index;

import java.io.Serializable;

/** What merging the doc runs produced. */
public record DocTableSummary(long docs, long totalWords, long bytes) implements Serializable {}
