package io.logdex.format.index;

import java.io.Serializable;

/** What merging the doc runs produced: the doc table's bytes, and those of the document lengths ({@code docs.len}). */
public record DocTableSummary(long docs, long totalWords, long bytes, long lengthsBytes) implements Serializable {}
