package io.logdex.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.log.LogCompression;
import io.logdex.io.oplog.BadRecordPolicy;
import io.logdex.transforms.BuildConfig;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

class BuildJobTest {
  private static LogdexBuildOptions options(String... args) {
    PipelineOptionsFactory.register(LogdexBuildOptions.class);
    return PipelineOptionsFactory.fromArgs(args).as(LogdexBuildOptions.class);
  }

  @Test
  void optionsBecomeTheConfigWithDefaults() {
    BuildConfig c = BuildJob.config(options("--oplogs=a/*.tsv,b/*.jsonl", "--output=/tmp/x"));
    assertEquals(List.of("a/*.tsv", "b/*.jsonl"), c.oplogs());
    assertEquals(64L << 20, c.chunkBytes());
    assertEquals(0, c.partitions());
    assertEquals(64L << 10, c.maxSubDocumentBytes());
    assertEquals(BadRecordPolicy.SKIP, c.badRecords());
    assertEquals(LogCompression.ZSTD, c.logCompression());
    assertEquals("DirectRunner", c.runner());
    assertEquals("a/*.tsv,b/*.jsonl", c.recordedOptions().get("oplogs"));

    BuildConfig d = BuildJob.config(options("--snapshots=s.json@5", "--output=o", "--badRecords=fail",
        "--logCompression=none", "--chunkBytes=1000", "--partitions=3", "--mergeFanIn=2"));
    assertEquals(List.of("s.json@5"), d.snapshots());
    assertEquals(BadRecordPolicy.FAIL, d.badRecords());
    assertEquals(LogCompression.NONE, d.logCompression());
    assertEquals(1000, d.chunkBytes());
    assertEquals(3, d.partitions());
    assertEquals(2, d.mergeFanIn());
  }

  @Test
  void badOptionsAreRefusedBeforeAnythingRuns() {
    assertThrows(IllegalArgumentException.class, () -> BuildJob.config(options("--oplogs=a")));
    assertThrows(IllegalArgumentException.class, () -> BuildJob.config(options("--output=o")));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BuildJob.config(options("--oplogs=a", "--output=o", "--logCompression=gzip")));
    assertTrue(e.getMessage().contains("--logCompression"));
    assertThrows(IllegalArgumentException.class, () -> BuildJob.config(options("--oplogs=a", "--output=o", "--chunkBytes=0")));
    assertThrows(IllegalArgumentException.class, () -> BuildJob.config(options("--oplogs=a", "--output=o", "--mergeFanIn=1")));
  }
}
