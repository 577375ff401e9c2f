package io.logdex.io.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.logdex.format.log.LogCompression;
import io.logdex.format.log.LogReader;
import io.logdex.format.log.LogWriter;
import io.logdex.format.log.LogWriterOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.io.BoundedSource;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.ValueProvider.StaticValueProvider;
import org.apache.beam.sdk.testing.SourceTestUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The source against Beam's own contract checks: splits at any offset lose and repeat nothing. */
class LogSourceTest {
  private static final PipelineOptions OPTIONS = PipelineOptionsFactory.create();

  @TempDir Path dir;

  enum Shape { TINY, HUGE, MIXED }

  static List<byte[]> payloads(Shape shape, int count, int blockSize, long seed) {
    Random r = new Random(seed);
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int size = switch (shape) {
        case TINY -> r.nextInt(40);
        case HUGE -> blockSize + r.nextInt(4 * blockSize);
        case MIXED -> r.nextInt(3) == 0 ? blockSize * 2 + r.nextInt(blockSize) : r.nextInt(200);
      };
      byte[] p = new byte[size];
      for (int k = 0; k < size; k++) p[k] = (byte) (r.nextInt(6) == 0 ? ' ' : 'a' + (i + k) % 7);
      out.add(p);
    }
    return out;
  }

  static Path writeLog(Path file, List<byte[]> payloads, int blockSize, LogCompression c)
      throws IOException {
    return writeLog(file, payloads, LogWriterOptions.defaults().withBlockSize(blockSize)
        .withCompression(c));
  }

  static Path writeLog(Path file, List<byte[]> payloads, LogWriterOptions o) throws IOException {
    try (LogWriter w = LogWriter.create(file, o)) {
      for (byte[] p : payloads) w.append(p);
    }
    return file;
  }

  private static LogSource source(Path file) {
    return new LogSource(StaticValueProvider.of(file.toString()), EmptyMatchTreatment.DISALLOW,
        LogReader.DEFAULT_MAX_RECORD_BYTES, null);
  }

  /** The single-file source Beam builds for one file of a pattern. */
  private static LogSource singleFile(Path file) throws Exception {
    var md = FileSystems.matchSingleFileSpec(file.toString());
    return (LogSource) source(file).createForSubrangeOfFile(md, 0, md.sizeBytes());
  }

  @Test
  void readsEveryRecordWithFileAndPosition() throws Exception {
    List<byte[]> payloads = payloads(Shape.MIXED, 30, 512, 1);
    Path f = writeLog(dir.resolve("a.log"), payloads, 512, LogCompression.NONE);
    List<LogRecord> got = SourceTestUtils.readFromSource(source(f), OPTIONS);
    assertEquals(payloads.size(), got.size());
    try (LogReader r = LogReader.open(f)) {
      for (int i = 0; i < got.size(); i++) {
        assertArrayEquals(payloads.get(i), got.get(i).payload());
        assertArrayEquals(payloads.get(i), r.readAt(got.get(i).position()));
        assertTrue(got.get(i).file().endsWith("a.log"), got.get(i).file());
      }
    }
  }

  @Test
  void plainSplitsMatchTheWholeAndSplitAtEveryFraction() throws Exception {
    for (Shape shape : Shape.values()) {
      int count = switch (shape) {
        case TINY -> 50;
        case HUGE -> 8;
        case MIXED -> 25;
      };
      Path f = writeLog(dir.resolve("p-" + shape + ".log"), payloads(shape, count, 512, 2),
          512, LogCompression.NONE);
      LogSource whole = singleFile(f);
      List<? extends BoundedSource<LogRecord>> splits = whole.split(1024, OPTIONS);
      assertTrue(splits.size() >= 2, shape + ": " + splits.size() + " splits");
      SourceTestUtils.assertSourcesEqualReferenceSource(whole, splits, OPTIONS);
      SourceTestUtils.assertSplitAtFractionExhaustive(whole, OPTIONS);
      // A range that starts mid-file is still a source Beam can split again.
      for (int i = splits.size() - 1; i > 0; i--) {
        if (SourceTestUtils.readFromSource(splits.get(i), OPTIONS).size() >= 3) {
          SourceTestUtils.assertSplitAtFractionExhaustive(splits.get(i), OPTIONS);
          break;
        }
      }
    }
  }

  /**
   * Frames of one 512-byte block give tiny, huge and mixed logs many frames each, so
   * splits at frame granularity really divide the work; one log has the default 1 MiB frames.
   */
  @Test
  void compressedSplitsMatchTheWholeAndSplitAtEveryFraction() throws Exception {
    for (Shape shape : Shape.values()) {
      int count = switch (shape) {
        case TINY -> 50;
        case HUGE -> 6;
        case MIXED -> 20;
      };
      Path f = writeLog(dir.resolve("z-" + shape + ".log.zst"), payloads(shape, count, 512, 3),
          LogWriterOptions.defaults().withBlockSize(512).withCompression(LogCompression.ZSTD)
              .withZstdFrameSize(512));
      checkCompressedSplits(f, shape.toString(), true);
    }
    // ~2.3 MiB of 32 KiB blocks: three frames of the default size.
    Path f = writeLog(dir.resolve("z-default.log.zst"), payloads(Shape.HUGE, 18, 48 * 1024, 4),
        32 * 1024, LogCompression.ZSTD);
    // Exhaustive splitting would decompress the 2.3 MiB some hundreds of times; the small frames
    // above exercise the same code.
    checkCompressedSplits(f, "default frames", false);
  }

  private void checkCompressedSplits(Path f, String what, boolean exhaustive) throws Exception {
    try (LogReader r = LogReader.open(f)) {
      assertTrue(r.seekTable().frameCount() >= 3, what + " frames");
    }
    LogSource whole = singleFile(f);
    List<? extends BoundedSource<LogRecord>> splits = whole.split(1024, OPTIONS);
    SourceTestUtils.assertSourcesEqualReferenceSource(whole, splits, OPTIONS);
    if (exhaustive) SourceTestUtils.assertSplitAtFractionExhaustive(whole, OPTIONS);
    long nonEmpty = 0;
    for (BoundedSource<LogRecord> s : whole.split(256, OPTIONS)) {
      if (!SourceTestUtils.readFromSource(s, OPTIONS).isEmpty()) nonEmpty++;
    }
    assertTrue(nonEmpty >= 2, what + ": work in " + nonEmpty + " splits");
  }

  @Test
  void filePatternSplitsAcrossFiles() throws Exception {
    writeLog(dir.resolve("m-1.log"), payloads(Shape.MIXED, 20, 512, 4), 512, LogCompression.NONE);
    writeLog(dir.resolve("m-2.log"), payloads(Shape.MIXED, 25, 1024, 5), 1024, LogCompression.ZSTD);
    writeLog(dir.resolve("m-3.log"), List.of(), 512, LogCompression.NONE);
    LogSource pattern = source(dir.resolve("m-*.log"));
    List<LogRecord> all = SourceTestUtils.readFromSource(pattern, OPTIONS);
    assertEquals(45, all.size());
    SourceTestUtils.assertSourcesEqualReferenceSource(pattern, pattern.split(1024, OPTIONS), OPTIONS);
    all.sort(Comparator.comparing(LogRecord::file).thenComparingLong(LogRecord::position));
    assertTrue(all.get(0).file().endsWith("m-1.log"));
  }

  @Test
  void requiredCompressionIsChecked() throws Exception {
    Path f = writeLog(dir.resolve("n.log"), payloads(Shape.TINY, 3, 512, 6), 512, LogCompression.NONE);
    LogSource wrong = new LogSource(StaticValueProvider.of(f.toString()),
        EmptyMatchTreatment.DISALLOW, 1000, LogCompression.ZSTD);
    IOException e = assertThrows(IOException.class, () -> SourceTestUtils.readFromSource(wrong, OPTIONS));
    assertTrue(String.valueOf(e.getMessage()).contains("expected a ZSTD log")
        || String.valueOf(e.getCause()).contains("expected a ZSTD log"), String.valueOf(e));
  }
}
