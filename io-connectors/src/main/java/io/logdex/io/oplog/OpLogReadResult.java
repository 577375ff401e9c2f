package io.logdex.io.oplog;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/** The two outputs of {@link OpLogIO.Read}: the records and the lines that were not records. */
public final class OpLogReadResult implements POutput {
  private final Pipeline pipeline;
  private final PCollection<OpLogRecord> records;
  private final PCollection<BadRecord> deadLetters;

  OpLogReadResult(
      Pipeline pipeline, PCollection<OpLogRecord> records, PCollection<BadRecord> deadLetters) {
    this.pipeline = pipeline;
    this.records = records;
    this.deadLetters = deadLetters;
  }

  public PCollection<OpLogRecord> records() {
    return records;
  }

  /** Bad lines (empty under {@link BadRecordPolicy#FAIL}, which fails the read instead). */
  public PCollection<BadRecord> deadLetters() {
    return deadLetters;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(OpLogIO.RECORDS, records, OpLogIO.DEAD_LETTERS, deadLetters);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
