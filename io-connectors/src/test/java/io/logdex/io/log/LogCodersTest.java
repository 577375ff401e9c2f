package io.logdex.io.log;

import io.logdex.format.log.LogEntry;
import io.logdex.format.tree.Node;
import org.apache.beam.sdk.testing.CoderProperties;
import org.junit.jupiter.api.Test;

class LogCodersTest {
  @Test
  void logRecordCoderRoundTripsDeterministically() throws Exception {
    for (LogRecord r : new LogRecord[] {
      new LogRecord("/a/b.log", 16, new byte[0]),
      new LogRecord("gs://bucket/x-00001-of-00004.log.zst", Long.MAX_VALUE, new byte[] {0, -1, 7}),
    }) {
      CoderProperties.coderDecodeEncodeEqual(LogRecordCoder.of(), r);
      CoderProperties.coderDeterministic(LogRecordCoder.of(), r, new LogRecord(r.file(), r.position(), r.payload().clone()));
      CoderProperties.coderSerializable(LogRecordCoder.of());
    }
  }

  @Test
  void logEntryCoderRoundTrips() throws Exception {
    CoderProperties.coderDecodeEncodeEqual(LogEntryCoder.of(), new LogEntry(-5, 3, "2025-01-01T00:00:00+01:00", Node.objectBuilder().put("a", Node.string("b")).build()));
    CoderProperties.coderSerializable(LogEntryCoder.of());
  }
}
