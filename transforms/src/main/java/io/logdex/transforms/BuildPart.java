package io.logdex.transforms;

import io.logdex.format.index.ColumnsSummary;
import io.logdex.format.index.DocTableSummary;
import io.logdex.format.index.PartitionSummary;
import java.io.Serializable;

/**
 * Everything the commit step collects: one summary per chunk, per input, per term partition and
 * one for the doc table. A single element type lets them meet in one GroupByKey.
 */
public sealed interface BuildPart extends Serializable
    permits ChunkSummary, InputSummary, BuildPart.Partition, BuildPart.DocTable {

  /** A merged term partition. */
  record Partition(PartitionSummary summary) implements BuildPart {}

  /** The merged doc table and typed columns (their runs share the doc runs' group). */
  record DocTable(DocTableSummary summary, ColumnsSummary columns) implements BuildPart {}
}
