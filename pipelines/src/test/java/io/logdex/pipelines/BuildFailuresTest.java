package io.logdex.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.logdex.format.FormatException;
import io.logdex.transforms.BuildFailedException;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.util.UserCodeException;
import org.apache.flink.runtime.client.JobExecutionException;
import org.apache.flink.util.SerializedThrowable;
import org.junit.jupiter.api.Test;

/** The reason a failed build records in pending.json is logdex's own words, on any runner. */
class BuildFailuresTest {
  private static final String VERDICT = "ops.jsonl: 3 of 10 records were bad (limit 1%); dead letters in g000002/dead-letter";

  @Test
  void theDirectRunnersWrappersArePassedBy() {
    Throwable t = new PipelineExecutionException(UserCodeException.wrap(new BuildFailedException(VERDICT)));
    assertEquals(VERDICT, BuildFailures.reason(t));
  }

  @Test
  void flinksSerializedCopyIsRestored() {
    // Flink ships a task's failure as a SerializedThrowable: its own class, the original's text.
    Throwable t = new JobExecutionException(null, "Job execution failed.",
        new SerializedThrowable(new BuildFailedException(VERDICT)));
    assertEquals(VERDICT, BuildFailures.reason(t));
    Throwable bad = new FormatException("unterminated string", "snap.json", 17);
    assertEquals(bad.getMessage(),
        BuildFailures.reason(new JobExecutionException(null, "Job execution failed.", new SerializedThrowable(bad))));
  }

  @Test
  void anythingElseGivesItsInnermostMessageOnOneLine() {
    assertEquals("disk full at offset 9", BuildFailures.reason(new RuntimeException("outer", new IllegalStateException("disk full at\noffset 9"))));
    assertEquals("the build job failed", BuildFailures.reason(new RuntimeException((String) null)));
  }
}
