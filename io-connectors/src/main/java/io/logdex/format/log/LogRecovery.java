package io.logdex.format.log;

import io.logdex.format.FormatException;
import io.logdex.format.zstd.PositionalChannel;
import io.logdex.format.zstd.SeekTable;
import io.logdex.format.zstd.SeekableZstdReader;
import io.logdex.format.zstd.SeekableZstdWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Repairs a log whose tail was torn (a writer that crashed): keeps the longest prefix of complete,
 * valid records and drops what follows.
 *
 * <ul>
 *   <li>A plain log is truncated in place just after its last valid record, then fsynced. Only
 *       bytes that belong to no complete valid record are removed, so a crash during recovery
 *       leaves either the old file or the repaired one, and running it again is harmless.
 *   <li>A compressed log without its seek table is decoded from the start as far as zstd allows;
 *       the valid prefix is recompressed into {@code <name>.recover}, fsynced and renamed over the
 *       original. Positions are unchanged, since they are offsets in the uncompressed log.
 * </ul>
 *
 * Damage that is not a torn tail is refused, with nothing changed: if any complete valid record
 * follows the damage (a flipped bit, a lost block), or a compressed log still has its seek table
 * (its writer finished), truncating would throw good records away.
 */
public final class LogRecovery {
  public static final String RECOVER_SUFFIX = ".recover";

  private LogRecovery() {}

  /**
   * @throws FormatException if the damage is not a torn tail (see above) or the header is damaged
   */
  public static RecoveryReport recover(Path file) throws IOException {
    String name = file.toString();
    try (FileChannel ch =
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      PositionalChannel pc = new PositionalChannel(ch, name);
      if (!LogBytes.isZstd(pc)) return recoverPlain(ch, pc);
      if (SeekTable.isPresent(pc)) return refuseIfDamaged(pc, SeekTable.read(pc));
      return recoverCompressed(file, pc);
    }
  }

  private static RecoveryReport recoverPlain(FileChannel ch, PositionalChannel pc)
      throws IOException {
    Tracker t = new Tracker();
    LogScanner.scan(ScanSource.plain(pc), t);
    t.checkRecoverable(pc.source());
    long size = pc.size();
    if (t.damages.isEmpty()) {
      return new RecoveryReport(pc.source(), RecoveryReport.Action.NONE, t.kept, size, 0, 0,
          size, size, List.of());
    }
    ch.truncate(t.validEnd);
    ch.force(true);
    return new RecoveryReport(pc.source(), RecoveryReport.Action.TRUNCATED, t.kept, t.validEnd,
        size - t.validEnd, t.damages.size(), size, t.validEnd, List.copyOf(t.damages));
  }

  private static RecoveryReport refuseIfDamaged(PositionalChannel pc, SeekTable table)
      throws IOException {
    Tracker t = new Tracker();
    LogScanner.scan(ScanSource.framed(new SeekableZstdReader(pc, table)), t);
    if (!t.damages.isEmpty()) {
      throw new FormatException(
          "compressed log has its seek table, so its writer finished and the damage is not a torn"
              + " tail; first damage: " + t.damages.get(0) + ". Nothing changed.",
          pc.source(), Math.max(t.damages.get(0).offset(), 0));
    }
    return new RecoveryReport(pc.source(), RecoveryReport.Action.NONE, t.kept,
        table.decompressedSize(), 0, 0, pc.size(), pc.size(), List.of());
  }

  private static RecoveryReport recoverCompressed(Path file, PositionalChannel pc)
      throws IOException {
    Tracker t = new Tracker();
    ScanSource.Salvage first = ScanSource.salvage(pc, pc.size());
    LogScanner.scan(first, t);
    t.checkRecoverable(pc.source());
    ScanSource.Salvage fresh = ScanSource.salvage(pc, pc.size());
    Path abs = file.toAbsolutePath();
    Path temp = abs.resolveSibling(abs.getFileName() + RECOVER_SUFFIX);
    long written;
    try (FileChannel out =
            FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        InputStream in = fresh.open(0)) {
      OutputStream os = Channels.newOutputStream(out);
      SeekableZstdWriter z =
          new SeekableZstdWriter(os, LogEncoder.frameSizeFor(t.blockSize),
              SeekableZstdWriter.DEFAULT_LEVEL);
      try {
        copy(in, z, t.validEnd, pc.source());
        z.finish();
      } catch (IOException | RuntimeException e) {
        z.discard();
        throw e;
      }
      out.force(true);
      written = out.size();
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    FileSync.directory(abs.getParent());
    List<Damage> damages = new ArrayList<>(t.damages);
    if (first.stopReason() != null) damages.add(new Damage(-1, -1, first.stopReason(), true));
    return new RecoveryReport(pc.source(), RecoveryReport.Action.REWRITTEN, t.kept, t.validEnd,
        first.delivered() - t.validEnd, t.damages.size(), pc.size(), written,
        List.copyOf(damages));
  }

  private static void copy(InputStream in, OutputStream out, long n, String source)
      throws IOException {
    byte[] buf = new byte[64 * 1024];
    long left = n;
    while (left > 0) {
      int k = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (k < 0) {
        throw new FormatException("log bytes changed while recovering", source, n - left);
      }
      out.write(buf, 0, k);
      left -= k;
    }
  }

  /** Follows the scan: the valid prefix, and whether anything valid comes after the damage. */
  private static final class Tracker implements LogScanner.Listener {
    int blockSize;
    long kept;
    long validEnd = -1;
    long recordsAfterDamage;
    long firstRecordAfterDamage = -1;
    final List<Damage> damages = new ArrayList<>();

    @Override
    public void header(LogHeader header) {
      blockSize = header.blockSize();
      validEnd = LogFormat.HEADER_SIZE;
    }

    @Override
    public void record(long position, long end, long length) {
      if (damages.isEmpty()) {
        kept++;
        validEnd = end;
      } else {
        if (recordsAfterDamage++ == 0) firstRecordAfterDamage = position;
      }
    }

    @Override
    public void damage(Damage d) {
      if (damages.size() < LogVerifier.MAX_REPORTED) damages.add(d);
    }

    void checkRecoverable(String source) throws FormatException {
      if (validEnd < 0) {
        Damage d = damages.isEmpty() ? null : damages.get(0);
        throw new FormatException(
            "log header is damaged (" + (d == null ? "unreadable" : d.reason())
                + "); without it the block layout is unknown. Nothing changed.", source, 0);
      }
      if (recordsAfterDamage > 0) {
        throw new FormatException(
            "not a torn tail: the damage at " + damages.get(0).offset() + " is followed by "
                + recordsAfterDamage + " complete valid records (the first at "
                + firstRecordAfterDamage + "). Nothing changed; see LogVerifier.", source,
            Math.max(damages.get(0).offset(), 0));
      }
    }
  }
}
