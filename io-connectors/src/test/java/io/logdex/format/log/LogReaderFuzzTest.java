package io.logdex.format.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.logdex.format.zstd.PositionalChannel;
import io.logdex.testing.ByteArrayChannel;
import io.logdex.testing.FuzzRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Arbitrary file bytes as a log, plain or zstd (docs/TESTING.md). The last 16 bytes of an input
 * choose two probe offsets; the rest is the file. The reader runs with the default 256 MiB record
 * limit, so under dev/fuzz's 256 MiB heap any allocation a length field asks for before it is
 * checked against the file fails as a finding.
 *
 * <p>Properties: every read fails only with a FormatException; each record the cursor returns
 * reads back the same by position, in memory and streamed; its payload decodes as a log entry or
 * fails cleanly; a cursor started anywhere yields a suffix of the records; and a log the cursor
 * reads cleanly to its end, verify calls clean, with the same record count.
 */
class LogReaderFuzzTest {
  private static final String SOURCE = "fuzz.log";
  /** Records walked per input: enough to pass several blocks, few enough to stay fast. */
  private static final int MAX_RECORDS = 200;

  @FuzzTest(maxDuration = "5m")
  void read(FuzzedDataProvider data) {
    long probe1 = data.consumeLong();
    long probe2 = data.consumeLong();
    byte[] file = data.consumeRemainingAsBytes();

    List<Long> positions = new ArrayList<>();
    List<byte[]> payloads = new ArrayList<>();
    boolean clean = FuzzRules.readOrReject(SOURCE, () -> {
      try (LogReader r = LogReader.open(new ByteArrayChannel(file), SOURCE,
              LogReader.DEFAULT_MAX_RECORD_BYTES);
          LogCursor c = r.cursor(0)) {
        while (positions.size() < MAX_RECORDS && c.next()) {
          assertTrue(c.position() >= LogFormat.HEADER_SIZE && c.end() > c.position()
              && c.end() <= r.length(), "record outside the log");
          positions.add(c.position());
          payloads.add(c.payload());
        }
      }
    });
    FuzzRules.readOrReject(SOURCE, () -> {
      try (LogReader r = LogReader.open(new ByteArrayChannel(file), SOURCE,
          LogReader.DEFAULT_MAX_RECORD_BYTES)) {
        for (int i = 0; i < positions.size(); i++) {
          long p = positions.get(i);
          assertArrayEquals(payloads.get(i), r.readAt(p), "readAt differs from the cursor");
          try (RecordInputStream in = r.readAtStreaming(p)) {
            assertArrayEquals(payloads.get(i), in.readAllBytes(), "stream differs from the cursor");
          }
          byte[] payload = payloads.get(i);
          FuzzRules.readOrReject(SOURCE, () -> EntryLogs.decode(payload, SOURCE, p));
        }
        long length = r.length();
        for (long probe : new long[] {probe1, probe2}) {
          long at = Math.floorMod(probe, length + 1);
          FuzzRules.readOrReject(SOURCE, () -> r.readAt(at));
          FuzzRules.readOrReject(SOURCE, () -> cursorFrom(r, at, positions, payloads));
        }
      }
    });
    FuzzRules.readOrReject(SOURCE, () -> {
      VerifyReport v = LogVerifier.verify(new PositionalChannel(new ByteArrayChannel(file), SOURCE));
      if (clean && positions.size() < MAX_RECORDS) {
        assertEquals(positions.size(), v.records(), () -> "verify disagrees with the cursor: " + v);
        assertTrue(v.clean(), () -> "the cursor read every record but verify found damage: " + v);
      }
    });
  }

  /** Records from any offset are the cursor's records from the first at or after it. */
  private static void cursorFrom(LogReader r, long at, List<Long> positions, List<byte[]> payloads)
      throws IOException {
    int i = 0;
    while (i < positions.size() && positions.get(i) < at) i++;
    try (LogCursor c = r.cursor(at)) {
      for (int n = 0; n < MAX_RECORDS && c.next(); n++, i++) {
        if (i >= positions.size()) return; // past what the first walk read (it stopped early)
        assertEquals(positions.get(i), c.position(), "a cursor from " + at + " resyncs elsewhere");
        assertArrayEquals(payloads.get(i), c.payload());
      }
    }
  }
}
