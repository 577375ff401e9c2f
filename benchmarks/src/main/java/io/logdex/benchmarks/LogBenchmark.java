package io.logdex.benchmarks;

import io.logdex.format.log.LogCompression;
import io.logdex.format.log.LogCursor;
import io.logdex.format.log.LogEncoder;
import io.logdex.format.log.LogReader;
import io.logdex.format.zstd.SeekableZstdWriter;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.io.TFRecordIO;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The log format against Beam's TFRecord framing on the same payloads, in the same run.
 *
 * <ul>
 *   <li>append: one operation writes the whole data set (32 MiB of payloads) to a file through a
 *       64 KiB-buffered channel; logdex through {@link LogEncoder} (plain and zstd), TFRecord
 *       through the public {@link TFRecordIO#sink()}. No fsync on either side: this is the
 *       framing's cost, not the disk's. MB/s = 32 MiB / (ms/op).
 *   <li>read: one operation reads every record back; logdex through {@link LogCursor} (CRC of
 *       every fragment checked), TFRecord through Beam's own codec, TFRecordIO's package-private
 *       {@code TFRecordCodec} reached by reflection (it checks the masked CRC-32C of the length
 *       and of the data), over the same 64 KiB buffering.
 *   <li>readAt: one random record by position ({@link Mode#SampleTime} gives the percentiles),
 *       plain and compressed (at most one 1 MiB frame decompressed). TFRecord has no equivalent.
 * </ul>
 *
 * Payloads are JSON-like text (compressible, as op-log entries are) of {@code payloadSize} bytes,
 * generated from a fixed seed.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class LogBenchmark {
  public static final long DATA_BYTES = 32L << 20;

  @Param({"100", "4096", "262144"})
  public int payloadSize;

  public byte[][] payloads;
  public Path dir;
  public Path plainLog;
  public Path zstdLog;
  public Path tfrecord;
  public long[] plainPositions;
  public LogReader plainReader;
  public LogReader zstdReader;
  private Random random;
  private MethodHandle newCodec;
  private MethodHandle codecRead;

  @Setup(Level.Trial)
  public void setUp() throws Throwable {
    Random r = new Random(42);
    int n = (int) Math.max(1, DATA_BYTES / payloadSize);
    payloads = new byte[n][];
    for (int i = 0; i < n; i++) payloads[i] = jsonLike(r, payloadSize);
    dir = Files.createTempDirectory("log-bench");
    plainLog = dir.resolve("plain.log");
    zstdLog = dir.resolve("zstd.log.zst");
    tfrecord = dir.resolve("data.tfrecord");
    plainPositions = writeLog(plainLog, LogCompression.NONE);
    writeLog(zstdLog, LogCompression.ZSTD);
    writeTfRecord(tfrecord);
    plainReader = LogReader.open(plainLog);
    zstdReader = LogReader.open(zstdLog);
    random = new Random(7);
    Class<?> codec = Class.forName("org.apache.beam.sdk.io.TFRecordIO$TFRecordCodec");
    Constructor<?> ctor = codec.getDeclaredConstructor();
    ctor.setAccessible(true);
    var read = codec.getDeclaredMethod("read", ReadableByteChannel.class);
    read.setAccessible(true);
    newCodec = MethodHandles.lookup().unreflectConstructor(ctor);
    codecRead = MethodHandles.lookup().unreflect(read)
        .asType(MethodType.methodType(byte[].class, Object.class, ReadableByteChannel.class));
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    plainReader.close();
    zstdReader.close();
    try (var s = Files.list(dir)) {
      for (Path p : s.toList()) Files.delete(p);
    }
    Files.delete(dir);
  }

  static byte[] jsonLike(Random r, int size) {
    String[] words = {"commit", "path", "users", "jane", "settings", "theme", "dark", "qty", "sku"};
    StringBuilder sb = new StringBuilder(size + 32);
    sb.append('{');
    while (sb.length() < size) {
      sb.append('"').append(words[r.nextInt(words.length)]).append("\":")
          .append(r.nextInt(100_000)).append(',');
    }
    byte[] b = new byte[size];
    System.arraycopy(sb.toString().getBytes(), 0, b, 0, size);
    return b;
  }

  private long[] writeLog(Path f, LogCompression c) throws IOException {
    long[] pos = new long[payloads.length];
    try (OutputStream out = Files.newOutputStream(f);
        LogEncoder enc = new LogEncoder(out, 32 * 1024, c, SeekableZstdWriter.DEFAULT_LEVEL)) {
      for (int i = 0; i < payloads.length; i++) pos[i] = enc.append(payloads[i]);
    }
    return pos;
  }

  private void writeTfRecord(Path f) throws IOException {
    try (WritableByteChannel ch =
        Channels.newChannel(new BufferedOutputStream(Files.newOutputStream(f), 64 * 1024))) {
      TFRecordIO.Sink sink = TFRecordIO.sink();
      sink.open(ch);
      for (byte[] p : payloads) sink.write(p);
      sink.flush();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long appendLog() throws IOException {
    writeLog(dir.resolve("append.log"), LogCompression.NONE);
    return Files.size(dir.resolve("append.log"));
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long appendLogZstd() throws IOException {
    writeLog(dir.resolve("append.log.zst"), LogCompression.ZSTD);
    return Files.size(dir.resolve("append.log.zst"));
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long appendTfRecord() throws IOException {
    writeTfRecord(dir.resolve("append.tfrecord"));
    return Files.size(dir.resolve("append.tfrecord"));
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long readLog(Blackhole bh) throws IOException {
    return readAll(plainLog, bh);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long readLogZstd(Blackhole bh) throws IOException {
    return readAll(zstdLog, bh);
  }

  public static long readAll(Path f, Blackhole bh) throws IOException {
    long bytes = 0;
    try (LogReader r = LogReader.open(f); LogCursor c = r.cursor(0)) {
      while (c.next()) {
        bytes += c.payload().length;
        if (bh != null) bh.consume(c.payload());
      }
    }
    return bytes;
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long readTfRecord(Blackhole bh) throws Throwable {
    long bytes = 0;
    try (ReadableByteChannel ch =
        Channels.newChannel(new BufferedInputStream(Files.newInputStream(tfrecord), 64 * 1024))) {
      Object codec = newCodec.invoke();
      byte[] p;
      while ((p = (byte[]) codecRead.invokeExact(codec, ch)) != null) {
        bytes += p.length;
        if (bh != null) bh.consume(p);
      }
    }
    return bytes;
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public byte[] readAtPlain() throws IOException {
    return plainReader.readAt(plainPositions[random.nextInt(plainPositions.length)]);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public byte[] readAtZstd() throws IOException {
    return zstdReader.readAt(plainPositions[random.nextInt(plainPositions.length)]);
  }
}
