package io.logdex.format.log;

import static io.logdex.format.log.LogFormat.FIRST;
import static io.logdex.format.log.LogFormat.FRAGMENT_HEADER_SIZE;
import static io.logdex.format.log.LogFormat.FULL;
import static io.logdex.format.log.LogFormat.LAST;
import static io.logdex.format.log.LogFormat.MIDDLE;

import io.logdex.format.FormatException;
import io.logdex.format.TruncatedInputException;
import java.io.IOException;

/** Puts a record back together from its fragments, checking that they belong together. */
final class RecordAssembly {
  private RecordAssembly() {}

  /**
   * Reads the record whose FULL or FIRST header the reader has just returned. The length is
   * checked against maxBytes and against the end of the log before anything is allocated.
   */
  static byte[] read(FragmentReader fr, long maxBytes) throws IOException {
    long at = fr.fragmentStart;
    long length = fr.lengthField;
    checkLength(fr, maxBytes);
    if (fr.type == FULL) {
      byte[] out = new byte[(int) length];
      fr.readData(out, 0);
      return out;
    }
    checkEnd(fr);
    byte[] out = new byte[(int) length];
    fr.readData(out, 0);
    int done = fr.dataLength;
    while (done < length) {
      nextContinuation(fr, at, length - done);
      fr.readData(out, done);
      done += fr.dataLength;
    }
    return out;
  }

  static void checkLength(FragmentReader fr, long maxBytes) throws FormatException {
    if (fr.lengthField > maxBytes) {
      throw new FormatException(
          "record of " + fr.lengthField + " bytes exceeds the limit of " + maxBytes + " bytes",
          fr.source(), fr.fragmentStart);
    }
  }

  /**
   * For a FIRST fragment: fails if the record would run past the end of the log. The first
   * fragment's CRC is checked first, so a damaged length reads as corruption and only an intact
   * one as truncation.
   */
  static void checkEnd(FragmentReader fr) throws IOException {
    long end = LogFormat.recordEnd(fr.fragmentStart, fr.lengthField, fr.blockSize());
    if (end > fr.limit()) {
      long at = fr.fragmentStart;
      fr.skipData();
      throw new TruncatedInputException(
          "record of " + fr.lengthField + " bytes at " + at + " runs to " + end
              + ", past the end of the log at " + fr.limit(), fr.source(), at);
    }
  }

  /** Advances to the next fragment of the record at recordAt, which has remaining bytes to come. */
  static void nextContinuation(FragmentReader fr, long recordAt, long remaining)
      throws IOException {
    if (!fr.next()) {
      throw new TruncatedInputException(
          "record at " + recordAt + " is cut short: the log ends with " + remaining
              + " of its bytes missing", fr.source(), fr.position());
    }
    int expected = remaining > fr.blockSize() - FRAGMENT_HEADER_SIZE ? MIDDLE : LAST;
    if (fr.type == FULL || fr.type == FIRST) {
      throw new FormatException(
          "record at " + recordAt + " is cut short: a new record starts at " + fr.fragmentStart
              + " with " + remaining + " of its bytes missing", fr.source(), fr.fragmentStart);
    }
    if (fr.type != expected || fr.dataLength > remaining) {
      throw new FormatException(
          LogFormat.typeName(fr.type) + " fragment of " + fr.dataLength + " bytes does not fit"
              + " the record at " + recordAt + ", which has " + remaining + " bytes to come",
          fr.source(), fr.fragmentStart);
    }
  }
}
