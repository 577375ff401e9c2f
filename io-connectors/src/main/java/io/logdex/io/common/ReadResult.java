package io.logdex.io.common;

import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The two outputs of a read that reports bad input rather than failing on it: the records and
 * the dead letters (empty under a FAIL policy, which fails the read instead).
 *
 * @param <R> the records
 * @param <D> the dead letters
 */
public abstract class ReadResult<R, D> implements POutput {
  private final Pipeline pipeline;
  private final TupleTag<R> recordsTag;
  private final PCollection<R> records;
  private final TupleTag<D> deadLettersTag;
  private final PCollection<D> deadLetters;

  protected ReadResult(Pipeline pipeline, TupleTag<R> recordsTag, PCollection<R> records,
      TupleTag<D> deadLettersTag, PCollection<D> deadLetters) {
    this.pipeline = pipeline;
    this.recordsTag = recordsTag;
    this.records = records;
    this.deadLettersTag = deadLettersTag;
    this.deadLetters = deadLetters;
  }

  public PCollection<R> records() {
    return records;
  }

  public PCollection<D> deadLetters() {
    return deadLetters;
  }

  @Override
  public Pipeline getPipeline() {
    return pipeline;
  }

  @Override
  public Map<TupleTag<?>, PValue> expand() {
    return Map.of(recordsTag, records, deadLettersTag, deadLetters);
  }

  @Override
  public void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
