package io.logdex.format.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.FormatException;
import io.logdex.format.tree.Node;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntryLogsTest {
  @TempDir Path dir;

  static LogEntry entry(long commit, long seq, int size) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; sb.length() < size; i++) sb.append("v").append(i).append(' ');
    Node diff = Node.objectBuilder()
        .put("users", Node.objectBuilder().put("jane", Node.string(sb.toString())).build())
        .put("n", Node.integer(commit))
        .build();
    return new LogEntry(commit, seq, "2025-10-09T10:00:00.123456789Z", diff);
  }

  @Test
  void entriesRoundTripByPositionAndStream() throws IOException {
    Path f = dir.resolve("entries.log");
    List<LogEntry> entries = List.of(entry(1, 0, 10), entry(2, 0, 200_000), entry(2, 1, 0));
    List<Long> pos = new ArrayList<>();
    try (LogWriter w = LogWriter.create(f, LogWriterOptions.defaults().withBlockSize(4096))) {
      for (LogEntry e : entries) pos.add(EntryLogs.append(w, e));
    }
    try (LogReader r = LogReader.open(f)) {
      for (int i = 0; i < entries.size(); i++) {
        assertEquals(entries.get(i), EntryLogs.readAt(r, pos.get(i)));
        assertEquals(entries.get(i), EntryLogs.readAtStreaming(r, pos.get(i)));
      }
    }
  }

  @Test
  void aPayloadThatIsNotAnEntryNamesFileAndRecord() throws IOException {
    FormatException e = assertThrows(FormatException.class,
        () -> EntryLogs.decode("{commit: 1}".getBytes(), "x.log", 4242));
    assertTrue(e.getMessage().contains("x.log record at 4242"), e.getMessage());
  }

  /** Unsigned byte order of the keys is (commit, seq) order, negative values included. */
  @Test
  void orderingKeySortsLikeCommitThenSeq() {
    Random r = new Random(3);
    long[] pool = {Long.MIN_VALUE, -1, 0, 1, 255, 256, Long.MAX_VALUE};
    for (int i = 0; i < 2000; i++) {
      long c1 = r.nextBoolean() ? pool[r.nextInt(pool.length)] : r.nextLong();
      long s1 = r.nextBoolean() ? pool[r.nextInt(pool.length)] : r.nextLong();
      long c2 = r.nextInt(3) == 0 ? c1 : r.nextBoolean() ? pool[r.nextInt(pool.length)] : r.nextLong();
      long s2 = r.nextBoolean() ? pool[r.nextInt(pool.length)] : r.nextLong();
      int expected = c1 != c2 ? Long.compare(c1, c2) : Long.compare(s1, s2);
      int got = Arrays.compareUnsigned(
          EntryLogs.orderingKey(entry(c1, s1, 0)), EntryLogs.orderingKey(entry(c2, s2, 0)));
      assertEquals(Integer.signum(expected), Integer.signum(got), c1 + "/" + s1 + " vs " + c2 + "/" + s2);
    }
  }
}
