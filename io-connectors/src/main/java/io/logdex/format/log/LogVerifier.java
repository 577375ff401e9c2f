package io.logdex.format.log;

import io.logdex.format.FormatException;
import io.logdex.format.zstd.PositionalChannel;
import io.logdex.format.zstd.SeekTable;
import io.logdex.format.zstd.SeekableZstdReader;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every fragment of a log and reports each damaged or incomplete record with its offset
 * and reason, carrying on past damage (next block, or next zstd frame). Changes nothing.
 */
public final class LogVerifier {
  /** Damages kept in a report; a wrecked file must not fill memory with them. */
  public static final int MAX_REPORTED = 1000;

  private LogVerifier() {}

  public static VerifyReport verify(Path file) throws IOException {
    try (PositionalChannel ch =
        new PositionalChannel(FileChannel.open(file, StandardOpenOption.READ), file.toString())) {
      return verify(ch);
    }
  }

  public static VerifyReport verify(PositionalChannel ch) throws IOException {
    Collector c = new Collector();
    boolean compressed = LogBytes.isZstd(ch);
    ScanSource src;
    if (!compressed) {
      src = ScanSource.plain(ch);
    } else {
      SeekTable table = null;
      try {
        if (SeekTable.isPresent(ch)) table = SeekTable.read(ch);
        else c.damage(new Damage(-1, -1, "no zstd seek table: the writer did not finish", true));
      } catch (FormatException e) {
        c.damage(new Damage(-1, -1, e.getMessage(), false));
      }
      src = table != null
          ? ScanSource.framed(new SeekableZstdReader(ch, table))
          : ScanSource.salvage(ch, ch.size());
    }
    LogScanner.scan(src, c);
    if (src instanceof ScanSource.Salvage s && s.stopReason() != null) {
      c.damage(new Damage(-1, -1, s.stopReason(), true));
    }
    long length = src instanceof ScanSource.Salvage s ? s.delivered() : src.length();
    return new VerifyReport(ch.source(), compressed, c.blockSize, length, c.records,
        c.payloadBytes, List.copyOf(c.damages), c.damageCount);
  }

  private static final class Collector implements LogScanner.Listener {
    int blockSize;
    long records;
    long payloadBytes;
    long damageCount;
    final List<Damage> damages = new ArrayList<>();

    @Override
    public void header(LogHeader header) {
      blockSize = header.blockSize();
    }

    @Override
    public void record(long position, long end, long length) {
      records++;
      payloadBytes += length;
    }

    @Override
    public void damage(Damage d) {
      damageCount++;
      if (damages.size() < MAX_REPORTED) damages.add(d);
    }
  }
}
