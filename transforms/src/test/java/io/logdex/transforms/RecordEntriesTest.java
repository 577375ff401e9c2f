package io.logdex.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.log.LogEntry;
import io.logdex.format.tree.Node;
import io.logdex.format.tree.TreeParser;
import io.logdex.io.oplog.OpLogRecord;
import org.junit.jupiter.api.Test;

class RecordEntriesTest {
  private static OpLogRecord rec(OpLogRecord.Kind kind, String fields, long offset) throws Exception {
    return new OpLogRecord("f.jsonl", offset, -1, 10, kind, TreeParser.parse(fields));
  }

  @Test
  void logEntriesAsTheyAre() throws Exception {
    LogEntry e = RecordEntries.toEntry(rec(OpLogRecord.Kind.LOG_ENTRY,
        "{\"commit\": 7, \"seq\": 2, \"timestamp\": \"2025-10-09T10:00:00Z\", \"diff\": {\"a\": 1}}", 0), 3);
    assertEquals(7, e.commit());
    assertEquals(2, e.seq());
    assertEquals("2025-10-09T10:00:00Z", e.timestamp());
    assertEquals(TreeParser.parse("{\"a\": 1}"), e.diff());
  }

  @Test
  void s3dlioKeyedByIdxAndStart() throws Exception {
    Node f = TreeParser.parse("{\"idx\": 42, \"op\": \"GET\", \"start\": \"2025-10-09T10:43:14.744719756Z\"}");
    LogEntry e = RecordEntries.toEntry(new OpLogRecord("f", 99, -1, 10, OpLogRecord.Kind.S3DLIO, f), 1);
    assertEquals(42, e.commit());
    assertEquals(0, e.seq());
    assertEquals("2025-10-09T10:43:14.744719756Z", e.timestamp());
    assertEquals(f, e.diff());
  }

  @Test
  void s3dlioWithoutIdxOrStartOrWithHugeIdxIsRejected() {
    RecordEntries.Rejected x = assertThrows(RecordEntries.Rejected.class, () -> RecordEntries.toEntry(
        rec(OpLogRecord.Kind.S3DLIO, "{\"op\": \"GET\", \"start\": \"2025-10-09T10:43:14.744719756Z\"}", 0), 0));
    assertTrue(x.getMessage().contains("idx"));
    assertThrows(RecordEntries.Rejected.class, () -> RecordEntries.toEntry(
        rec(OpLogRecord.Kind.S3DLIO, "{\"idx\": 1, \"op\": \"GET\"}", 0), 0));
    x = assertThrows(RecordEntries.Rejected.class, () -> RecordEntries.toEntry(
        rec(OpLogRecord.Kind.S3DLIO, "{\"idx\": 18446744073709551615, \"op\": \"GET\", \"start\": \"2025-10-09T10:43:14.744719756Z\"}", 0), 0));
    assertTrue(x.getMessage().contains("64-bit"));
    // A leap second passes the reader's typing but no entry can hold it: rejected, not thrown.
    x = assertThrows(RecordEntries.Rejected.class, () -> RecordEntries.toEntry(
        rec(OpLogRecord.Kind.S3DLIO, "{\"idx\": 7, \"op\": \"GET\", \"start\": \"2016-12-31T23:59:60.000000000Z\"}", 0), 0));
    assertTrue(x.getMessage().contains("timestamp"), x.getMessage());
  }

  @Test
  void genericKeyedByOffsetAndInput() throws Exception {
    LogEntry e = RecordEntries.toEntry(rec(OpLogRecord.Kind.GENERIC, "{\"msg\": \"hi\", \"time\": \"2024-01-02T03:04:05+01:00\"}", 1234), 5);
    assertEquals(1234, e.commit());
    assertEquals(5, e.seq());
    assertEquals("2024-01-02T03:04:05+01:00", e.timestamp());
    LogEntry noTime = RecordEntries.toEntry(rec(OpLogRecord.Kind.GENERIC, "{\"msg\": \"hi\", \"time\": \"yesterday\"}", 0), 0);
    assertEquals(RecordEntries.EPOCH, noTime.timestamp());
  }
}
