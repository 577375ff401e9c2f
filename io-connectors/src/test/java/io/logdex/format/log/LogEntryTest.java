package io.logdex.format.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.logdex.format.tree.Node;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogEntryTest {
  static final String[] VALID = {
    "2025-10-09T10:00:00Z",
    "2025-10-09T10:00:00.123456789Z",
    "2025-10-09T10:00:00.1Z",
    "2025-10-09t10:00:00z",
    "2025-10-09T10:00:00+05:30",
    "2025-10-09T10:00:00.5-08:00",
    "2024-02-29T23:59:59.999999999999Z", // more digits than nanoseconds: valid RFC 3339
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59-23:59",
  };

  static final String[] INVALID = {
    "", "2025-10-09", "2025-10-09T10:00Z", "2025-10-09T10:00:00", "2025-10-09 10:00:00Z",
    "2025-13-09T10:00:00Z", "2025-02-30T10:00:00Z", "2023-02-29T10:00:00Z", "2025-10-09T24:00:00Z",
    "2025-10-09T10:60:00Z", "2025-10-09T10:00:60Z", "2025-10-09T10:00:00.Z", "2025-10-09T10:00:00+0530",
    "2025-10-09T10:00:00+24:00", "2025-10-09T10:00:00+05:60", "2025-10-09T10:00:00ZZ", "+2025-10-09T10:00:00Z",
    "2025-1-09T10:00:00Z", "2025-10-09T10:00:00 Z", " 2025-10-09T10:00:00Z", "2025-10-09T10:00:00Z ",
    "２０２５-10-09T10:00:00Z", "2025-10-09T10:00:00.１Z", "2025-10-09T10:00:00+05:30:00",
  };

  @Test
  void timestampsFollowRfc3339() {
    for (String ts : VALID) {
      assertNull(LogEntry.rfc3339Error(ts), ts);
      assertEquals(ts, new LogEntry(1, 0, ts, Node.NULL).timestamp());
    }
    for (String ts : INVALID) {
      assertNotNull(LogEntry.rfc3339Error(ts), ts);
      assertThrows(IllegalArgumentException.class, () -> new LogEntry(1, 0, ts, Node.NULL), ts);
    }
  }

  @Test
  void instantHonoursFractionAndOffset() {
    assertEquals(Instant.parse("2025-10-09T10:00:00.123456789Z"),
        new LogEntry(0, 0, "2025-10-09T10:00:00.123456789Z", Node.NULL).instant());
    assertEquals(Instant.parse("2025-10-09T04:30:00.500Z"),
        new LogEntry(0, 0, "2025-10-09T10:00:00.5+05:30", Node.NULL).instant());
    assertEquals(Instant.parse("2024-02-29T23:59:59.999999999Z"),
        new LogEntry(0, 0, "2024-02-29T23:59:59.999999999999Z", Node.NULL).instant());
  }

  @Test
  void valueSemantics() {
    Node diff = Node.objectBuilder().put("a", Node.integer(1).withTag("!insert")).build();
    LogEntry a = new LogEntry(7, 2, "2025-10-09T10:00:00Z", diff);
    LogEntry b = new LogEntry(7, 2, "2025-10-09T10:00:00Z",
        Node.objectBuilder().put("a", Node.integer(1).withTag("!insert")).build());
    assertEquals(a, b);
    assertEquals(a.hashCode(), b.hashCode());
    assertNotEquals(a, new LogEntry(8, 2, "2025-10-09T10:00:00Z", diff));
    assertNotEquals(a, new LogEntry(7, 3, "2025-10-09T10:00:00Z", diff));
    // The same instant spelled differently is a different entry: the text is kept as written.
    assertNotEquals(a, new LogEntry(7, 2, "2025-10-09T10:00:00.0Z", diff));
    assertNotEquals(a, new LogEntry(7, 2, "2025-10-09T10:00:00Z", Node.NULL));
    assertEquals("{commit: 7, seq: 2, timestamp: \"2025-10-09T10:00:00Z\", diff: {a: !insert 1}}", a.toString());
    assertThrows(NullPointerException.class, () -> new LogEntry(1, 1, null, diff));
    assertThrows(NullPointerException.class, () -> new LogEntry(1, 1, "2025-10-09T10:00:00Z", null));
  }
}
