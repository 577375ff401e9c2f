package io.logdex.format.index;

import java.io.Serializable;

/** What {@link ColumnMerger} wrote: {@code typed.cols}'s columns, values and physical bytes. */
public record ColumnsSummary(int columns, long values, long bytes) implements Serializable {}
