package io.logdex.format.index;

import java.io.Serializable;

/** What merging one partition produced; serializable so the Beam layer can collect them for the manifest. */
public record PartitionSummary(
    int partition, long terms, long postings, long dictBytes, long postingsBytes, long payloadsBytes)
    implements Serializable {}
