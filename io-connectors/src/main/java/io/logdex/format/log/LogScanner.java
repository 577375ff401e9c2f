package io.logdex.format.log;

import static io.logdex.format.log.LogFormat.FIRST;
import static io.logdex.format.log.LogFormat.FRAGMENT_HEADER_SIZE;
import static io.logdex.format.log.LogFormat.FULL;
import static io.logdex.format.log.LogFormat.MIDDLE;

import io.logdex.format.FormatException;
import io.logdex.format.TruncatedInputException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Walks a whole log and reports every complete record and every damage, continuing past damage
 * the way the format allows: after a bad fragment it resumes at the next block boundary (and
 * skips the continuation fragments found there), after a bad zstd frame at the next frame. This is
 * what verify and recover share; readers, by contrast, stop at the first damage.
 */
final class LogScanner {
  interface Listener {
    void header(LogHeader header);

    void record(long position, long end, long length);

    void damage(Damage damage);
  }

  private final ScanSource src;
  private final Listener listener;
  private InputStream in;
  private FragmentReader fr;
  private int blockSize;
  private boolean inRecord;
  private boolean skipping;
  private long recordAt = -1;
  private long recordLength;
  private long remaining;

  private LogScanner(ScanSource src, Listener listener) {
    this.src = src;
    this.listener = listener;
  }

  static void scan(ScanSource src, Listener listener) throws IOException {
    new LogScanner(src, listener).run();
  }

  private void run() throws IOException {
    in = src.open(0);
    try {
      byte[] h = new byte[LogFormat.HEADER_SIZE];
      LogHeader header;
      try {
        header = LogHeader.decode(h, in.readNBytes(h, 0, h.length), src.source());
      } catch (FormatException e) {
        // Without the header the block size is unknown, and with it every boundary.
        listener.damage(new Damage(
            Math.max(e.offset(), 0), -1, e.reason(), e instanceof TruncatedInputException));
        return;
      }
      listener.header(header);
      blockSize = header.blockSize();
      fr = new FragmentReader(in, LogFormat.HEADER_SIZE, blockSize, src.length(), src.source());
      while (step()) {}
    } finally {
      in.close();
    }
  }

  /** Handles one fragment; false once the log has ended. */
  private boolean step() throws IOException {
    long candidate = -1;
    try {
      if (!fr.next()) {
        if (inRecord) {
          listener.damage(new Damage(fr.position(), recordAt, "record of " + recordLength
              + " bytes is cut short: the log ends with " + remaining + " bytes missing", true));
        }
        return false;
      }
      long at = fr.fragmentStart;
      if (fr.type == FULL || fr.type == FIRST) {
        if (inRecord) {
          listener.damage(new Damage(at, recordAt, "record is cut short: a new record starts at "
              + at + " with " + remaining + " of its bytes missing", false));
          inRecord = false;
        }
        skipping = false;
        candidate = at;
        long length = fr.lengthField;
        if (fr.type == FULL) {
          fr.skipData();
          listener.record(at, fr.position(), length);
        } else {
          RecordAssembly.checkEnd(fr);
          fr.skipData();
          inRecord = true;
          recordAt = at;
          recordLength = length;
          remaining = length - fr.dataLength;
        }
        return true;
      }
      if (!inRecord) {
        fr.skipData();
        if (!skipping) {
          listener.damage(new Damage(at, -1, LogFormat.typeName(fr.type)
              + " fragment has no FIRST fragment before it", false));
          skipping = true;
        }
        return true;
      }
      int expected = remaining > blockSize - FRAGMENT_HEADER_SIZE ? MIDDLE : LogFormat.LAST;
      if (fr.type != expected || fr.dataLength > remaining) {
        throw new FormatException(LogFormat.typeName(fr.type) + " fragment of " + fr.dataLength
            + " bytes does not fit the record, which has " + remaining + " bytes to come",
            src.source(), at);
      }
      fr.skipData();
      remaining -= fr.dataLength;
      if (remaining == 0) {
        inRecord = false;
        listener.record(recordAt, fr.position(), recordLength);
      }
      return true;
    } catch (FormatException e) {
      ScanSource.Resume resume = src.resumeAfter(e);
      long record = inRecord ? recordAt : candidate;
      if (resume != null) {
        listener.damage(new Damage(resume.damagedFrom(), record, e.getMessage(), false));
        return reopen(resume.resumeAt());
      }
      if (e instanceof TruncatedInputException) {
        listener.damage(new Damage(Math.max(e.offset(), 0), record, e.reason(), true));
        return false;
      }
      listener.damage(new Damage(e.offset(), record, e.reason(), false));
      inRecord = false;
      skipping = true;
      long next = (Math.max(e.offset(), fr.fragmentStart) / blockSize + 1) * blockSize;
      if (next >= src.length()) return false;
      fr.skipTo(next);
      return fr.position() == next;
    }
  }

  private boolean reopen(long at) throws IOException {
    long next = (at + blockSize - 1) / blockSize * blockSize;
    inRecord = false;
    skipping = true;
    if (next >= src.length()) return false;
    in.close();
    in = src.open(next);
    fr = new FragmentReader(in, next, blockSize, src.length(), src.source());
    return true;
  }
}
