package io.logdex.io.oplog;

import io.logdex.io.common.ReadResult;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollection;

/**
 * The two outputs of {@link OpLogIO.Read}: the records and the lines that were not records
 * ({@link #deadLetters()}: empty under {@link BadRecordPolicy#FAIL}, which fails the read
 * instead).
 */
public final class OpLogReadResult extends ReadResult<OpLogRecord, BadRecord> {
  OpLogReadResult(
      Pipeline pipeline, PCollection<OpLogRecord> records, PCollection<BadRecord> deadLetters) {
    super(pipeline, OpLogIO.RECORDS, records, OpLogIO.DEAD_LETTERS, deadLetters);
  }
}
