package io.logdex.format.log;

import static io.logdex.format.log.LogFormat.FIRST;
import static io.logdex.format.log.LogFormat.FULL;

import io.logdex.format.FormatException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.NoSuchElementException;

/**
 * Reads records in order, starting with the first record whose position is at or after a given
 * offset. The offset need not be a record boundary: the cursor walks fragments from the start of
 * the block that holds it, skipping continuation fragments of a record that began earlier, which
 * is what lets a split reader start anywhere.
 *
 * <p>Every fragment it walks over is CRC-checked, skipped ones included, and a damaged record is an
 * error, never a skip. Not thread-safe.
 */
public final class LogCursor implements Closeable {
  private static final int READ_BUFFER = 64 * 1024;

  private final InputStream in;
  private final FragmentReader fr;
  private final long from;
  private final long maxRecordBytes;
  private boolean resyncing = true;
  private boolean done;
  private long position = -1;
  private long end = -1;
  private byte[] payload;

  LogCursor(LogBytes bytes, long fromOffset, long maxRecordBytes) throws IOException {
    int blockSize = bytes.blockSize();
    this.from = Math.max(fromOffset, LogFormat.HEADER_SIZE);
    this.maxRecordBytes = maxRecordBytes;
    long start = Math.max(from - from % blockSize, LogFormat.HEADER_SIZE);
    if (from >= bytes.length()) {
      done = true;
      in = InputStream.nullInputStream();
      fr = null;
      return;
    }
    this.in = new BufferedInputStream(bytes.openAt(start), READ_BUFFER);
    this.fr = new FragmentReader(in, start, blockSize, bytes.length(), bytes.source());
  }

  /**
   * Moves to the next record.
   *
   * @return false at the end of the log
   * @throws io.logdex.format.TruncatedInputException if the log ends inside a record
   * @throws FormatException if a fragment is damaged or out of place
   */
  public boolean next() throws IOException {
    if (done) return false;
    payload = null;
    while (fr.next()) {
      boolean start = fr.type == FULL || fr.type == FIRST;
      if (resyncing) {
        if (!start || fr.fragmentStart < from) {
          fr.skipData();
          continue;
        }
        resyncing = false;
      }
      if (!start) {
        throw new FormatException(
            LogFormat.typeName(fr.type) + " fragment at " + fr.fragmentStart
                + " follows a complete record: its record's first fragment is missing",
            fr.source(), fr.fragmentStart);
      }
      position = fr.fragmentStart;
      payload = RecordAssembly.read(fr, maxRecordBytes);
      end = fr.position();
      return true;
    }
    done = true;
    return false;
  }

  /** Position of the current record: the offset of its first fragment. */
  public long position() {
    check();
    return position;
  }

  /** Offset just past the current record's last fragment. */
  public long end() {
    check();
    return end;
  }

  /** The current record's payload. The cursor does not reuse the array. */
  public byte[] payload() {
    check();
    return payload;
  }

  @Override
  public void close() throws IOException {
    done = true;
    in.close();
  }

  private void check() {
    if (payload == null) throw new NoSuchElementException("no current record");
  }
}
