package io.logdex.format.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.logdex.format.FormatException;
import io.logdex.format.TruncatedInputException;
import io.logdex.format.encode.RandomTrees;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every malformed entry is a FormatException that names the field and where it is. */
class LogEntryCodecRejectsTest {
  private static final String NOISE = "{}[]:,\"'!#\n 0-";
  private static final String TS = "\"2025-10-09T10:00:00Z\"";

  private static FormatException reject(String entry, String mustMention) {
    byte[] b = entry.getBytes(StandardCharsets.UTF_8);
    FormatException e =
        assertThrows(FormatException.class, () -> LogEntryCodec.fromWire(b, 0, b.length, "log-7", 500), entry);
    assertTrue(e.getMessage().contains(mustMention), () -> entry + " -> " + e.getMessage());
    assertTrue(e.getMessage().startsWith("log-7"), e.getMessage());
    assertTrue(e.offset() >= 500 && e.offset() <= 500 + b.length, () -> "offset " + e.offset());
    // The stream reader says the same.
    FormatException s = assertThrows(FormatException.class,
        () -> LogEntryCodec.fromStream(new ByteArrayInputStream(b), "log-7"), entry);
    assertEquals(e.reason(), s.reason());
    return e;
  }

  private static String entry(String commit, String seq, String ts, String diff) {
    return "{commit: " + commit + ", seq: " + seq + ", timestamp: " + ts + ", diff: " + diff + "}";
  }

  @Test
  void wrongTypes() {
    for (String bad : new String[] {"\"1\"", "1.5", "1e3", "true", "null", "[1]", "{}", "!t 1", "x", "'1'"}) {
      reject(entry(bad, "0", TS, "{}"), "commit");
      reject(entry("1", bad, TS, "{}"), "seq");
    }
    for (String bad : new String[] {"1", "null", "lit", "!t \"2025-10-09T10:00:00Z\"", "[" + TS + "]"}) {
      reject(entry("1", "0", bad, "{}"), "timestamp");
    }
    assertEquals("commit", reject("{commit, seq: 0, timestamp: " + TS + ", diff: {}}", "no value").path());
  }

  @Test
  void int64Bounds() throws FormatException {
    FormatException e = reject(entry("9223372036854775808", "0", TS, "{}"), "commit");
    assertTrue(e.getMessage().contains("64-bit"));
    assertEquals(500 + "{commit: ".length(), e.offset()); // the lexeme's own offset
    reject(entry("1", "-9223372036854775809", TS, "{}"), "seq");
    reject(entry("123456789012345678901234567890", "0", TS, "{}"), "commit");
    byte[] ok = entry("9223372036854775807", "-9223372036854775808", TS, "{}").getBytes(StandardCharsets.UTF_8);
    LogEntry max = LogEntryCodec.fromWire(ok, 0, ok.length);
    assertEquals(Long.MAX_VALUE, max.commit());
    assertEquals(Long.MIN_VALUE, max.seq());
  }

  @Test
  void badTimestamps() {
    for (String ts : LogEntryTest.INVALID) {
      reject(entry("1", "0", "\"" + ts + "\"", "{}"), "timestamp");
    }
  }

  @Test
  void missingExtraAndRepeatedFields() {
    reject("{seq: 0, timestamp: " + TS + ", diff: {}}", "no commit");
    reject("{commit: 1, timestamp: " + TS + ", diff: {}}", "no seq");
    reject("{commit: 1, seq: 0, diff: {}}", "no timestamp");
    reject("{commit: 1, seq: 0, timestamp: " + TS + "}", "no diff");
    reject("{}", "no commit");
    reject("{commit: 1, seq: 0, timestamp: " + TS + ", diff: {}, extra: 1}", "extra");
    reject("{commit: 1, seq: 0, timestamp: " + TS + ", diff: {}, 0: 1}", "{0}");
    reject("{commit: 1, commit: 2, seq: 0, timestamp: " + TS + ", diff: {}}", "twice");
    reject("{commit: 1, seq: 0, timestamp: " + TS + ", diff: {}, diff: 1}", "twice");
    reject("{Commit: 1, seq: 0, timestamp: " + TS + ", diff: {}}", "Commit");
  }

  @Test
  void notAnEntry() {
    reject("[1, 2]", "log entry");
    reject("\"x\"", "log entry");
    reject("!t " + entry("1", "0", TS, "{}"), "log entry");
    reject(entry("1", "0", TS, "{}") + " " + entry("1", "0", TS, "{}"), "document");
    reject("{commit: 1, seq: 0, timestamp: " + TS + ", diff: {a: 1, a: 2}}", "duplicate");
    reject("{commit: 1, seq: 0, timestamp: " + TS + ", diff: {a: }}", "value");
    reject("key: value", "block");
  }

  @Test
  void everyTruncationIsReported() {
    RandomTrees trees = new RandomTrees(31);
    for (int round = 0; round < 30; round++) {
      byte[] w = LogEntryCodec.toWire(LogEntryCodecTest.randomEntry(trees));
      for (int len = 0; len < w.length; len++) {
        int n = len;
        FormatException e = assertThrows(FormatException.class, () -> LogEntryCodec.fromWire(w, 0, n), "prefix " + n);
        // A cut inside the entry is a truncation, except where the prefix happens to end in a
        // token that is itself malformed (a lone '-', half a \\u escape is still a truncation).
        if (n == 0 || w[n - 1] == '{' || w[n - 1] == ',' || w[n - 1] == ' ') {
          assertInstanceOf(TruncatedInputException.class, e, e.getMessage());
        }
      }
    }
  }

  @Test
  void corruptedBytesNeverEscapeAsOtherExceptions() {
    RandomTrees trees = new RandomTrees(32);
    Random r = trees.random();
    int rejected = 0;
    for (int round = 0; round < 3000; round++) {
      byte[] w = LogEntryCodec.toWire(LogEntryCodecTest.randomEntry(trees));
      for (int flips = 1 + r.nextInt(3); flips > 0; flips--) {
        int p = r.nextInt(w.length);
        w[p] = r.nextBoolean() ? (byte) (w[p] ^ (1 << r.nextInt(8))) : (byte) NOISE.charAt(r.nextInt(NOISE.length()));
      }
      try {
        LogEntry e = LogEntryCodec.fromWire(w, 0, w.length);
        // Accepted: it must then be a valid entry that re-encodes canonically.
        byte[] again = LogEntryCodec.toWire(e);
        assertEquals(e, LogEntryCodec.fromWire(again, 0, again.length));
      } catch (FormatException expected) {
        rejected++;
      } catch (RuntimeException other) {
        fail("corrupt entry escaped as " + other, other);
      }
    }
    assertTrue(rejected > 1500, "rejected " + rejected);
  }
}
