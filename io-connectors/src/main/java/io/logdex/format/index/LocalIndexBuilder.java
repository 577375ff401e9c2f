package io.logdex.format.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The whole build in one process, as the Beam pipeline does it in many: hand out {@link
 * ShardBuilder}s (one per bundle), then merge every partition's runs and the doc runs and write the
 * manifest last. For tests, benchmarks and small local indexes. Run files go to {@code workDir} and
 * are deleted by {@link #finish()}.
 */
public final class LocalIndexBuilder {
  private final Path indexDir;
  private final Path workDir;
  private final IndexOptions index;
  private final BuildOptions build;
  private final List<ShardBuilder> shards = new ArrayList<>();

  public LocalIndexBuilder(Path indexDir, Path workDir, IndexOptions index, BuildOptions build) throws IOException {
    this.indexDir = Files.createDirectories(indexDir);
    this.workDir = Files.createDirectories(workDir);
    this.index = index;
    this.build = build;
  }

  public ShardBuilder newShard() {
    ShardBuilder s = new ShardBuilder(workDir, "b" + shards.size(), index, build);
    shards.add(s);
    return s;
  }

  public IndexManifest finish() throws IOException {
    List<RunDescriptor> runs = new ArrayList<>();
    for (ShardBuilder s : shards) runs.addAll(s.finish());
    try {
      List<List<RunDescriptor>> byPartition = new ArrayList<>();
      for (int p = 0; p < index.partitions(); p++) byPartition.add(new ArrayList<>());
      List<RunDescriptor> docRuns = new ArrayList<>();
      List<RunDescriptor> columnRuns = new ArrayList<>();
      for (RunDescriptor r : runs) {
        if (r.kind() == RunDescriptor.Kind.DOCS) docRuns.add(r);
        else if (r.kind() == RunDescriptor.Kind.COLUMNS) columnRuns.add(r);
        else byPartition.get(r.partition()).add(r);
      }
      RunMerger merger = new RunMerger(build);
      List<PartitionSummary> parts = new ArrayList<>();
      for (int p = 0; p < index.partitions(); p++) {
        parts.add(merger.mergeTermRuns(p, byPartition.get(p), index, indexDir, workDir));
      }
      DocTableSummary docs = merger.mergeDocRuns(docRuns, indexDir, workDir);
      ColumnsSummary columns = ColumnMerger.merge(columnRuns, indexDir);
      IndexManifest m = IndexManifest.of(index, docs, parts, columns);
      m.writeTo(indexDir);
      return m;
    } finally {
      for (RunDescriptor r : runs) Files.deleteIfExists(Path.of(r.path()));
    }
  }
}
