package io.logdex.io.snapshot;

import io.logdex.io.common.ReadResult;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.values.PCollection;

/**
 * The two outputs of {@link SnapshotIO.Read}: the records and where input was unreadable
 * ({@link #deadLetters()}: one per unreadable file, empty under {@link BadInputPolicy#FAIL},
 * which fails instead).
 */
public final class SnapshotReadResult extends ReadResult<SnapshotRecord, SnapshotDeadLetter> {
  SnapshotReadResult(Pipeline pipeline, PCollection<SnapshotRecord> records,
      PCollection<SnapshotDeadLetter> deadLetters) {
    super(pipeline, SnapshotIO.RECORDS, records, SnapshotIO.DEAD_LETTERS, deadLetters);
  }
}
