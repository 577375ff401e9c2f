package io.logdex.samples;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The committed files in {@code samples/data}, as generator calls with fixed parameters.
 * Regenerating them ({@code Generate samples --dir=samples/data}) gives identical bytes; a test
 * checks that it does.
 */
public final class SampleFiles {
  /** The seed of every sample; chosen so the sample cluster is prod-eu-1 and its first namespace is payments. */
  public static final long SEED = 20251254;
  public static final String CLUSTER_JSON = "cluster-state.json";
  public static final String CLUSTER_TONY = "cluster-state.tony";
  public static final String COMMITS_JSONL = "commits.jsonl";
  public static final String COMMITS_TONY = "commits.tony";
  public static final String OPS_TSV_ZST = "ops.tsv.zst";
  public static final String OPS_JSONL = "ops.jsonl";
  public static final int COMMITS = 150;
  public static final int OPS_TSV_RECORDS = 2000;
  /** The JSONL sample holds the first records of the same log as the TSV one. */
  public static final int OPS_JSONL_RECORDS = 250;

  private SampleFiles() {}

  public static List<String> names() {
    return List.of(CLUSTER_JSON, CLUSTER_TONY, COMMITS_JSONL, COMMITS_TONY, OPS_TSV_ZST, OPS_JSONL);
  }

  /** Writes one sample file's bytes to {@code out}. */
  public static void write(String name, OutputStream out) throws IOException {
    switch (name) {
      case CLUSTER_JSON:
        SnapshotGenerator.write(out, Layout.sample(), DocFormat.PRETTY_JSON, SEED);
        return;
      case CLUSTER_TONY:
        SnapshotGenerator.write(out, Layout.sample(), DocFormat.WIRE, SEED);
        return;
      case COMMITS_JSONL:
        CommitLogGenerator.write(out, Layout.sample(), COMMITS, DocFormat.JSON, SEED);
        return;
      case COMMITS_TONY:
        CommitLogGenerator.write(out, Layout.sample(), COMMITS, DocFormat.WIRE, SEED);
        return;
      case OPS_TSV_ZST:
        OpLogGenerator.write(out, OpLogGenerator.Options.defaults().records(OPS_TSV_RECORDS).seed(SEED)
            .compression(OpLogGenerator.Compression.SINGLE));
        return;
      case OPS_JSONL:
        OpLogGenerator.write(out, OpLogGenerator.Options.defaults().records(OPS_JSONL_RECORDS).seed(SEED)
            .format(OpLogGenerator.Format.JSONL));
        return;
      default:
        throw new IllegalArgumentException("no sample named " + name + "; samples are " + names());
    }
  }

  /** Writes every sample into {@code dir}, replacing what is there. */
  public static void writeAll(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String name : names()) {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(dir.resolve(name)), 1 << 16)) {
        write(name, out);
      }
    }
  }
}
