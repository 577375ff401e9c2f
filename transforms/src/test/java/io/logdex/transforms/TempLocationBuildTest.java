package io.logdex.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.options.PipelineOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds with their scratch under a separate --tempLocation: same output, nothing left behind. */
class TempLocationBuildTest {
  @TempDir Path tmp;

  @Test
  void aSeparateTempLocationGivesTheSameOutputAndKeepsOnlyForeignFiles() throws Exception {
    Path in = tmp.resolve("in");
    Builds.copySample("commits.jsonl", in);
    Builds.copySample("ops.jsonl", in);
    BuildConfig config = BuildConfig.of(List.of(in + "/*.jsonl"), tmp.resolve("a").toString()).withChunkBytes(16 * 1024);
    Builds.run(config, Builds.direct(2));

    Path temp = Files.createDirectories(tmp.resolve("temp"));
    Files.writeString(temp.resolve("foreign.txt"), "not logdex's");
    PipelineOptions options = Builds.direct(2);
    options.setTempLocation(temp.toString());
    Path b = tmp.resolve("b");
    BuildPlan plan = Builds.run(BuildConfig.of(List.of(in + "/*.jsonl"), b.toString()).withChunkBytes(16 * 1024), options);
    assertTrue(plan.scratchDir().startsWith(temp));

    assertFalse(Files.exists(plan.scratchDir()), "removed after the commit");
    try (Stream<Path> s = Files.list(temp)) {
      assertEquals(List.of(temp.resolve("foreign.txt")), s.toList());
    }
    assertFalse(Files.exists(b.resolve(ScratchDir.DEFAULT)));
    assertFalse(Files.exists(b.resolve(plan.generation()).resolve(BuildPlan.TMP_DIR)));
    assertNull(PendingBuild.read(b), "nothing left pending");
    BuildLifecycleTest.assertSameOutput(tmp.resolve("a"), b);
  }
}
