package io.logdex.io.snapshot;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/** The two outputs of {@link SnapshotIO.Read}: the records and where input was unreadable. */
public final class SnapshotReadResult implements POutput {
  private final Pipeline pipeline;
  private final PCollection<SnapshotRecord> records;
  private final PCollection<SnapshotDeadLetter> deadLetters;

  SnapshotReadResult(Pipeline pipeline, PCollection<SnapshotRecord> records,
      PCollection<SnapshotDeadLetter> deadLetters) {
    this.pipeline = pipeline;
    this.records = records;
    this.deadLetters = deadLetters;
  }

  public PCollection<SnapshotRecord> records() {
    return records;
  }

  /** One per unreadable file (empty under {@link BadInputPolicy#FAIL}, which fails instead). */
  public PCollection<SnapshotDeadLetter> deadLetters() {
    return deadLetters;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(SnapshotIO.RECORDS, records, SnapshotIO.DEAD_LETTERS, deadLetters);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
