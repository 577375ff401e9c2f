package io.logdex.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.logdex.format.history.DiffKind;
import io.logdex.format.log.LogEntry;
import io.logdex.format.tree.TreeParser;
import io.logdex.io.oplog.OpLogRecord;
import org.junit.jupiter.api.Test;

class SameCommitTest {
  private static LogEntry entry(long commit, long seq, String diff) throws Exception {
    return new LogEntry(commit, seq, "2025-10-09T10:00:0" + seq + "Z", TreeParser.parse(diff));
  }

  private static OpLogRecord record(String file, String diff) throws Exception {
    return new OpLogRecord(file, 0, -1, 1, OpLogRecord.Kind.LOG_ENTRY, TreeParser.parse(
        "{commit: 1, seq: 0, timestamp: \"2025-10-09T10:00:00Z\", diff: " + diff + "}"));
  }

  @Test
  void diffKindComesFromTheFileOrItsTags() throws Exception {
    assertEquals(DiffKind.MERGE_PATCH, SameCommit.kindOf(record("/x/a.jsonl", "{\"a\": null}")));
    assertEquals(DiffKind.MERGE_PATCH, SameCommit.kindOf(record("/x/a.jsonl.zst", "{\"a\": 1}")));
    assertEquals(DiffKind.TONY, SameCommit.kindOf(record("/x/a.tony", "{a: null}")));
    assertEquals(DiffKind.TONY, SameCommit.kindOf(record("/x/a.TONY.zst", "{a: 1}")));
    assertEquals(DiffKind.TONY, SameCommit.kindOf(record("/x/a.jsonl", "{a: !insert 1}")));
  }

  @Test
  void mergesWhatComposesAndKeepsTheRestApart() throws Exception {
    LogEntry m = SameCommit.merge(entry(5, 0, "{\"a\": {\"x\": 1}}"), entry(5, 1, "{\"a\": {\"y\": 2}, \"b\": 3}"), DiffKind.MERGE_PATCH);
    assertNotNull(m);
    assertEquals(5, m.commit());
    assertEquals(0, m.seq());
    assertEquals(TreeParser.parse("{\"a\": {\"x\": 1, \"y\": 2}, \"b\": 3}"), m.diff());
    // Delete then re-add moves the field: no single merge patch says that.
    assertNull(SameCommit.merge(entry(5, 0, "{\"a\": null}"), entry(5, 1, "{\"a\": 1}"), DiffKind.MERGE_PATCH));
    // The same seq twice is two entries, not one.
    assertNull(SameCommit.merge(entry(5, 0, "{\"a\": 1}"), entry(5, 0, "{\"b\": 1}"), DiffKind.MERGE_PATCH));
    LogEntry t = SameCommit.merge(entry(2, 0, "{a: !insert 1}"), entry(2, 1, "{b: !insert 2}"), DiffKind.TONY);
    assertNotNull(t);
    assertEquals(TreeParser.parse("{a: !insert 1, b: !insert 2}"), t.diff());
  }
}
