package io.logdex.format.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.logdex.format.FormatException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * jqwik: any records written to a log, plain or zstd, at any block size, read back the same by
 * cursor, by position and as streams; and any prefix of the file (a writer that crashed) reads as
 * a prefix of the records, then ends or fails as a FormatException. Shrinking turns a failure into
 * the fewest, smallest records that show it.
 */
class LogRoundTripProperties {
  @Property(tries = 60)
  void recordsReadBackByCursorPositionAndStream(
      @ForAll("payloads") List<byte[]> payloads,
      @ForAll LogCompression compression,
      @ForAll("blockSizes") int blockSize) throws IOException {
    Logs.Encoded enc = Logs.encode(payloads, blockSize, compression);
    try (LogReader r = Logs.reader(enc.bytes()); LogCursor c = r.cursor(0)) {
      for (int i = 0; i < payloads.size(); i++) {
        assertEquals(true, c.next(), "record " + i + " missing");
        assertEquals(enc.positions()[i], c.position());
        assertEquals(enc.ends()[i], c.end());
        assertArrayEquals(payloads.get(i), c.payload());
        assertArrayEquals(payloads.get(i), r.readAt(enc.positions()[i]));
        try (RecordInputStream in = r.readAtStreaming(enc.positions()[i])) {
          assertArrayEquals(payloads.get(i), in.readAllBytes());
        }
      }
      assertFalse(c.next());
    }
  }

  @Property(tries = 40)
  void aTornPlainLogReadsAsAPrefix(
      @ForAll("payloads") List<byte[]> payloads,
      @ForAll("blockSizes") int blockSize,
      @ForAll("fractions") double keep) throws IOException {
    Logs.Encoded enc = Logs.encode(payloads, blockSize, LogCompression.NONE);
    int cut = (int) (enc.bytes().length * keep);
    byte[] torn = Arrays.copyOf(enc.bytes(), Math.max(cut, LogFormat.HEADER_SIZE));
    try (LogReader r = Logs.reader(torn); LogCursor c = r.cursor(0)) {
      int i = 0;
      try {
        while (c.next()) {
          assertArrayEquals(payloads.get(i), c.payload(), "record " + i);
          i++;
        }
      } catch (FormatException e) {
        // the torn record: everything before it was read intact
      }
      for (int j = 0; j < i; j++) assertEquals(true, enc.ends()[j] <= torn.length);
    }
  }

  @Provide
  Arbitrary<List<byte[]>> payloads() {
    Arbitrary<byte[]> small = Arbitraries.bytes().array(byte[].class).ofMaxSize(40);
    Arbitrary<byte[]> large = Arbitraries.bytes().array(byte[].class).ofMinSize(400).ofMaxSize(3000);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, small), net.jqwik.api.Tuple.of(1, large)).list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<Integer> blockSizes() {
    return Arbitraries.of(512, 1024, 4096);
  }

  @Provide
  Arbitrary<Double> fractions() {
    return Arbitraries.doubles().between(0, 1);
  }
}
